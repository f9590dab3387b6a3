import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../platform/schema.ts';
import type { FactFilters } from './analytics-rules.ts';

/**
 * SQL shared by the quality analytics (consistency, service levels, value): the filters over
 * `ticket_facts` (alias `f`), the check that filter ids exist, and the names of units and groups.
 * Every query filters by workspace_id. Names are read from the reference tables here (a read the
 * teams/branches/tiers/organizations/users modules do not offer in bulk).
 */

export type { FactFilters };

/**
 * The workspace and the filters over `ticket_facts` (alias `f` unless named), and — unless
 * `included: false` — "not merged or spam". Shared by every analytics repository.
 */
export function factWhere(workspaceId: string, f: FactFilters, options: { alias?: 'f' | 't'; included?: boolean } = {}): RawBuilder<boolean> {
  const a = options.alias ?? 'f';
  const col = (name: string) => sql.ref(`${a}.${name}`);
  const parts: RawBuilder<unknown>[] = [sql`${col('workspace_id')} = ${workspaceId}`];
  if (options.included ?? true) parts.push(sql`not ${col('excluded')}`);
  if (f.tierId) parts.push(sql`${col('tier_id')} = ${f.tierId}`);
  if (f.organizationId) parts.push(sql`${col('organization_id')} = ${f.organizationId}`);
  if (f.channel) parts.push(sql`${col('channel')} = ${f.channel}`);
  if (f.priority) parts.push(sql`${col('priority')} = ${f.priority}`);
  if (f.category) parts.push(sql`${col('category')} = ${f.category}`);
  if (f.teamId) parts.push(sql`${col('team_id')} = ${f.teamId}`);
  if (f.branchId) parts.push(sql`${col('branch_id')} = ${f.branchId}`);
  if (f.assigneeId) parts.push(sql`${col('assignee_id')} = ${f.assigneeId}`);
  if (f.tag) parts.push(sql`${col('tags')} @> array[${f.tag}]::text[]`);
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

export type ReferenceKind = 'tier' | 'organization' | 'team' | 'branch' | 'user';

const referenceTables: Record<ReferenceKind, 'tiers' | 'organizations' | 'teams' | 'branches' | 'users'> = {
  tier: 'tiers',
  organization: 'organizations',
  team: 'teams',
  branch: 'branches',
  user: 'users',
};

/** Whether the row exists in this workspace (deactivated users count: their tickets stay theirs). */
export async function referenceExists(db: Kysely<DB>, workspaceId: string, kind: ReferenceKind, id: string): Promise<boolean> {
  const row = await db
    .selectFrom(referenceTables[kind])
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

/** Names of the given ids in this workspace; ids not found (deleted) are absent. */
export async function namesOf(db: Kysely<DB>, workspaceId: string, kind: ReferenceKind, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom(referenceTables[kind])
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface TierRow {
  id: string;
  name: string;
  rank: number;
  min_annual_revenue: string | null;
  min_margin: string | null;
  min_tickets_per_year: number | null;
}

export async function tiersOf(db: Kysely<DB>, workspaceId: string, ids: readonly string[]): Promise<TierRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('tiers')
    .select(['id', 'name', 'rank', 'min_annual_revenue', 'min_margin', 'min_tickets_per_year'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...ids])
    .execute();
  return rows.map((r) => ({ ...r, min_annual_revenue: decimalText(r.min_annual_revenue), min_margin: decimalText(r.min_margin) }));
}

export interface OrganizationRow {
  id: string;
  name: string;
  tier_id: string | null;
  annual_revenue: string | null;
  margin: string | null;
}

export async function organizationsOf(db: Kysely<DB>, workspaceId: string, ids: readonly string[]): Promise<OrganizationRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('organizations')
    .select(['id', 'name', 'tier_id', 'annual_revenue', 'margin'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...ids])
    .execute();
  return rows.map((r) => ({ ...r, annual_revenue: decimalText(r.annual_revenue), margin: decimalText(r.margin) }));
}

/** numeric comes back as a string on both engines; keep it exact. */
function decimalText(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}
