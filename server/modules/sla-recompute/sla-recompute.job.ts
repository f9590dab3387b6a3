import type { Kysely } from 'kysely';
import { defineJob } from '../../jobs/job.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/schema.ts';
import { SLA_RECOMPUTE, slaRecomputePayload } from './sla-recompute.queue.ts';
import { runSlaRecompute } from './sla-recompute.service.ts';

/**
 * Recomputes a workspace's SLA clocks after a policy or calendar change, or on request
 * (`POST /api/v1/sla/recomputes`), with its progress in `sla_recomputes`. Safe to run twice: the
 * clocks it writes are the ones history gives, and a completed run is not repeated.
 */
export function slaRecomputeJob(deps: { db: Kysely<DB>; clock: Clock }) {
  return defineJob({
    name: SLA_RECOMPUTE,
    payload: slaRecomputePayload,
    retryLimit: 3,
    handle: (payload) => runSlaRecompute(deps.db, payload, () => deps.clock.now()),
  });
}
