import type { Kysely } from 'kysely';
import { z } from 'zod';
import { defineJob } from '../../jobs/job.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/schema.ts';
import { sweepEscalations } from './sla-escalations.service.ts';

export const SLA_ESCALATIONS_SWEEP = 'sla.escalations.sweep';

/**
 * Every minute (pg-boss cron, stored in the database: one run per minute whatever the number of
 * instances, and it survives restarts): fires the warnings and escalations due by now. No retry:
 * the next minute's run is the retry, and a row that failed is still scheduled.
 */
export function slaEscalationsSweepJob(deps: { db: Kysely<DB>; clock: Clock; jobs: JobQueue; logger?: { error(obj: object, msg?: string): void } }) {
  return defineJob({
    name: SLA_ESCALATIONS_SWEEP,
    payload: z.object({}),
    schedule: '* * * * *',
    retryLimit: 0,
    handle: async () => {
      await sweepEscalations({ db: deps.db, jobs: deps.jobs, logger: deps.logger }, deps.clock.now());
    },
  });
}
