import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Config } from '../../../config.ts';
import { defineJob } from '../../../jobs/job.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Mailer } from '../../../platform/mailer.ts';
import type { DB } from '../../../platform/schema.ts';
import { EMAIL_SEND_JOB, EMAIL_SEND_RETRIES, sendEmailMessage } from './email-outbound.service.ts';

export const emailSendPayload = z.object({ workspace_id: z.uuid(), email_message_id: z.uuid() }).strict();

/**
 * Sends one outbound mail of a ticket (agent reply or acknowledgement), queued in the
 * transaction that made it. Temporary relay failures are retried by the queue with exponential
 * backoff (30 s, 1 min, 2 min, …); the last failure, a permanent one or a missing relay marks the
 * mail failed and writes an `email_delivery_failed` ticket event. Safe to run twice: a mail no
 * longer queued is not sent again.
 */
export function emailSendJob(deps: { db: Kysely<DB>; clock: Clock; mailer: Mailer; config: Pick<Config, 'mailFrom' | 'mailDomain' | 'dataDir'> }) {
  return defineJob({
    name: EMAIL_SEND_JOB,
    payload: emailSendPayload,
    retryLimit: EMAIL_SEND_RETRIES,
    retryDelaySeconds: 30,
    handle: async (payload) => {
      await sendEmailMessage(deps, payload.workspace_id, payload.email_message_id);
    },
  });
}
