import type { Kysely } from 'kysely';
import { z } from 'zod';
import { defineJob } from '../../../jobs/job.ts';
import type { Clock } from '../../../platform/clock.ts';
import { MailDeliveryError, type Mailer, MailNotConfiguredError } from '../../../platform/mailer.ts';
import type { DB } from '../../../platform/schema.ts';
import { appendEvent } from '../../tickets/ticket-writer.ts';
import { findTicket } from '../../tickets/tickets.repository.ts';
import * as deliveries from '../webhook/channel-deliveries.repository.ts';
import { formTexts } from './form-texts.ts';
import { workspaceName } from './forms.repository.ts';

export const FORMS_ACKNOWLEDGE = 'forms.acknowledge';
const MAX_ATTEMPTS = 5;

export const formsAcknowledgePayload = z.object({ workspace_id: z.uuid(), message_id: z.uuid() }).strict();

/**
 * The acknowledgement mail to a form's submitter, in their language, marked
 * `Auto-Submitted: auto-replied` so that their auto-responder does not answer it (no mail loops).
 * The subject carries `[#<ticket number>]`, the ticket token the email channel threads replies by.
 * Sent once (channel_deliveries); a temporary relay failure is retried by the queue, a permanent
 * one (or the last attempt) is recorded on the delivery row and as an `acknowledgement_failed`
 * ticket event.
 */
export async function deliverFormAcknowledgement(
  db: Kysely<DB>,
  mailer: Mailer,
  workspaceId: string,
  messageId: string,
  now: Date,
): Promise<'sent' | 'done_before' | 'not_configured' | 'failed' | 'gone'> {
  const delivery = await deliveries.findDelivery(db, workspaceId, messageId);
  if (!delivery) return 'gone';
  if (delivery.status !== 'pending') return 'done_before';
  const message = await deliveries.findMessage(db, workspaceId, messageId);
  const ticket = message ? await findTicket(db, workspaceId, message.ticket_id) : undefined;
  const form = (message?.metadata.form ?? {}) as { email?: string; name?: string | null; locale?: string };
  if (!message || !ticket || !form.email) return 'gone';
  const t = formTexts(form.locale);
  const workspace = (await workspaceName(db, workspaceId))?.name ?? '';
  try {
    await mailer.send({
      to: [form.email],
      subject: t.ackSubject(ticket.number, ticket.subject),
      text: t.ackBody({ name: form.name ?? form.email, number: ticket.number, subject: ticket.subject, message: message.body_text, workspace }),
      headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' },
    });
    await deliveries.recordAttempt(db, workspaceId, messageId, { status: 'sent', error: null, sentAt: now });
    return 'sent';
  } catch (error) {
    if (error instanceof MailNotConfiguredError) {
      await deliveries.recordAttempt(db, workspaceId, messageId, { status: 'not_sent', error: error.message });
      return 'not_configured';
    }
    const reason = error instanceof Error ? error.message : String(error);
    const permanent = error instanceof MailDeliveryError && error.permanent;
    if (!permanent && delivery.attempts + 1 < MAX_ATTEMPTS) {
      await deliveries.recordAttempt(db, workspaceId, messageId, { status: 'pending', error: reason });
      throw error;
    }
    await db.transaction().execute(async (trx) => {
      await deliveries.recordAttempt(trx, workspaceId, messageId, { status: 'failed', error: reason });
      await appendEvent(trx, ticket, 'acknowledgement_failed', { actor_type: 'system', actor_id: null }, { message_id: messageId, to: form.email, reason }, now);
    });
    return 'failed';
  }
}

export function formsAcknowledgeJob(deps: { db: Kysely<DB>; clock: Clock; mailer: Mailer }) {
  return defineJob({
    name: FORMS_ACKNOWLEDGE,
    payload: formsAcknowledgePayload,
    retryLimit: MAX_ATTEMPTS,
    retryDelaySeconds: 30,
    handle: async (p) => {
      await deliverFormAcknowledgement(deps.db, deps.mailer, p.workspace_id, p.message_id, deps.clock.now());
    },
  });
}
