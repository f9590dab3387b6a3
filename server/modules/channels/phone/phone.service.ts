import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { iso } from '../../../../contracts/common.ts';
import type { LoggedContactDto, logCallBody, newCallBody } from '../../../../contracts/phone.ts';
import type { customerRef } from '../../../../contracts/tickets.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import type { DB, Message, Ticket } from '../../../platform/schema.ts';
import { actorRef, type RequestContext } from '../../auth/actor.ts';
import { customerSegment, findCustomerRecord, findOrCreateCustomerByIdentity } from '../../customers/customers.service.ts';
import { assertReferences } from '../../shared/references.repository.ts';
import { refreshedTicketSla, refreshTicketClocks } from '../../sla-clocks/sla-clocks.service.ts';
import { appendEvent, appendMessage, type EventActor, openTicket } from '../../tickets/ticket-writer.ts';
import { findTicket } from '../../tickets/tickets.repository.ts';
import { toMessageDto, toTicketDto } from '../../tickets/tickets.service.ts';
import { type ContactType, contactParts, defaultReason, partBody } from './contact-parts.ts';

/**
 * Phone calls and visits logged by agents: written as messages (channel `phone` / `visit`) on a
 * new or existing ticket, with the details in `messages.metadata[call|visit]` and one
 * `call_logged` / `visit_logged` event. Who "speaks" in which message is contact-parts.ts.
 * Nothing is sent anywhere: a call logged on an email ticket does not mail the notes.
 */

/** A call's or a visit's input (they differ only in the outcomes allowed). */
type ContactInput = Omit<z.output<typeof logCallBody>, 'outcome'> & { outcome: string };
type NewContactInput = Omit<z.output<typeof newCallBody>, 'outcome'> & { outcome: string };

/** A logged time may be a little ahead of the server clock (clock skew), not more. */
const FUTURE_TOLERANCE_MS = 60_000;

/**
 * Start and end of the contact. Without `at` the call has just ended (start = now − duration),
 * but never before the ticket it is logged on (`notBefore`): it was part of that ticket.
 */
function contactTimes(ctx: RequestContext, input: ContactInput, notBefore?: Date) {
  const durationMs = input.duration_seconds * 1000;
  let start = input.at ? new Date(input.at) : new Date(ctx.now.getTime() - durationMs);
  if (!input.at && notBefore && start < notBefore) start = notBefore;
  const end = new Date(start.getTime() + durationMs);
  if (end.getTime() > ctx.now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new AppError('validation_failed', 'A call or visit cannot end in the future', {
      issues: [{ path: 'body.at', message: 'start + duration is after now' }],
    });
  }
  return { start, end };
}

async function resolveCustomer(db: Kysely<DB>, ctx: RequestContext, ref: z.output<typeof customerRef>) {
  if (ref.id) {
    return findCustomerRecord(db, ctx.workspaceId, ref.id).catch(() => {
      throw new AppError('invalid_reference', 'customer.id refers to something that does not exist', {
        issues: [{ path: 'body.customer.id', message: `unknown id ${ref.id}` }],
      });
    });
  }
  const identity = ref.email ? { kind: 'email' as const, value: ref.email } : { kind: 'phone' as const, value: ref.phone ?? '' };
  return (await findOrCreateCustomerByIdentity(db, ctx.workspaceId, identity, { name: ref.name }, ctx.now)).customer;
}

/** Logs a call or visit on an existing ticket. */
export async function logContactOnTicket(
  db: Kysely<DB>,
  ctx: RequestContext,
  type: ContactType,
  ticketId: string,
  input: ContactInput,
): Promise<LoggedContactDto> {
  return db.transaction().execute(async (trx) => {
    const ticket = await findTicket(trx, ctx.workspaceId, ticketId, { forUpdate: true });
    if (!ticket) throw notFound('Ticket');
    const times = contactTimes(ctx, input, ticket.created_at);
    if (times.start < ticket.created_at) {
      throw new AppError('validation_failed', 'The call or visit starts before the ticket was created; log it on a new ticket', {
        issues: [{ path: 'body.at', message: 'before the ticket was created' }],
      });
    }
    await assertReferences(trx, ctx.workspaceId, 'branches', [input.branch_id], 'branch_id');
    return writeContact(trx, ctx, type, ticket, input, times);
  });
}

/** Logs a call or visit that opens a new ticket (channel `phone` / `visit`). */
export async function logContactAsNewTicket(
  db: Kysely<DB>,
  ctx: RequestContext,
  type: ContactType,
  input: NewContactInput,
): Promise<LoggedContactDto> {
  return db.transaction().execute(async (trx) => {
    const times = contactTimes(ctx, input);
    await assertReferences(trx, ctx.workspaceId, 'branches', [input.branch_id], 'branch_id');
    await assertReferences(trx, ctx.workspaceId, 'teams', [input.team_id], 'team_id');
    await assertReferences(trx, ctx.workspaceId, 'users', [input.assignee_id], 'assignee_id');
    const customer = await resolveCustomer(trx, ctx, input.customer);
    const segment = await customerSegment(trx, customer);
    const ticket = await openTicket(trx, {
      workspaceId: ctx.workspaceId,
      subject: input.subject,
      customerId: customer.id,
      organizationId: segment.organizationId,
      tierId: segment.tierId,
      channel: type === 'call' ? 'phone' : 'visit',
      // Opened as new; a requested status is applied with the last message, at the call's end.
      status: 'new',
      priority: input.priority,
      teamId: input.team_id,
      assigneeId: input.assignee_id,
      branchId: input.branch_id,
      at: times.start,
      actor: actorRef(ctx.actor),
    });
    return writeContact(trx, ctx, type, ticket, input, times);
  });
}

async function writeContact(
  trx: Kysely<DB>,
  ctx: RequestContext,
  type: ContactType,
  ticket: Ticket,
  input: ContactInput,
  times: { start: Date; end: Date },
): Promise<LoggedContactDto> {
  const contactId = newId(times.start.getTime());
  const details = {
    id: contactId,
    type,
    direction: input.direction,
    duration_seconds: input.duration_seconds,
    outcome: input.outcome,
    branch_id: input.branch_id ?? null,
    started_at: times.start.toISOString(),
    ended_at: times.end.toISOString(),
  };
  const agent = actorRef(ctx.actor);
  const customerActor: EventActor = { actor_type: 'customer', actor_id: ticket.customer_id };
  const reason = input.reason ?? defaultReason(type, input.direction, input.duration_seconds);
  const parts = contactParts(input.direction, input.outcome);
  const messages: Message[] = [];
  let current = ticket;
  for (const [index, part] of parts.entries()) {
    const isCustomer = part.kind === 'customer';
    const written = await appendMessage(trx, current, {
      kind: part.kind,
      channel: type === 'call' ? 'phone' : 'visit',
      text: partBody(part, reason, input.notes),
      html: null,
      authorUserId: isCustomer ? null : ctx.actor.userId,
      authorCustomerId: isCustomer ? ticket.customer_id : null,
      requestedStatus: index === parts.length - 1 ? input.status : undefined,
      metadata: { [type]: { ...details, part: isCustomer ? 'customer' : 'agent' } },
      at: part.when === 'start' ? times.start : times.end,
      actor: isCustomer ? customerActor : agent,
    });
    messages.push(written.message);
    current = written.ticket;
  }
  await appendEvent(trx, current, `${type}_logged`, agent, { ...details, message_ids: messages.map((m) => m.id) }, times.end);
  const refreshed = await refreshTicketClocks(trx, current, ctx.now);
  return {
    contact: { ...details, started_at: iso(times.start) as string, ended_at: iso(times.end) as string },
    ticket: toTicketDto(refreshed.ticket, refreshedTicketSla(refreshed, ctx.now)),
    messages: messages.map(toMessageDto),
  };
}
