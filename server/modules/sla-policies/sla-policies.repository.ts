import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { DB, SlaPoliciesTable } from '../../platform/schema.ts';

export function insertPolicy(db: Kysely<DB>, row: Insertable<SlaPoliciesTable>) {
  return db.insertInto('sla_policies').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findPolicy(db: Kysely<DB>, workspaceId: string, id: string) {
  return db.selectFrom('sla_policies').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export function findPolicyByName(db: Kysely<DB>, workspaceId: string, name: string) {
  return db
    .selectFrom('sla_policies')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
}

/** In evaluation order; `after` is the (position, id) of the last row of the previous page. */
export function listPolicies(db: Kysely<DB>, workspaceId: string, after: [number, string] | undefined, limit: number) {
  let q = db.selectFrom('sla_policies').selectAll().where('workspace_id', '=', workspaceId);
  if (after) {
    const [position, id] = after;
    q = q.where((eb) => eb.or([eb('position', '>', position), eb.and([eb('position', '=', position), eb('id', '>', id)])]));
  }
  return q.orderBy('position').orderBy('id').limit(limit + 1).execute();
}

/** The active policies in evaluation order (what the clock engine applies). */
export function listActivePolicies(db: Kysely<DB>, workspaceId: string) {
  return db
    .selectFrom('sla_policies')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('active', '=', true)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

/** Ids and positions of all policies, locked until the transaction ends (reorder, append). */
export function lockPolicyOrder(db: Kysely<DB>, workspaceId: string) {
  return db.selectFrom('sla_policies').select(['id', 'position']).where('workspace_id', '=', workspaceId).orderBy('position').orderBy('id').forUpdate().execute();
}

export function updatePolicy(db: Kysely<DB>, workspaceId: string, id: string, changes: Updateable<SlaPoliciesTable>) {
  return db.updateTable('sla_policies').set(changes).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function setPosition(db: Kysely<DB>, workspaceId: string, id: string, position: number, now: Date): Promise<void> {
  await db.updateTable('sla_policies').set({ position, updated_at: now }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

export async function deletePolicy(db: Kysely<DB>, workspaceId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('sla_policies').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The workspace's calendars among `ids`, with their stored definitions. */
export function findCalendars(db: Kysely<DB>, workspaceId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('calendars').select(['id', 'definition']).where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
}

export type ReferenceTable = 'tiers' | 'organizations' | 'teams' | 'branches';

/** Which of `ids` exist in the workspace as tiers, organizations, teams or branches (one query). */
export async function findLiveReferenceIds(db: Kysely<DB>, workspaceId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const tables: ReferenceTable[] = ['tiers', 'organizations', 'teams', 'branches'];
  const [first, ...rest] = tables.map((t) => db.selectFrom(t).select('id').where('workspace_id', '=', workspaceId).where('id', 'in', ids));
  const rows = await rest.reduce((q, next) => q.unionAll(next), first as NonNullable<typeof first>).execute();
  return new Set(rows.map((r) => r.id));
}

/** Which of `ids` are active users of the workspace (deactivated users count as deleted). */
export async function findActiveUserIds(db: Kysely<DB>, workspaceId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('users').select('id').where('workspace_id', '=', workspaceId).where('active', '=', true).where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

/** Every policy of the workspace (active or not) with the parts that name other things. */
export function listPolicyReferenceParts(db: Kysely<DB>, workspaceId: string) {
  return db
    .selectFrom('sla_policies')
    .select(['id', 'name', 'active', 'conditions', 'targets', 'escalation_rules'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

/** Which of `ids` exist in one table of the workspace. */
export async function findIds(db: Kysely<DB>, workspaceId: string, table: ReferenceTable | 'calendars', ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom(table).select('id').where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

/** Next free position at the end of the list. */
export async function nextPosition(db: Kysely<DB>, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom('sla_policies')
    .select(sql<number>`coalesce(max(position), 0) + 1`.as('next'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return Number(row?.next ?? 1);
}
