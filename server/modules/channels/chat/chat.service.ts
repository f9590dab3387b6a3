import type { Kysely, Selectable } from 'kysely';
import { iso } from '../../../../contracts/common.ts';
import type { ChatDto, ChatErrorCode, ChatMessageFrameBody, ChatState } from '../../../../contracts/chat.ts';
import { decodeCursor, toPage } from '../../../platform/cursor.ts';
import { notFound } from '../../../platform/errors.ts';
import type { ChatSessionsTable, DB, Message, Ticket } from '../../../platform/schema.ts';
import type { RequestContext } from '../../auth/actor.ts';
import { customerSegment, findCustomerRecord } from '../../customers/customers.service.ts';
import { refreshTicketClocks } from '../../sla-clocks/sla-clocks.service.ts';
import { appendEvent, appendMessage, type EventActor, openTicket } from '../../tickets/ticket-writer.ts';
import { findTicket } from '../../tickets/tickets.repository.ts';
import { afterAgentMessage, afterVisitorMessage, type ChatTiming, chatState } from './chat-timing.ts';
import { ensureVisitor, type VisitorKey } from './chat-visitors.service.ts';
import * as repo from './chat.repository.ts';

/**
 * Live chat use cases. A chat is a ticket with channel `chat` and its messages are ordinary
 * messages written through the ticket writer (so agents answer it in the inbox with the normal
 * reply endpoint); `chat_sessions` adds what only a chat has: its state and the greet/hold
 * timing, recorded as `chat_started`, `chat_greeted`, `chat_hold_ended` and `chat_ended` events.
 */

type Session = Selectable<ChatSessionsTable>;

/** A refusal the visitor's socket turns into an `error` frame. */
export class ChatError extends Error {
  constructor(
    readonly code: ChatErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Online: at least one agent's presence heartbeat is younger than the presence window. */
export async function isAnyAgentOnline(db: Kysely<DB>, workspaceId: string, now: Date, presenceMs: number): Promise<boolean> {
  return (await repo.countOnlineAgents(db, workspaceId, new Date(now.getTime() - presenceMs))) > 0;
}

export function toMessageFrame(m: { id: string; kind: string; body_text: string; created_at: Date; agent_name?: string | null }): ChatMessageFrameBody {
  const fromVisitor = m.kind === 'customer';
  return { id: m.id, from: fromVisitor ? 'visitor' : 'agent', agent_name: fromVisitor ? null : (m.agent_name ?? null), text: m.body_text, at: m.created_at.toISOString() };
}

/**
 * Visitor text is stored as plain text (no HTML; every view shows it as text): control characters
 * other than line breaks and tabs, and bidirectional overrides that could disguise what an agent
 * reads, are removed; line ends normalised; trimmed.
 */
export function cleanVisitorText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, '').trim();
}

function subjectOf(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return `Chat: ${line.length > 80 ? `${line.slice(0, 79)}…` : line}`;
}

function timingOf(s: Session): ChatTiming {
  return { startedAt: s.started_at.getTime(), greetedAt: s.greeted_at?.getTime() ?? null, holdSince: s.greeted_at ? (s.waiting_since?.getTime() ?? null) : null };
}

function sessionTiming(t: ChatTiming): Pick<Session, 'greeted_at' | 'waiting_since' | 'state'> {
  const waitingSince = t.greetedAt === null ? t.startedAt : t.holdSince;
  return { greeted_at: t.greetedAt === null ? null : new Date(t.greetedAt), waiting_since: waitingSince === null ? null : new Date(waitingSince), state: chatState(t) };
}

export type VisitorMessageResult =
  | { kind: 'live'; ticketId: string; message: Message; started: boolean }
  | { kind: 'offline'; ticketId: string; message: Message; email: string };

/**
 * A visitor's message: appended to their open chat, or it starts one. With no agent online the
 * message opens an email ticket instead (channel `email`, tag `chat-offline`; the visitor must
 * have left an email), and the conversation continues by email.
 */
export async function postVisitorMessage(
  db: Kysely<DB>,
  input: { workspaceId: string; key: VisitorKey; text: string; pageUrl: string | null; now: Date; presenceMs: number },
): Promise<VisitorMessageResult> {
  const text = cleanVisitorText(input.text);
  if (!text) throw new ChatError('empty_message', 'The message is empty');
  const { workspaceId, now } = input;
  return db.transaction().execute(async (trx) => {
    const visitor = await ensureVisitor(trx, workspaceId, input.key, now);
    const customerActor: EventActor = { actor_type: 'customer', actor_id: visitor.customer_id };
    const open = await repo.findOpenSession(trx, workspaceId, visitor.id);
    if (open) {
      // Locks in one order everywhere — the ticket, then its chat session — as an agent's reply
      // takes them (tickets.service, then recordAgentReply): the other order could deadlock.
      const ticket = await findTicket(trx, workspaceId, open.ticket_id, { forUpdate: true });
      const session = await repo.findSession(trx, workspaceId, open.ticket_id, { forUpdate: true });
      if (!session || !ticket) throw new ChatError('chat_closed', 'The chat is over');
      const { message, ticket: after } = await appendMessage(trx, ticket, {
        kind: 'customer', channel: 'chat', text, html: null, authorCustomerId: ticket.customer_id, at: now, actor: { actor_type: 'customer', actor_id: ticket.customer_id },
      });
      await refreshTicketClocks(trx, after, now);
      const timing = afterVisitorMessage(timingOf(session), now.getTime());
      await repo.updateSession(trx, workspaceId, ticket.id, { ...sessionTiming(timing), last_message_at: now, visitor_seen_at: now });
      return { kind: 'live', ticketId: ticket.id, message, started: false };
    }
    const online = await isAnyAgentOnline(trx, workspaceId, now, input.presenceMs);
    if (!online && !visitor.email) throw new ChatError('email_required', 'Nobody is online; leave your email and we will answer by email');
    const customer = await findCustomerRecord(trx, workspaceId, visitor.customer_id);
    const segment = await customerSegment(trx, customer);
    const ticket = await openTicket(trx, {
      workspaceId,
      subject: subjectOf(text),
      customerId: customer.id,
      organizationId: segment.organizationId,
      tierId: segment.tierId,
      channel: online ? 'chat' : 'email',
      status: 'new',
      priority: 'normal',
      tags: online ? [] : ['chat-offline'],
      at: now,
      actor: customerActor,
    });
    const { message, ticket: after } = await appendMessage(trx, ticket, {
      kind: 'customer', channel: 'chat', text, html: null, authorCustomerId: customer.id, at: now, actor: customerActor,
    });
    if (!online) {
      await appendEvent(trx, ticket, 'chat_offline', customerActor, { visitor_id: visitor.id, email: visitor.email, page_url: input.pageUrl }, now);
      await refreshTicketClocks(trx, after, now);
      return { kind: 'offline', ticketId: ticket.id, message, email: visitor.email ?? '' };
    }
    await appendEvent(trx, ticket, 'chat_started', customerActor, { visitor_id: visitor.id, page_url: input.pageUrl }, now);
    await refreshTicketClocks(trx, after, now);
    await repo.insertSession(trx, {
      ticket_id: ticket.id,
      workspace_id: workspaceId,
      visitor_id: visitor.id,
      state: 'waiting',
      page_url: input.pageUrl,
      started_at: now,
      greeted_at: null,
      waiting_since: now,
      last_message_at: now,
      ended_at: null,
      visitor_seen_at: now,
    });
    return { kind: 'live', ticketId: ticket.id, message, started: true };
  });
}

/**
 * An agent's public reply on a chat ticket (called by reply-delivery inside the reply's
 * transaction): records the greeting or the end of a hold, with its duration, and moves the
 * chat to active. The reply reaches the visitor's socket through the reply's own
 * `message_added` notice after commit (ChatHub), on whichever instance holds the socket.
 */
/** Returns false when the chat is over (or never was one): nobody is there to read the reply live. */
export async function recordAgentReply(trx: Kysely<DB>, ticket: Ticket, message: Message): Promise<boolean> {
  const session = await repo.findSession(trx, ticket.workspace_id, ticket.id, { forUpdate: true });
  if (!session || session.state === 'ended') return false;
  const at = message.created_at;
  const step = afterAgentMessage(timingOf(session), at.getTime());
  const actor: EventActor = message.author_user_id ? { actor_type: 'user', actor_id: message.author_user_id } : { actor_type: 'system', actor_id: null };
  for (const e of step.events) {
    const data = e.type === 'chat_greeted' ? { greet_ms: e.greet_ms, message_id: message.id } : { hold_ms: e.hold_ms, hold_started_at: new Date(e.hold_started_at).toISOString(), message_id: message.id };
    await appendEvent(trx, ticket, e.type, actor, data, at);
  }
  await repo.updateSession(trx, ticket.workspace_id, ticket.id, { ...sessionTiming(step.timing), last_message_at: at });
  return true;
}

/** Ends a chat (the visitor closed it, or an agent did); idempotent. */
export async function endChat(db: Kysely<DB>, workspaceId: string, ticketId: string, by: 'visitor' | 'agent', actor: EventActor, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    // The ticket, then its session: the lock order of every chat write (see postVisitorMessage).
    const ticket = await findTicket(trx, workspaceId, ticketId, { forUpdate: true });
    const session = await repo.findSession(trx, workspaceId, ticketId, { forUpdate: true });
    if (!session || !ticket) throw notFound('Chat');
    if (session.state === 'ended') return false;
    await appendEvent(trx, ticket, 'chat_ended', actor, { by, duration_ms: now.getTime() - session.started_at.getTime() }, now);
    await refreshTicketClocks(trx, ticket, now);
    await repo.updateSession(trx, workspaceId, ticketId, { state: 'ended', ended_at: now, waiting_since: null });
    return true;
  });
}

export async function chatWelcome(db: Kysely<DB>, workspaceId: string, visitorId: string) {
  const open = await repo.findOpenSession(db, workspaceId, visitorId);
  if (!open) return { chat: null, messages: [] };
  const messages = await repo.recentPublicMessages(db, workspaceId, open.ticket_id, 50);
  return { chat: { ticket_id: open.ticket_id, state: open.state as ChatState }, messages: messages.map(toMessageFrame) };
}

export async function touchVisitor(db: Kysely<DB>, workspaceId: string, ticketId: string, now: Date): Promise<void> {
  await repo.updateSession(db, workspaceId, ticketId, { visitor_seen_at: now });
}

export async function listChats(db: Kysely<DB>, ctx: RequestContext, query: { state?: ChatState | undefined; cursor?: string | undefined; limit: number }) {
  const before = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
  const rows = await repo.listSessions(db, ctx.workspaceId, { state: query.state, before, limit: query.limit });
  return toPage(rows, query.limit, (r) => [r.ticket_id], (r): ChatDto => ({
    ticket_id: r.ticket_id,
    ticket_number: r.ticket_number,
    ticket_status: r.ticket_status,
    customer_id: r.customer_id,
    visitor_id: r.visitor_id,
    email: r.email,
    state: r.ticket_status === 'solved' || r.ticket_status === 'closed' ? 'ended' : r.state,
    page_url: r.page_url,
    started_at: iso(r.started_at) as string,
    greeted_at: iso(r.greeted_at),
    waiting_since: iso(r.waiting_since),
    last_message_at: iso(r.last_message_at) as string,
    ended_at: iso(r.ended_at),
    visitor_seen_at: iso(r.visitor_seen_at) as string,
  }));
}

export async function assertChat(db: Kysely<DB>, workspaceId: string, ticketId: string): Promise<void> {
  if (!(await repo.findSession(db, workspaceId, ticketId))) throw notFound('Chat');
}

export async function heartbeat(db: Kysely<DB>, ctx: RequestContext, presenceMs: number): Promise<{ online_agents: number; presence_seconds: number }> {
  await repo.touchPresence(db, ctx.workspaceId, ctx.actor.id, ctx.now);
  const online = await repo.countOnlineAgents(db, ctx.workspaceId, new Date(ctx.now.getTime() - presenceMs));
  return { online_agents: online, presence_seconds: Math.round(presenceMs / 1000) };
}

export async function goAway(db: Kysely<DB>, ctx: RequestContext): Promise<void> {
  await repo.deletePresence(db, ctx.workspaceId, ctx.actor.id);
}
