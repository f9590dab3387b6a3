import type { Kysely } from 'kysely';
import { z } from 'zod';
import { defineJob } from '../../jobs/job.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DB } from '../../platform/schema.ts';
import type { Mailer } from '../../platform/mailer.ts';
import { deliverEmailNotification, NOTIFICATIONS_EMAIL } from './notifications.service.ts';

export const notificationsEmailPayload = z.object({ workspace_id: z.uuid(), notification_id: z.uuid() }).strict();

/**
 * The email copy of an in-app notice, queued by notifyUsers in the transaction that made the
 * notice: rendered and sent through the SMTP relay (see deliverEmailNotification). Temporary
 * relay failures are retried by the queue with backoff. Safe to run twice.
 */
export function notificationsEmailJob(deps: { db: Kysely<DB>; clock: Clock; mailer: Mailer }) {
  return defineJob({
    name: NOTIFICATIONS_EMAIL,
    payload: notificationsEmailPayload,
    retryLimit: 5,
    handle: async (payload) => {
      await deliverEmailNotification(deps.db, deps.mailer, payload.workspace_id, payload.notification_id, deps.clock.now());
    },
  });
}
