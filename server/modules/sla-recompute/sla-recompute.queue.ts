import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { JobQueue } from '../../jobs/queue.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { DB, SlaRecomputesTable } from '../../platform/schema.ts';
import type { RequestContext } from '../auth/actor.ts';
import * as repo from './sla-recompute.repository.ts';

/*
 * Queuing an SLA recompute. Kept apart from the service (which runs one through the clock
 * engine) so the policy and calendar services can queue without importing the engine.
 */

export const SLA_RECOMPUTE = 'sla.recompute';
export const slaRecomputePayload = z.object({ workspace_id: z.uuid(), recompute_id: z.uuid(), historical: z.boolean() });

/**
 * Queues a recompute of the workspace's clocks; pass the transaction of the change that calls
 * for it, so the recompute (row and job) exists only if the change commits. A recompute still
 * queued that covers this one (same kind, or historical) is reused instead: it has not loaded
 * the policies yet, so it will see this change. Without `jobs` (seeding, some tests) nothing
 * is queued and null is returned.
 */
export async function queueSlaRecompute(
  jobs: JobQueue | undefined,
  db: Kysely<DB>,
  ctx: RequestContext,
  request: { reason: string; historical?: boolean },
): Promise<Selectable<SlaRecomputesTable> | null> {
  if (!jobs) return null;
  const historical = request.historical ?? false;
  const queued = await repo.findQueuedRecompute(db, ctx.workspaceId, historical);
  if (queued) return queued;
  const row = await repo.insertRecompute(db, {
    id: newId(ctx.now.getTime()),
    workspace_id: ctx.workspaceId,
    reason: request.reason,
    historical,
    status: 'queued',
    total: null,
    error: null,
    requested_by: ctx.actor.id,
    created_at: ctx.now,
    started_at: null,
    finished_at: null,
  });
  const jobId = await jobs.send(db, SLA_RECOMPUTE, { workspace_id: ctx.workspaceId, recompute_id: row.id, historical });
  // Only a singletonKey makes pg-boss skip a send, and we pass none.
  if (!jobId) throw new AppError('internal_error', 'The SLA recompute could not be queued');
  return row;
}
