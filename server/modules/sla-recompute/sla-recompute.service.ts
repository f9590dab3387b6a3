import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { iso } from '../../../contracts/common.ts';
import type { createSlaRecomputeBody, SlaRecomputeDto } from '../../../contracts/sla-recomputes.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { decodeCursor, toPage } from '../../platform/cursor.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { DB, SlaRecomputesTable } from '../../platform/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { RequestContext } from '../auth/actor.ts';
import { recomputeWorkspaceClocks } from '../sla-clocks/sla-clocks.service.ts';
import { queueSlaRecompute, type slaRecomputePayload } from './sla-recompute.queue.ts';
import * as repo from './sla-recompute.repository.ts';

export function toSlaRecomputeDto(row: Selectable<SlaRecomputesTable>): SlaRecomputeDto {
  return {
    id: row.id,
    reason: row.reason,
    historical: row.historical,
    status: row.status,
    total: row.total,
    processed: row.processed,
    error: row.error,
    requested_by: row.requested_by,
    created_at: iso(row.created_at) as string,
    started_at: iso(row.started_at),
    finished_at: iso(row.finished_at),
  };
}

/** `POST /sla/recomputes`: an admin asks for the clocks to be recomputed now (a queued one is reused). */
export async function requestSlaRecompute(
  db: Kysely<DB>,
  ctx: RequestContext,
  input: z.output<typeof createSlaRecomputeBody>,
  jobs: JobQueue,
): Promise<SlaRecomputeDto> {
  return db.transaction().execute(async (trx) => {
    const row = await queueSlaRecompute(jobs, trx, ctx, { reason: 'requested', historical: input.historical ?? false });
    if (!row) throw new AppError('internal_error', 'The SLA recompute could not be queued');
    await recordAudit(trx, ctx, 'sla.recompute_requested', { type: 'sla_recompute', id: row.id }, { historical: row.historical });
    return toSlaRecomputeDto(row);
  });
}

export async function getSlaRecompute(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<SlaRecomputeDto> {
  const row = await repo.findRecompute(db, ctx.workspaceId, id);
  if (!row) throw notFound('SLA recompute');
  return toSlaRecomputeDto(row);
}

/** Newest first. */
export async function listSlaRecomputes(db: Kysely<DB>, ctx: RequestContext, query: { cursor?: string | undefined; limit: number }) {
  const before = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
  const rows = await repo.listRecomputes(db, ctx.workspaceId, before, query.limit);
  return toPage(rows, query.limit, (r) => [r.id], toSlaRecomputeDto);
}

/**
 * The `sla.recompute` job: recomputes the workspace's clocks (tickets not closed, or every ticket
 * when historical), writing progress after each batch. A run already completed is not repeated;
 * a failed attempt is recorded and rethrown, so the queue retries it.
 */
export async function runSlaRecompute(db: Kysely<DB>, payload: z.output<typeof slaRecomputePayload>, now: () => Date): Promise<void> {
  const { workspace_id: workspaceId, recompute_id: id } = payload;
  const run = await repo.startRecompute(db, workspaceId, id, now());
  if (!run) return;
  try {
    await recomputeWorkspaceClocks(db, workspaceId, now(), {
      onlyOpen: !run.historical,
      onProgress: (progress) => repo.setProgress(db, workspaceId, id, progress),
    });
    await repo.finishRecompute(db, workspaceId, id, { status: 'completed', error: null, finished_at: now() });
  } catch (error) {
    await repo.finishRecompute(db, workspaceId, id, { status: 'failed', error: error instanceof Error ? error.message : String(error), finished_at: now() });
    throw error;
  }
}
