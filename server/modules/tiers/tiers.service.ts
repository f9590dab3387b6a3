import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { iso } from '../../../contracts/common.ts';
import type { createTierBody, TierDto, updateTierBody } from '../../../contracts/tiers.ts';
import { decodeCursor, toPage } from '../../platform/cursor.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { DB, TiersTable } from '../../platform/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { RequestContext } from '../auth/actor.ts';
import * as repo from './tiers.repository.ts';

export function toTierDto(t: Selectable<TiersTable>): TierDto {
  return {
    id: t.id,
    name: t.name,
    rank: t.rank,
    description: t.description,
    min_annual_revenue: t.min_annual_revenue,
    min_margin: t.min_margin,
    created_at: iso(t.created_at) as string,
    updated_at: iso(t.updated_at) as string,
  };
}

export async function createTier(db: Kysely<DB>, ctx: RequestContext, input: z.output<typeof createTierBody>): Promise<TierDto> {
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
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    await recordAudit(trx, ctx, 'tier.created', { type: 'tier', id: tier.id }, input);
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

export async function updateTier(db: Kysely<DB>, ctx: RequestContext, id: string, input: z.output<typeof updateTierBody>): Promise<TierDto> {
  return db.transaction().execute(async (trx) => {
    if (input.name) {
      const same = await repo.findTierByName(trx, ctx.workspaceId, input.name);
      if (same && same.id !== id) throw conflict('A tier with this name already exists');
    }
    const tier = await repo.updateTier(trx, ctx.workspaceId, id, { ...input, updated_at: ctx.now });
    if (!tier) throw notFound('Tier');
    await recordAudit(trx, ctx, 'tier.updated', { type: 'tier', id }, input);
    return toTierDto(tier);
  });
}

/** A tier that customers, organizations or tickets still carry cannot be deleted: segment reports would lose it. */
export async function deleteTier(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await repo.findTier(trx, ctx.workspaceId, id))) throw notFound('Tier');
    if (await repo.isTierInUse(trx, ctx.workspaceId, id)) throw conflict('Customers, organizations or tickets still belong to this tier');
    await repo.deleteTier(trx, ctx.workspaceId, id);
    await recordAudit(trx, ctx, 'tier.deleted', { type: 'tier', id });
  });
}
