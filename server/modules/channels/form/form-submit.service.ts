import type { Kysely } from 'kysely';
import type { FormField } from '../../../../contracts/forms.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import type { DB } from '../../../platform/schema.ts';
import { customerSegment, findOrCreateCustomerByIdentity } from '../../customers/customers.service.ts';
import { refreshTicketClocks } from '../../sla-clocks/sla-clocks.service.ts';
import { appendMessage, openTicket } from '../../tickets/ticket-writer.ts';
import { insertDelivery } from '../webhook/channel-deliveries.repository.ts';
import { fieldLabel } from './form-page.ts';
import { FORMS_ACKNOWLEDGE } from './form-acknowledgement.ts';
import { type FormLocale, isFormLocale } from './form-texts.ts';
import { checkSubmission, isHoneypotFilled, messageBody, type SubmittedValue, ticketSubject } from './form-submission.ts';
import * as repo from './forms.repository.ts';

/**
 * A public form submission: rate limit per client IP (counted in the database, so it holds across
 * instances and counts refused and spam submissions too), honeypot, field checks, then one
 * transaction that opens the `web_form` ticket for the customer found by email and queues the
 * acknowledgement mail.
 */

const WINDOW_MS = 3600_000;

export type SubmitOutcome = { result: 'created'; ticketId: string; locale: FormLocale } | { result: 'spam'; locale: FormLocale };

export async function loadPublicForm(db: Kysely<DB>, formId: string) {
  const form = await repo.findPublicForm(db, formId);
  // A disabled form answers exactly like a missing one.
  if (!form || !form.enabled) throw notFound('Form');
  return form;
}

export function pickLocale(requested: unknown, formLocale: string): FormLocale {
  if (isFormLocale(requested)) return requested;
  return isFormLocale(formLocale) ? formLocale : 'en';
}

export async function submitForm(
  db: Kysely<DB>,
  jobs: JobQueue,
  now: Date,
  formId: string,
  ip: string,
  values: Record<string, SubmittedValue>,
): Promise<SubmitOutcome> {
  const form = await loadPublicForm(db, formId);
  const locale = pickLocale(values.locale, form.locale);
  const windowStart = new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);
  const count = await repo.countSubmission(db, form.workspace_id, form.id, ip, windowStart);
  if (count > form.max_per_ip_per_hour) {
    const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + WINDOW_MS - now.getTime()) / 1000));
    throw new AppError('rate_limited', 'Too many submissions from this address; try again later', { retryAfterSeconds });
  }
  if (isHoneypotFilled(values)) {
    await repo.countSpam(db, form.workspace_id, form.id);
    return { result: 'spam', locale };
  }
  const fields = form.fields as unknown as FormField[];
  const checked = checkSubmission(fields, values);
  if (!checked.ok) throw new AppError('validation_failed', 'Some fields are missing or not valid', { issues: checked.issues });
  const s = checked.value;

  const ticketId = await db.transaction().execute(async (trx) => {
    const { customer } = await findOrCreateCustomerByIdentity(trx, form.workspace_id, { kind: 'email', value: s.email }, { name: s.name ?? undefined, locale }, now);
    const segment = await customerSegment(trx, customer);
    const actor = { actor_type: 'customer' as const, actor_id: customer.id };
    const ticket = await openTicket(trx, {
      workspaceId: form.workspace_id,
      subject: ticketSubject(s, form.name),
      customerId: customer.id,
      organizationId: segment.organizationId,
      tierId: segment.tierId,
      channel: 'web_form',
      status: 'new',
      priority: form.priority,
      category: form.category,
      tags: form.tags,
      teamId: form.team_id,
      customFields: s.custom,
      at: now,
      actor,
    });
    const byKey = new Map(fields.map((f) => [f.key, f]));
    const { message, ticket: after } = await appendMessage(trx, ticket, {
      kind: 'customer',
      channel: 'web_form',
      text: messageBody(s, (key) => { const f = byKey.get(key); return f ? fieldLabel(f, locale) : key; }),
      html: null,
      authorCustomerId: customer.id,
      metadata: { form: { form_id: form.id, form_name: form.name, email: s.email, name: s.name, locale } },
      at: now,
      actor,
    });
    await refreshTicketClocks(trx, after, now);
    await insertDelivery(trx, { message_id: message.id, workspace_id: form.workspace_id, ticket_id: ticket.id, kind: 'form_acknowledgement', created_at: now });
    await jobs.send(trx, FORMS_ACKNOWLEDGE, { workspace_id: form.workspace_id, message_id: message.id }, { singletonKey: message.id });
    return ticket.id;
  });
  return { result: 'created', ticketId, locale };
}
