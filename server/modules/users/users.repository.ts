import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, UsersTable } from '../../platform/schema.ts';

export function insertUser(db: Kysely<DB>, row: Insertable<UsersTable>) {
  return db.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findUser(db: Kysely<DB>, workspaceId: string, id: string) {
  return db.selectFrom('users').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export function findUserByEmail(db: Kysely<DB>, workspaceId: string, email: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
}

export function listUsers(
  db: Kysely<DB>,
  workspaceId: string,
  f: { after?: string | undefined; limit: number; q?: string | undefined; role?: string | undefined; active?: boolean | undefined },
) {
  let q = db.selectFrom('users').selectAll().where('workspace_id', '=', workspaceId);
  if (f.after) q = q.where('id', '>', f.after);
  if (f.role) q = q.where('role', '=', f.role as UsersTable['role']);
  if (f.active !== undefined) q = q.where('active', '=', f.active);
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('name', 'ilike', pattern), eb('email', 'ilike', pattern)]));
  }
  return q.orderBy('id').limit(f.limit + 1).execute();
}

export function updateUser(db: Kysely<DB>, workspaceId: string, id: string, changes: Updateable<UsersTable>) {
  return db
    .updateTable('users')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function teamIdsByUser(db: Kysely<DB>, userIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return map;
  const rows = await db.selectFrom('team_members').select(['user_id', 'team_id']).where('user_id', 'in', userIds).execute();
  for (const r of rows) map.get(r.user_id)?.push(r.team_id);
  return map;
}

export async function setUserTeams(db: Kysely<DB>, workspaceId: string, userId: string, teamIds: string[]) {
  await db.deleteFrom('team_members').where('user_id', '=', userId).execute();
  if (teamIds.length > 0) {
    await db
      .insertInto('team_members')
      .values(teamIds.map((team_id) => ({ workspace_id: workspaceId, team_id, user_id: userId })))
      .execute();
  }
}

export async function countActiveOwners(db: Kysely<DB>, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'owner')
    .where('active', '=', true)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
