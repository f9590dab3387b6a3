import type { Kysely } from 'kysely';
import { z } from 'zod';
import { pruneLoginAttempts } from '../modules/auth/auth.repository.ts';
import { pruneKeys } from '../modules/shared/idempotency.repository.ts';
import type { Clock } from '../platform/clock.ts';
import type { DB } from '../platform/schema.ts';
import { defineJob } from './job.ts';

const DAY_MS = 24 * 3_600_000;

/**
 * Deletes bookkeeping rows nobody reads any more: failed sign-in attempts
 * (the throttle only looks back GAPWISE_LOGIN_WINDOW_MINUTES) and
 * Idempotency-Key records (clients retry within minutes, we keep a day).
 * Deleting twice is harmless, so the job is idempotent.
 */
export async function pruneExpiredRecords(db: Kysely<DB>, now: Date): Promise<void> {
  const dayAgo = new Date(now.getTime() - DAY_MS);
  await pruneLoginAttempts(db, dayAgo);
  await pruneKeys(db, dayAgo);
}

export const MAINTENANCE_PRUNE = 'maintenance.prune';

/**
 * Hourly through pg-boss's cron schedule rather than a job re-queued with a
 * singletonKey at every start: the schedule is stored in the database, fires
 * once per hour however many instances run and however often they restart,
 * and keeps firing on a server that stays up for weeks.
 */
export function maintenancePruneJob(deps: { db: Kysely<DB>; clock: Clock }) {
  return defineJob({
    name: MAINTENANCE_PRUNE,
    payload: z.object({}),
    schedule: '0 * * * *',
    retryLimit: 2,
    handle: () => pruneExpiredRecords(deps.db, deps.clock.now()),
  });
}
