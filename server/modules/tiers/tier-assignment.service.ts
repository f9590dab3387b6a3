import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { JobQueue } from '../../jobs/queue.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { DB, TiersTable } from '../../platform/schema.ts';
import { insertAuditRow } from '../audit/audit.repository.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { RequestContext } from '../auth/actor.ts';
import * as repo from './tier-assignment.repository.ts';
import { chooseTier, type TierChoice, toTierRule } from './tier-assignment.ts';

/*
 * Tier assignment by customer value, applied in three places:
 * - a customer is created (API, every channel through
 *   findOrCreateCustomerByIdentity, the importer);
 * - a customer's value fields change (annual revenue, margin, organization);
 * - the `tiers.recompute` job, queued when tiers or their rules change or on
 *   request, which also catches ticket volume moving and tickets ageing out
 *   of the one-year window.
 * A tier set by hand (tier_source `manual`) is never touched by any of them.
 *
 * Tickets keep the tier they were filed under: a ticket's tier_id is history
 * (reports and SLA targets of that ticket stay as they were). A new tier only
 * applies to tickets filed after the customer's tier changed.
 */

export const TIERS_RECOMPUTE = 'tiers.recompute';
export const tiersRecomputePayload = z.object({ workspace_id: z.uuid() });

const YEAR_MS = 365 * 24 * 3_600_000;
const BATCH_SIZE = 500;

/** What the rules give a customer with these value fields (`id` null: not saved yet, so no tickets). */
export async function ruleTierFor(
  db: Kysely<DB>,
  workspaceId: string,
  customer: { id: string | null; organization_id: string | null; annual_revenue: string | null; margin: string | null },
  now: Date,
): Promise<TierChoice> {
  const tiers = await repo.listTierRules(db, workspaceId);
  const orgId = customer.organization_id;
  const organizationTierId = orgId ? ((await repo.organizationTiers(db, workspaceId, [orgId])).get(orgId) ?? null) : null;
  let ticketsLastYear = 0;
  if (customer.id && tiers.some((t) => t.auto_assign && t.min_tickets_per_year !== null)) {
    const counts = await repo.ticketCounts(db, workspaceId, [customer.id], new Date(now.getTime() - YEAR_MS), now);
    ticketsLastYear = counts.get(customer.id) ?? 0;
  }
  return chooseTier(tiers.map(toTierRule), {
    annualRevenue: customer.annual_revenue,
    margin: customer.margin,
    ticketsLastYear,
    organizationTierId,
  });
}

/**
 * Re-tiers every customer of the workspace whose tier the rules decide, a
 * page at a time (each page its own transaction), and writes only the
 * customers whose tier or source changes. Idempotent: a second run changes
 * nothing. Records one audit row with the counts.
 */
export async function recomputeWorkspaceTiers(
  db: Kysely<DB>,
  workspaceId: string,
  now: Date,
  options: { jobId?: string; batchSize?: number } = {},
): Promise<{ examined: number; changed: number }> {
  const tiers = (await repo.listTierRules(db, workspaceId)).map(toTierRule);
  const since = new Date(now.getTime() - YEAR_MS);
  const batchSize = options.batchSize ?? BATCH_SIZE;
  let examined = 0;
  let changed = 0;
  let after: string | undefined;
  for (;;) {
    const page = await repo.ruleTieredCustomers(db, workspaceId, after, batchSize);
    if (page.length === 0) break;
    after = page[page.length - 1]?.id;
    examined += page.length;
    changed += await db.transaction().execute(async (trx) => {
      const orgIds = [...new Set(page.flatMap((c) => (c.organization_id ? [c.organization_id] : [])))];
      const orgTiers = await repo.organizationTiers(trx, workspaceId, orgIds);
      const counts = await repo.ticketCounts(trx, workspaceId, page.map((c) => c.id), since, now);
      // Group the changes by their new (tier, source): a few UPDATEs per page, not one per customer.
      const groups = new Map<string, { choice: TierChoice; ids: string[] }>();
      for (const c of page) {
        const choice = chooseTier(tiers, {
          annualRevenue: c.annual_revenue,
          margin: c.margin,
          ticketsLastYear: counts.get(c.id) ?? 0,
          organizationTierId: c.organization_id ? (orgTiers.get(c.organization_id) ?? null) : null,
        });
        if (choice.tierId === c.tier_id && choice.source === c.tier_source) continue;
        const key = `${choice.tierId}:${choice.source}`;
        const group = groups.get(key) ?? { choice, ids: [] };
        group.ids.push(c.id);
        groups.set(key, group);
      }
      let written = 0;
      for (const { choice, ids } of groups.values()) written += await repo.setRuleTier(trx, workspaceId, ids, choice, now);
      return written;
    });
    if (page.length < batchSize) break;
  }
  await insertAuditRow(db, {
    id: newId(now.getTime()),
    workspace_id: workspaceId,
    actor_type: 'system',
    actor_id: null,
    action: 'tiers.recomputed',
    entity_type: 'tier',
    entity_id: null,
    changes: { job_id: options.jobId ?? null, customers_examined: examined, customers_changed: changed, tiers: tiers.length },
    ip: null,
    occurred_at: now,
  });
  return { examined, changed };
}

/** Queues a recompute; pass the transaction that changed the rules, so the job exists only if it commits. */
export async function queueTierRecompute(jobs: JobQueue, db: Kysely<DB>, workspaceId: string): Promise<string> {
  const jobId = await jobs.send(db, TIERS_RECOMPUTE, { workspace_id: workspaceId });
  // Only a singletonKey makes pg-boss skip a send, and we pass none.
  if (!jobId) throw new AppError('internal_error', 'The tier recompute could not be queued');
  return jobId;
}

/** `POST /tiers/recompute`: an admin asks for every customer to be re-tiered now. */
export async function requestTierRecompute(db: Kysely<DB>, ctx: RequestContext, jobs: JobQueue): Promise<{ job_id: string }> {
  return db.transaction().execute(async (trx) => {
    const jobId = await queueTierRecompute(jobs, trx, ctx.workspaceId);
    await recordAudit(trx, ctx, 'tiers.recompute_requested', { type: 'tier', id: null }, { job_id: jobId });
    return { job_id: jobId };
  });
}

type RuleFields = Pick<Selectable<TiersTable>, 'rank' | 'auto_assign' | 'min_annual_revenue' | 'min_margin' | 'min_tickets_per_year'>;

/**
 * Whether a tier change (`before` null: created; `after` null: deleted) can
 * move any customer: its rules changed and the tier is, or was, an
 * auto-assign tier, or its rank moved while value rules are in use (ranks
 * decide between a value tier and the organization's tier). Without
 * auto-assign tiers customers only follow their organization, which a rank
 * does not change; renaming a tier changes nobody's tier.
 */
export async function tierChangeNeedsRecompute(db: Kysely<DB>, workspaceId: string, before: RuleFields | null, after: RuleFields | null): Promise<boolean> {
  if (before && after && sameRules(before, after)) return false;
  if (before?.auto_assign || after?.auto_assign) return true;
  if (before && after && before.rank !== after.rank) return repo.hasAutoAssignTier(db, workspaceId);
  return false;
}

function sameRules(a: RuleFields, b: RuleFields): boolean {
  return (
    a.rank === b.rank &&
    a.auto_assign === b.auto_assign &&
    a.min_annual_revenue === b.min_annual_revenue &&
    a.min_margin === b.min_margin &&
    a.min_tickets_per_year === b.min_tickets_per_year
  );
}
