import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { iso } from '../../../contracts/common.ts';
import type {
  createMessageBody,
  createTicketBody,
  EventDto,
  listTicketsQuery,
  MessageDto,
  TicketDto,
  TicketListItemDto,
  updateTicketBody,
} from '../../../contracts/tickets.ts';
import { decodeCursor, toPage } from '../../platform/cursor.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { DB, Message, Ticket, TicketEvent } from '../../platform/schema.ts';
import { actorRef, type RequestContext } from '../auth/actor.ts';
import { customerSegment, findCustomerRecord, findOrCreateCustomerByIdentity } from '../customers/customers.service.ts';
import { assertReferences } from '../shared/references.repository.ts';
import { normalizeBody } from './message-body.ts';
import type { TicketSlaDto, TicketSlaSummaryDto } from '../../../contracts/sla.ts';
import { toTicketSlaSummaryDto } from '../sla-clocks/clock-dto.ts';
import { decodeSlaDueCursor, slaDueCursorKeys } from '../sla-clocks/sla-list.ts';
import { loadTicketSla, refreshedTicketSla, refreshTicketClocks } from '../sla-clocks/sla-clocks.service.ts';
import { appendMessage, applyChanges, type EventActor, openTicket } from './ticket-writer.ts';
import * as repo from './tickets.repository.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { deliverReply, messageDeliveries } from '../channels/reply-delivery.ts';

/** `sla`: the full SLA with clocks for one ticket, the summary in lists. */
export function toTicketDto<S extends TicketSlaSummaryDto = TicketSlaDto>(t: Ticket, sla: S): Omit<TicketDto, 'sla'> & { sla: S } {
  return {
    id: t.id,
    number: t.number,
    subject: t.subject,
    status: t.status,
    priority: t.priority,
    channel: t.channel,
    category: t.category,
    tags: t.tags,
    assignee_id: t.assignee_id,
    team_id: t.team_id,
    branch_id: t.branch_id,
    customer_id: t.customer_id,
    organization_id: t.organization_id,
    tier_id: t.tier_id,
    custom_fields: t.custom_fields,
    external_id: t.external_id,
    created_at: iso(t.created_at) as string,
    updated_at: iso(t.updated_at) as string,
    solved_at: iso(t.solved_at),
    closed_at: iso(t.closed_at),
    sla,
  };
}

/** `delivery` is filled by the callers that load it (channels/reply-delivery.ts messageDeliveries). */
export function toMessageDto(m: Message): MessageDto {
  return {
    id: m.id,
    ticket_id: m.ticket_id,
    kind: m.kind,
    author_type: m.author_type,
    author_user_id: m.author_user_id,
    author_customer_id: m.author_customer_id,
    channel: m.channel,
    body_text: m.body_text,
    body_html: m.body_html,
    attachments: m.attachments,
    metadata: m.metadata,
    delivery: null,
    created_at: iso(m.created_at) as string,
  };
}

export function toEventDto(e: TicketEvent): EventDto {
  return {
    id: e.id,
    seq: e.seq,
    ticket_id: e.ticket_id,
    type: e.type,
    actor_type: e.actor_type,
    actor_id: e.actor_id,
    data: e.data,
    occurred_at: iso(e.occurred_at) as string,
  };
}

type CreateTicketInput = z.output<typeof createTicketBody>;

/** The customer a new ticket is for: by id, or found/created by email or phone. */
async function resolveCustomer(db: Kysely<DB>, ctx: RequestContext, ref: CreateTicketInput['customer']) {
  if (ref.id) return findCustomerRecord(db, ctx.workspaceId, ref.id).catch(() => {
    throw new AppError('invalid_reference', 'customer.id refers to something that does not exist', {
      issues: [{ path: 'body.customer.id', message: `unknown id ${ref.id}` }],
    });
  });
  const identity = ref.email ? { kind: 'email' as const, value: ref.email } : { kind: 'phone' as const, value: ref.phone ?? '' };
  const { customer } = await findOrCreateCustomerByIdentity(db, ctx.workspaceId, identity, { name: ref.name }, ctx.now);
  return customer;
}

/**
 * Creates a ticket with its first message. The message is the customer's
 * (e.g. an API integration forwarding a request) or an agent's (an
 * agent-created, outbound ticket), as `message.kind` says.
 */
export async function createTicket(db: Kysely<DB>, ctx: RequestContext, input: CreateTicketInput, jobs: JobQueue): Promise<TicketDto> {
  return db.transaction().execute(async (trx) => {
    await assertReferences(trx, ctx.workspaceId, 'users', [input.assignee_id], 'assignee_id');
    await assertReferences(trx, ctx.workspaceId, 'teams', [input.team_id], 'team_id');
    await assertReferences(trx, ctx.workspaceId, 'branches', [input.branch_id], 'branch_id');
    const customer = await resolveCustomer(trx, ctx, input.customer);
    const segment = await customerSegment(trx, customer);
    const actor = actorRef(ctx.actor);
    const ticket = await openTicket(trx, {
      workspaceId: ctx.workspaceId,
      subject: input.subject,
      customerId: customer.id,
      organizationId: segment.organizationId,
      tierId: segment.tierId,
      channel: input.channel,
      status: input.status ?? 'new',
      priority: input.priority,
      category: input.category,
      tags: input.tags,
      assigneeId: input.assignee_id,
      teamId: input.team_id,
      branchId: input.branch_id,
      customFields: input.custom_fields,
      at: ctx.now,
      actor,
    });
    const body = normalizeBody(input.message);
    const isCustomer = input.message.kind === 'customer';
    const { ticket: after, message } = await appendMessage(trx, ticket, {
      kind: input.message.kind,
      channel: input.channel,
      text: body.text,
      html: body.html,
      attachments: input.message.attachments,
      authorUserId: isCustomer ? null : ctx.actor.userId,
      authorCustomerId: isCustomer ? customer.id : null,
      requestedStatus: input.status,
      at: ctx.now,
      actor: isCustomer ? { actor_type: 'customer', actor_id: customer.id } : actor,
    });
    const refreshed = await refreshTicketClocks(trx, after, ctx.now);
    // An agent-created (outbound) ticket's first message goes to the customer like any reply.
    await deliverReply(trx, jobs, { ticket: refreshed.ticket, message });
    return toTicketDto(refreshed.ticket, refreshedTicketSla(refreshed, ctx.now));
  });
}

export async function getTicket(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<TicketDto> {
  const t = await repo.findTicket(db, ctx.workspaceId, id);
  if (!t) throw notFound('Ticket');
  return toTicketDto(t, await loadTicketSla(db, t, ctx.now));
}

export async function listTickets(db: Kysely<DB>, ctx: RequestContext, query: z.output<typeof listTicketsQuery>) {
  let before: { updatedAt: Date; id: string } | undefined;
  const afterDue = query.cursor && query.sort === 'sla_due' ? decodeSlaDueCursor(query.cursor) : undefined;
  if (query.cursor && query.sort !== 'sla_due') {
    const [updatedAt, id] = decodeCursor(query.cursor, 2);
    const date = new Date(String(updatedAt));
    if (Number.isNaN(date.getTime())) throw new AppError('invalid_cursor', 'The cursor is not one this server issued');
    before = { updatedAt: date, id: String(id) };
  }
  const rows = await repo.listTickets(db, ctx.workspaceId, {
    status: query.status,
    priority: query.priority,
    channel: query.channel,
    assigneeId: query.assignee_id,
    teamId: query.team_id,
    branchId: query.branch_id,
    tierId: query.tier_id,
    customerId: query.customer_id,
    organizationId: query.organization_id,
    tag: query.tag?.toLowerCase(),
    updatedSince: query.updated_since ? new Date(query.updated_since) : undefined,
    q: query.q,
    sla: query.sla,
    sort: query.sort,
    afterDue,
    now: ctx.now,
    before,
    limit: query.limit,
  });
  const keys = query.sort === 'sla_due' ? slaDueCursorKeys : (r: Ticket) => [r.updated_at.toISOString(), r.id];
  return toPage(rows, query.limit, keys, (r): TicketListItemDto => toTicketDto(r, toTicketSlaSummaryDto(r, ctx.now)));
}

export async function updateTicket(db: Kysely<DB>, ctx: RequestContext, id: string, input: z.output<typeof updateTicketBody>): Promise<TicketDto> {
  return db.transaction().execute(async (trx) => {
    const ticket = await repo.findTicket(trx, ctx.workspaceId, id, { forUpdate: true });
    if (!ticket) throw notFound('Ticket');
    await assertReferences(trx, ctx.workspaceId, 'users', [input.assignee_id], 'assignee_id');
    await assertReferences(trx, ctx.workspaceId, 'teams', [input.team_id], 'team_id');
    await assertReferences(trx, ctx.workspaceId, 'branches', [input.branch_id], 'branch_id');
    const updated = await applyChanges(trx, ticket, input, actorRef(ctx.actor), ctx.now);
    const refreshed = await refreshTicketClocks(trx, updated, ctx.now);
    return toTicketDto(refreshed.ticket, refreshedTicketSla(refreshed, ctx.now));
  });
}

export async function addMessage(
  db: Kysely<DB>,
  ctx: RequestContext,
  ticketId: string,
  input: z.output<typeof createMessageBody>,
  jobs: JobQueue,
): Promise<MessageDto> {
  return db.transaction().execute(async (trx) => {
    const ticket = await repo.findTicket(trx, ctx.workspaceId, ticketId, { forUpdate: true });
    if (!ticket) throw notFound('Ticket');
    const body = normalizeBody(input);
    const isCustomer = input.kind === 'customer';
    const actor: EventActor = isCustomer ? { actor_type: 'customer', actor_id: ticket.customer_id } : actorRef(ctx.actor);
    const { message, ticket: after } = await appendMessage(trx, ticket, {
      kind: input.kind,
      channel: isCustomer ? ticket.channel : 'api',
      text: body.text,
      html: body.html,
      attachments: input.attachments,
      authorUserId: isCustomer ? null : ctx.actor.userId,
      authorCustomerId: isCustomer ? ticket.customer_id : null,
      requestedStatus: input.status,
      at: ctx.now,
      actor,
    });
    await refreshTicketClocks(trx, after, ctx.now);
    await deliverReply(trx, jobs, { ticket: after, message });
    const deliveries = await messageDeliveries(trx, ctx.workspaceId, [message.id]);
    return { ...toMessageDto(message), delivery: deliveries.get(message.id) ?? null };
  });
}

export async function listTicketMessages(db: Kysely<DB>, ctx: RequestContext, ticketId: string, query: { cursor?: string | undefined; limit: number }) {
  if (!(await repo.findTicket(db, ctx.workspaceId, ticketId))) throw notFound('Ticket');
  const after = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
  const rows = await repo.listMessages(db, ctx.workspaceId, ticketId, after, query.limit);
  const deliveries = await messageDeliveries(db, ctx.workspaceId, rows.map((r) => r.id));
  return toPage(rows, query.limit, (r) => [r.id], (r) => ({ ...toMessageDto(r), delivery: deliveries.get(r.id) ?? null }));
}

export async function listTicketEvents(db: Kysely<DB>, ctx: RequestContext, ticketId: string, query: { cursor?: string | undefined; limit: number }) {
  if (!(await repo.findTicket(db, ctx.workspaceId, ticketId))) throw notFound('Ticket');
  const afterSeq = query.cursor ? Number(decodeCursor(query.cursor, 1)[0]) : undefined;
  const rows = await repo.listEvents(db, ctx.workspaceId, ticketId, afterSeq, query.limit);
  return toPage(rows, query.limit, (r) => [r.seq], toEventDto);
}
