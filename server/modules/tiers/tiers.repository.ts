import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, TiersTable } from '../../platform/schema.ts';

export function insertTier(db: Kysely<DB>, row: Insertable<TiersTable>) {
  return db.insertInto('tiers').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findTier(db: Kysely<DB>, workspaceId: string, id: string) {
  return db.selectFrom('tiers').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export function findTierByName(db: Kysely<DB>, workspaceId: string, name: string) {
  return db
    .selectFrom('tiers')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
}

/** Most valuable first: rank descending, then id ascending; `after` is the last row of the previous page. */
export function listTiers(db: Kysely<DB>, workspaceId: string, after: { rank: number; id: string } | undefined, limit: number) {
  let q = db.selectFrom('tiers').selectAll().where('workspace_id', '=', workspaceId);
  if (after) {
    q = q.where((eb) => eb.or([eb('rank', '<', after.rank), eb.and([eb('rank', '=', after.rank), eb('id', '>', after.id)])]));
  }
  return q.orderBy('rank', 'desc').orderBy('id', 'asc').limit(limit + 1).execute();
}

export function updateTier(db: Kysely<DB>, workspaceId: string, id: string, changes: Updateable<TiersTable>) {
  return db.updateTable('tiers').set(changes).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Customers, organizations and tickets keep their tier; any one of them blocks deletion. */
export async function isTierInUse(db: Kysely<DB>, workspaceId: string, id: string): Promise<boolean> {
  for (const table of ['customers', 'organizations', 'tickets'] as const) {
    const row = await db.selectFrom(table).select('id').where('workspace_id', '=', workspaceId).where('tier_id', '=', id).limit(1).executeTakeFirst();
    if (row) return true;
  }
  return false;
}

export async function deleteTier(db: Kysely<DB>, workspaceId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('tiers').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
