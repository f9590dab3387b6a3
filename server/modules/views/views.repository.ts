import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { DB, SavedViewsTable } from '../../platform/schema.ts';
import { filteredTickets, type TicketFilter } from '../tickets/tickets.repository.ts';

/** A user's personal views and the workspace's shared ones, shared first, then by name. */
export function listVisibleViews(db: Kysely<DB>, workspaceId: string, userId: string | null) {
  return db
    .selectFrom('saved_views')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where((eb) => (userId ? eb.or([eb('shared', '=', true), eb('owner_user_id', '=', userId)]) : eb('shared', '=', true)))
    .orderBy('shared', 'desc')
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .execute();
}

export function findView(db: Kysely<DB>, workspaceId: string, id: string) {
  return db.selectFrom('saved_views').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/** The view with this name (case-insensitive) in the same scope: the owner's personal views, or the shared ones. */
export function findViewByName(db: Kysely<DB>, workspaceId: string, scope: { shared: boolean; ownerUserId: string }, name: string) {
  let q = db
    .selectFrom('saved_views')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('shared', '=', scope.shared)
    .where(sql<boolean>`lower(name) = lower(${name})`);
  if (!scope.shared) q = q.where('owner_user_id', '=', scope.ownerUserId);
  return q.executeTakeFirst();
}

export async function countViews(db: Kysely<DB>, workspaceId: string, scope: { shared: boolean; ownerUserId: string }): Promise<number> {
  let q = db.selectFrom('saved_views').select((eb) => eb.fn.countAll<string | number>().as('n')).where('workspace_id', '=', workspaceId).where('shared', '=', scope.shared);
  if (!scope.shared) q = q.where('owner_user_id', '=', scope.ownerUserId);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

export function insertView(db: Kysely<DB>, row: Insertable<SavedViewsTable>) {
  return db.insertInto('saved_views').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateView(db: Kysely<DB>, workspaceId: string, id: string, changes: Updateable<SavedViewsTable>) {
  return db.updateTable('saved_views').set(changes).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function deleteView(db: Kysely<DB>, workspaceId: string, id: string) {
  await db.deleteFrom('saved_views').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

/**
 * Tickets a filter selects, counting at most `cap + 1` of them: the inner query stops after
 * `cap + 1` rows, so a view of a million tickets costs what one of 10,001 does.
 */
export async function countTicketsUpTo(db: Kysely<DB>, workspaceId: string, filter: Omit<TicketFilter, 'limit'>, cap: number): Promise<number> {
  const inner = filteredTickets(db, workspaceId, filter)
    .clearSelect()
    .select(sql<number>`1`.as('one'))
    .limit(cap + 1);
  const row = await db
    .selectFrom(inner.as('t'))
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
