import type { Insertable, Kysely, Updateable } from 'kysely';
import type { BranchesTable, DB } from '../../platform/schema.ts';

export function insertBranch(db: Kysely<DB>, row: Insertable<BranchesTable>) {
  return db.insertInto('branches').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findBranch(db: Kysely<DB>, workspaceId: string, id: string) {
  return db.selectFrom('branches').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export function findBranchByName(db: Kysely<DB>, workspaceId: string, name: string) {
  return db
    .selectFrom('branches')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
}

export function listBranches(db: Kysely<DB>, workspaceId: string, after: string | undefined, limit: number) {
  let q = db.selectFrom('branches').selectAll().where('workspace_id', '=', workspaceId);
  if (after) q = q.where('id', '>', after);
  return q.orderBy('id').limit(limit + 1).execute();
}

export function updateBranch(db: Kysely<DB>, workspaceId: string, id: string, changes: Updateable<BranchesTable>) {
  return db.updateTable('branches').set(changes).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function isBranchInUse(db: Kysely<DB>, workspaceId: string, id: string): Promise<boolean> {
  const row = await db.selectFrom('tickets').select('id').where('workspace_id', '=', workspaceId).where('branch_id', '=', id).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function deleteBranch(db: Kysely<DB>, workspaceId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('branches').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
