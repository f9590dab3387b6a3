import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { iso } from '../../../contracts/common.ts';
import type { createTierBody, TierDto, updateTierBody } from '../../../contracts/tiers.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { decodeCursor, toPage } from '../../platform/cursor.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { DB, TiersTable } from '../../platform/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { RequestContext } from '../auth/actor.ts';
import { assertNoPolicyReferences } from '../sla-policies/sla-policies.service.ts';
import { queueTierRecompute, tierChangeNeedsRecompute } from './tier-assignment.service.ts';
import * as repo from './tiers.repository.ts';

/**
 * Tier changes take `jobs` to queue the `tiers.recompute` job (in the same
 * transaction) when the change can move customers between tiers; without it
 * (seeding) nothing is queued.
 */
async function recomputeIfNeeded(
  trx: Kysely<DB>,
  ctx: RequestContext,
  jobs: JobQueue | undefined,
  before: Selectable<TiersTable> | null,
  after: Selectable<TiersTable> | null,
): Promise<void> {
  if (jobs && (await tierChangeNeedsRecompute(trx, ctx.workspaceId, before, after))) await queueTierRecompute(jobs, trx, ctx.workspaceId);
}

export function toTierDto(t: Selectable<TiersTable>): TierDto {
  return {
    id: t.id,
    name: t.name,
    rank: t.rank,
    description: t.description,
    min_annual_revenue: t.min_annual_revenue,
    min_margin: t.min_margin,
    min_tickets_per_year: t.min_tickets_per_year,
    auto_assign: t.auto_assign,
    created_at: iso(t.created_at) as string,
    updated_at: iso(t.updated_at) as string,
  };
}

export async function createTier(db: Kysely<DB>, ctx: RequestContext, input: z.output<typeof createTierBody>, jobs?: JobQueue): Promise<TierDto> {
  return db.transaction().execute(async (trx) => {
    if (await repo.findTierByName(trx, ctx.workspaceId, input.name)) throw conflict('A tier with this name already exists');
    const tier = await repo.insertTier(trx, {
      id: newId(ctx.now.getTime()),
      workspace_id: ctx.workspaceId,
      name: input.name,
      rank: input.rank,
      description: input.description ?? null,
      min_annual_revenue: input.min_annual_revenue ?? null,
      min_margin: input.min_margin ?? null,
      min_tickets_per_year: input.min_tickets_per_year ?? null,
      auto_assign: input.auto_assign ?? false,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    await recordAudit(trx, ctx, 'tier.created', { type: 'tier', id: tier.id }, input);
    await recomputeIfNeeded(trx, ctx, jobs, null, tier);
    return toTierDto(tier);
  });
}

export async function getTier(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<TierDto> {
  const tier = await repo.findTier(db, ctx.workspaceId, id);
  if (!tier) throw notFound('Tier');
  return toTierDto(tier);
}

function decodeTierCursor(cursor: string): { rank: number; id: string } {
  const [rank, id] = decodeCursor(cursor, 2);
  if (typeof rank !== 'number' || !Number.isInteger(rank) || typeof id !== 'string') {
    throw new AppError('invalid_cursor', 'The cursor is not one this server issued');
  }
  return { rank, id };
}

export async function listTiers(db: Kysely<DB>, ctx: RequestContext, query: { cursor?: string | undefined; limit: number }) {
  const after = query.cursor ? decodeTierCursor(query.cursor) : undefined;
  const rows = await repo.listTiers(db, ctx.workspaceId, after, query.limit);
  return toPage(rows, query.limit, (r) => [r.rank, r.id], toTierDto);
}

export async function updateTier(
  db: Kysely<DB>,
  ctx: RequestContext,
  id: string,
  input: z.output<typeof updateTierBody>,
  jobs?: JobQueue,
): Promise<TierDto> {
  return db.transaction().execute(async (trx) => {
    const before = await repo.findTier(trx, ctx.workspaceId, id);
    if (!before) throw notFound('Tier');
    if (input.name) {
      const same = await repo.findTierByName(trx, ctx.workspaceId, input.name);
      if (same && same.id !== id) throw conflict('A tier with this name already exists');
    }
    const tier = await repo.updateTier(trx, ctx.workspaceId, id, { ...input, updated_at: ctx.now });
    if (!tier) throw notFound('Tier');
    await recordAudit(trx, ctx, 'tier.updated', { type: 'tier', id }, input);
    await recomputeIfNeeded(trx, ctx, jobs, before, tier);
    return toTierDto(tier);
  });
}

/**
 * A tier that customers, organizations or tickets still carry cannot be
 * deleted: segment reports would lose it. To retire an auto-assign tier,
 * turn auto_assign off first; the recompute moves its customers on.
 */
export async function deleteTier(db: Kysely<DB>, ctx: RequestContext, id: string, jobs?: JobQueue): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await repo.findTier(trx, ctx.workspaceId, id);
    if (!before) throw notFound('Tier');
    if (await repo.isTierInUse(trx, ctx.workspaceId, id)) throw conflict('Customers, organizations or tickets still belong to this tier');
    await assertNoPolicyReferences(trx, ctx.workspaceId, 'tiers', id);
    await repo.deleteTier(trx, ctx.workspaceId, id);
    await recordAudit(trx, ctx, 'tier.deleted', { type: 'tier', id });
    await recomputeIfNeeded(trx, ctx, jobs, before, null);
  });
}
