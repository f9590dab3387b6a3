import type { Kysely } from 'kysely';
import type { DB, TierSource } from '../../platform/schema.ts';

/** Every tier of the workspace with its rules, most valuable first. */
export function listTierRules(db: Kysely<DB>, workspaceId: string) {
  return db
    .selectFrom('tiers')
    .select(['id', 'rank', 'auto_assign', 'min_annual_revenue', 'min_margin', 'min_tickets_per_year'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('rank', 'desc')
    .orderBy('id', 'asc')
    .execute();
}

export async function hasAutoAssignTier(db: Kysely<DB>, workspaceId: string): Promise<boolean> {
  const row = await db.selectFrom('tiers').select('id').where('workspace_id', '=', workspaceId).where('auto_assign', '=', true).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The tier of each organization that has one. */
export async function organizationTiers(db: Kysely<DB>, workspaceId: string, organizationIds: string[]): Promise<Map<string, string>> {
  if (organizationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('organizations')
    .select(['id', 'tier_id'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', organizationIds)
    .where('tier_id', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.id, r.tier_id as string]));
}

/** Tickets each customer filed in [since, until], counted in the database; customers with none are absent. */
export async function ticketCounts(db: Kysely<DB>, workspaceId: string, customerIds: string[], since: Date, until: Date): Promise<Map<string, number>> {
  if (customerIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('tickets')
    .select(['customer_id', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', 'in', customerIds)
    .where('created_at', '>=', since)
    .where('created_at', '<=', until)
    .groupBy('customer_id')
    .execute();
  return new Map(rows.map((r) => [r.customer_id, Number(r.n)]));
}

/** A page of the customers whose tier the rules decide (not set by hand), in id order. */
export function ruleTieredCustomers(db: Kysely<DB>, workspaceId: string, after: string | undefined, limit: number) {
  let q = db
    .selectFrom('customers')
    .select(['id', 'organization_id', 'tier_id', 'tier_source', 'annual_revenue', 'margin'])
    .where('workspace_id', '=', workspaceId)
    .where('tier_source', '<>', 'manual');
  if (after) q = q.where('id', '>', after);
  return q.orderBy('id').limit(limit).execute();
}

/**
 * Sets the rules' tier on these customers. The `tier_source <> 'manual'`
 * guard keeps a tier an agent set meanwhile (after the page was read).
 */
export async function setRuleTier(
  db: Kysely<DB>,
  workspaceId: string,
  customerIds: string[],
  tier: { tierId: string | null; source: Exclude<TierSource, 'manual'> },
  now: Date,
): Promise<number> {
  if (customerIds.length === 0) return 0;
  const result = await db
    .updateTable('customers')
    .set({ tier_id: tier.tierId, tier_source: tier.source, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', customerIds)
    .where('tier_source', '<>', 'manual')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

