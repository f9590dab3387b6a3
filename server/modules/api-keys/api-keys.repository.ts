import type { Insertable, Kysely } from 'kysely';
import type { ApiKeysTable, DB } from '../../platform/schema.ts';

/** SQL for managing API keys. Authenticating with a key lives in auth.repository.ts. */

export function insertApiKey(db: Kysely<DB>, row: Insertable<ApiKeysTable>) {
  return db.insertInto('api_keys').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findApiKey(db: Kysely<DB>, workspaceId: string, id: string) {
  return db.selectFrom('api_keys').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export function listApiKeys(db: Kysely<DB>, workspaceId: string, after: string | undefined, limit: number) {
  let q = db.selectFrom('api_keys').selectAll().where('workspace_id', '=', workspaceId);
  if (after) q = q.where('id', '>', after);
  return q.orderBy('id').limit(limit + 1).execute();
}

export function revokeApiKey(db: Kysely<DB>, workspaceId: string, id: string, now: Date) {
  return db
    .updateTable('api_keys')
    .set({ revoked_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
