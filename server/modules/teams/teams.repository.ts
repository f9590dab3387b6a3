import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, TeamsTable } from '../../platform/schema.ts';

export function insertTeam(db: Kysely<DB>, row: Insertable<TeamsTable>) {
  return db.insertInto('teams').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findTeam(db: Kysely<DB>, workspaceId: string, id: string) {
  return db.selectFrom('teams').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export function findTeamByName(db: Kysely<DB>, workspaceId: string, name: string) {
  return db
    .selectFrom('teams')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
}

export function listTeams(db: Kysely<DB>, workspaceId: string, after: string | undefined, limit: number) {
  let q = db.selectFrom('teams').selectAll().where('workspace_id', '=', workspaceId);
  if (after) q = q.where('id', '>', after);
  return q.orderBy('id').limit(limit + 1).execute();
}

export function updateTeam(db: Kysely<DB>, workspaceId: string, id: string, changes: Updateable<TeamsTable>) {
  return db.updateTable('teams').set(changes).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function isTeamInUse(db: Kysely<DB>, workspaceId: string, id: string): Promise<boolean> {
  const row = await db.selectFrom('tickets').select('id').where('workspace_id', '=', workspaceId).where('team_id', '=', id).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function deleteTeam(db: Kysely<DB>, workspaceId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('teams').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** A user of the workspace (active or not), for the team lead check. */
export function findUser(db: Kysely<DB>, workspaceId: string, id: string) {
  return db.selectFrom('users').select(['id', 'active']).where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}
