import type { Kysely } from 'kysely';
import type { DB } from '../../platform/schema.ts';

/** SQL for sessions, API key lookups and login throttling. */

export function findActiveUsersByEmail(db: Kysely<DB>, email: string) {
  return db
    .selectFrom('users')
    .innerJoin('workspaces', 'workspaces.id', 'users.workspace_id')
    .select(['users.id', 'users.workspace_id', 'users.password_hash', 'users.role', 'users.is_instance_admin', 'workspaces.slug'])
    .where((eb) => eb(eb.fn('lower', ['users.email']), '=', email.toLowerCase()))
    .where('users.active', '=', true)
    .execute();
}

export async function insertSession(
  db: Kysely<DB>,
  row: { id: string; token_hash: string; workspace_id: string; user_id: string; expires_at: Date; ip: string | null; user_agent: string | null; now: Date },
) {
  await db
    .insertInto('sessions')
    .values({
      id: row.id,
      token_hash: row.token_hash,
      workspace_id: row.workspace_id,
      user_id: row.user_id,
      expires_at: row.expires_at,
      created_at: row.now,
      last_seen_at: row.now,
      ip: row.ip,
      user_agent: row.user_agent,
    })
    .execute();
}

export function findLiveSession(db: Kysely<DB>, tokenHash: string, now: Date) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id', 'sessions.workspace_id', 'sessions.user_id', 'sessions.expires_at', 'users.role', 'users.is_instance_admin'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', now)
    .where('users.active', '=', true)
    .executeTakeFirst();
}

export async function revokeSession(db: Kysely<DB>, sessionId: string, now: Date) {
  await db.updateTable('sessions').set({ revoked_at: now }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

/** Revokes every open session of a user, except `keepSessionId` (the one making the change) when given. */
export async function revokeUserSessions(db: Kysely<DB>, userId: string, now: Date, keepSessionId: string | null = null) {
  let q = db.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (keepSessionId) q = q.where('id', '!=', keepSessionId);
  await q.execute();
}

export function findLiveApiKey(db: Kysely<DB>, keyHash: string, now: Date) {
  return db
    .selectFrom('api_keys')
    .select(['id', 'workspace_id', 'role', 'created_by'])
    .where('key_hash', '=', keyHash)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
}

export async function touchApiKey(db: Kysely<DB>, id: string, now: Date) {
  await db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', id).execute();
}

export async function countRecentLoginFailures(db: Kysely<DB>, key: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('key', '=', key)
    .where('attempted_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function recordLoginFailure(db: Kysely<DB>, keys: string[], now: Date) {
  await db
    .insertInto('login_attempts')
    .values(keys.map((key) => ({ key, attempted_at: now })))
    .execute();
}

export async function clearLoginFailures(db: Kysely<DB>, key: string) {
  await db.deleteFrom('login_attempts').where('key', '=', key).execute();
}

export async function pruneLoginAttempts(db: Kysely<DB>, before: Date) {
  await db.deleteFrom('login_attempts').where('attempted_at', '<', before).execute();
}
