import type { Kysely } from 'kysely';
import { z } from 'zod';
import { pruneLoginAttempts } from '../modules/auth/auth.repository.ts';
import { pruneKeys } from '../modules/shared/idempotency.repository.ts';
import { pruneRateLimitWindows } from '../modules/channels/form/forms.repository.ts';
import { pruneReceipts } from '../modules/channels/webhook/webhooks.repository.ts';
import { pruneCancelled } from '../modules/sla-escalations/sla-escalations.repository.ts';
import type { Clock } from '../platform/clock.ts';
import type { DB } from '../platform/schema.ts';
import { defineJob } from './job.ts';

const DAY_MS = 24 * 3_600_000;

/**
 * Deletes bookkeeping rows nobody reads any more: failed sign-in attempts
 * (the throttle only looks back GAPWISE_LOGIN_WINDOW_MINUTES), Idempotency-Key
 * records (clients retry within minutes, we keep a day), webhook replay
 * receipts (signatures are valid ±5 minutes; kept a day), web-form rate-limit
 * windows (an hour each; kept a day) and SLA warnings cancelled over 30 days
 * ago. Deleting twice is harmless, so the job is idempotent.
 */
export async function pruneExpiredRecords(db: Kysely<DB>, now: Date): Promise<void> {
  const dayAgo = new Date(now.getTime() - DAY_MS);
  await pruneLoginAttempts(db, dayAgo);
  await pruneKeys(db, dayAgo);
  await pruneReceipts(db, dayAgo);
  await pruneRateLimitWindows(db, dayAgo);
  await pruneCancelled(db, new Date(now.getTime() - 30 * DAY_MS));
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
