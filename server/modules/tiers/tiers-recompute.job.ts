import type { Kysely } from 'kysely';
import { defineJob } from '../../jobs/job.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/schema.ts';
import { recomputeWorkspaceTiers, TIERS_RECOMPUTE, tiersRecomputePayload } from './tier-assignment.service.ts';

/**
 * Re-tiers a workspace's customers by the tiers' rules (see
 * tier-assignment.service.ts). Queued by tier changes and by
 * `POST /api/v1/tiers/recompute`. Safe to run twice: it writes only what
 * differs from the rules' answer.
 */
export function tiersRecomputeJob(deps: { db: Kysely<DB>; clock: Clock }) {
  return defineJob({
    name: TIERS_RECOMPUTE,
    payload: tiersRecomputePayload,
    retryLimit: 3,
    handle: async (payload, meta) => {
      await recomputeWorkspaceTiers(deps.db, payload.workspace_id, deps.clock.now(), { jobId: meta.jobId });
    },
  });
}
