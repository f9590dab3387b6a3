import type { Kysely } from 'kysely';
import { z } from 'zod';
import { defineJob } from '../../jobs/job.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/schema.ts';
import { refreshTicketFacts } from './ticket-facts.service.ts';

export const ANALYTICS_FACTS_REFRESH = 'analytics.facts.refresh';

/** Tickets one run rebuilds at most; the rest waits a minute (a migration's backlog drains over several runs). */
export const FACTS_PER_RUN = 50_000;

/**
 * Every minute (pg-boss cron stored in the database: one run per minute whatever the number of
 * instances), rebuilds the facts of tickets marked since the last run, so analytics lag new events
 * by at most about a minute. No retry: the next minute's run is the retry, and a failed batch
 * leaves its tickets marked. Two runs that overlap share the queue (skip locked).
 */
export function analyticsFactsRefreshJob(deps: { db: Kysely<DB>; clock: Clock }) {
  return defineJob({
    name: ANALYTICS_FACTS_REFRESH,
    payload: z.object({}),
    schedule: '* * * * *',
    retryLimit: 0,
    handle: async () => {
      await refreshTicketFacts(deps.db, { now: deps.clock.now(), limit: FACTS_PER_RUN });
    },
  });
}
