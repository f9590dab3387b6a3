import { type Kysely, sql } from 'kysely';

/**
 * Tier assignment by customer value (issue 3, item 3). A tier may opt in to
 * automatic assignment (`auto_assign`, off by default so nothing changes for a
 * workspace until an admin asks for it) and gains a ticket-volume threshold
 * beside the revenue and margin ones it already had.
 *
 * `customers.tier_source` says who set the customer's tier: `manual` (an agent
 * or API client; rules never override it), `rule` (the value thresholds, or
 * no tier yet) or `organization` (inherited from the organization's tier).
 * Every tier set before this migration was set by hand, so those customers
 * become `manual`; the rest are left to the rules.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table tiers add column auto_assign boolean not null default false`.execute(db);
  await sql`alter table tiers add column min_tickets_per_year integer check (min_tickets_per_year >= 0)`.execute(db);

  await sql`
    alter table customers add column tier_source text not null default 'rule'
      check (tier_source in ('manual','rule','organization'))`.execute(db);
  await sql`update customers set tier_source = 'manual' where tier_id is not null`.execute(db);
  // A hand-set tier is a tier: clearing it returns the customer to the rules.
  await sql`alter table customers add constraint customers_manual_tier check (tier_source <> 'manual' or tier_id is not null)`.execute(db);
  // The recompute job counts each customer's tickets of the last year.
  await sql`create index tickets_customer_created on tickets (workspace_id, customer_id, created_at)`.execute(db);
}
