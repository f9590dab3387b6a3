import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { WebSocket } from 'ws';
import { type ChatErrorCode, type ServerFrame, type VisitorFrame, visitorFrame } from '../../../../contracts/chat.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { EventNotice } from '../../../platform/realtime.ts';
import type { DB } from '../../../platform/schema.ts';
import type { ChatHub, VisitorLink } from './chat-hub.ts';
import { KeyedBuckets, TokenBucket } from './chat-rate-limit.ts';
import type { ChatSignals } from './chat-signals.ts';
import { attachVisitorEmail, identifyVisitor, type VisitorKey, visitorTokenOf } from './chat-visitors.service.ts';
import { ChatError, chatWelcome, endChat, isAnyAgentOnline, postVisitorMessage, toMessageFrame, touchVisitor } from './chat.service.ts';
import { findOpenSession, recentPublicMessages } from './chat.repository.ts';
import { offerChatSurvey } from '../../surveys/chat-survey.service.ts';

export interface VisitorSocketDeps {
  db: Kysely<DB>;
  clock: Clock;
  hub: ChatHub;
  signals: ChatSignals;
  log: FastifyBaseLogger;
  presenceMs: number;
  /** Sustained messages per minute per socket (after a burst of 5). */
  messagesPerMinute: number;
  /** Shared by all sockets of one client address on this instance. */
  perAddress: KeyedBuckets;
}

/** Per socket: a burst of 5 messages, then GAPWISE_CHAT_MESSAGES_PER_MINUTE. Typing is forwarded at most every 2 s unless it flips. */
const MESSAGE_BURST = 5;
const TYPING_REPEAT_MS = 2000;
const SEEN_EVERY_MS = 15_000;

/**
 * One visitor's WebSocket. Frames are handled one at a time, in order; each is parsed with the
 * zod contract, and anything wrong (not JSON, unknown type, too long, before `hello`) gets an
 * `error` frame and the socket stays open. Errors of the use cases become error frames too; an
 * unexpected one is logged and answered with `internal_error`, never thrown out of the handler.
 */
export class VisitorSocket implements VisitorLink {
  #chain: Promise<void> = Promise.resolve();
  #key: VisitorKey | null = null;
  #ticketId: string | null = null;
  #detach: (() => void) | null = null;
  readonly #sent = new Set<string>();
  readonly #messages: TokenBucket;
  #typingSent = { typing: false, at: 0 };
  #seenAt = 0;
  #pageUrl: string | null = null;
  #closed = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly deps: VisitorSocketDeps,
    private readonly workspaceId: string,
    private readonly address: string,
  ) {
    this.#messages = new TokenBucket(MESSAGE_BURST, deps.messagesPerMinute / 60, deps.clock.now().getTime());
    socket.on('message', (data, isBinary) => this.#enqueue(() => this.#onRaw(isBinary ? null : data.toString())));
    socket.on('close', () => this.#close());
    socket.on('error', () => this.#close());
  }

  onTicketEvent(notice: EventNotice): void {
    if (notice.type === 'message_added') this.#enqueue(() => this.#syncMessages());
    else if (notice.type === 'chat_ended' || notice.type === 'status_changed' || notice.type === 'chat_greeted' || notice.type === 'chat_hold_ended') {
      this.#enqueue(() => this.#syncState());
    }
  }

  onAgentTyping(typing: boolean): void {
    this.#send({ type: 'typing', typing });
  }

  #enqueue(task: () => Promise<void>) {
    this.#chain = this.#chain.then(async () => {
      if (this.#closed) return;
      try {
        await task();
      } catch (error) {
        if (error instanceof ChatError) return this.#error(error.code, error.message);
        this.deps.log.error({ err: error }, 'chat: visitor frame failed');
        this.#error('internal_error', 'Something went wrong; try again');
      }
    });
  }

  async #onRaw(text: string | null) {
    let json: unknown;
    try {
      json = text === null ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = visitorFrame.safeParse(json);
    if (!parsed.success) return this.#error('bad_frame', 'The frame is not a valid chat frame');
    const frame = parsed.data;
    if (frame.type === 'ping') {
      this.#send({ type: 'pong' });
      return this.#markSeen();
    }
    if (frame.type === 'hello') return this.#hello(frame);
    if (!this.#key) return this.#error('hello_first', 'Send hello first');
    await this.#handle(frame, this.#key);
  }

  async #handle(frame: Exclude<VisitorFrame, { type: 'hello' | 'ping' }>, key: VisitorKey) {
    const { db, clock } = this.deps;
    switch (frame.type) {
      case 'message': {
        const now = clock.now();
        if (!this.#messages.take(now.getTime()) || !this.deps.perAddress.take(this.address, now.getTime())) {
          return this.#error('rate_limited', 'Too many messages; wait a moment');
        }
        const result = await postVisitorMessage(db, { workspaceId: this.workspaceId, key, text: frame.text, pageUrl: this.#pageUrl, now, presenceMs: this.deps.presenceMs });
        this.#sent.add(result.message.id);
        this.#send({ type: 'ack', client_id: frame.client_id ?? null, message_id: result.message.id, ticket_id: result.ticketId });
        if (result.kind === 'offline') return this.#send({ type: 'offline_ticket', ticket_id: result.ticketId, email: result.email });
        this.#bind(result.ticketId);
        if (result.started) this.#send({ type: 'state', state: 'waiting', online: true });
        return;
      }
      case 'typing': {
        if (!this.#ticketId) return;
        const now = clock.now().getTime();
        if (frame.typing === this.#typingSent.typing && now - this.#typingSent.at < TYPING_REPEAT_MS) return;
        this.#typingSent = { typing: frame.typing, at: now };
        return this.deps.signals.send(db, { workspace_id: this.workspaceId, ticket_id: this.#ticketId, from: 'visitor', typing: frame.typing });
      }
      case 'email': {
        const now = clock.now();
        const ticketId = this.#ticketId;
        await db.transaction().execute((trx) => attachVisitorEmail(trx, this.workspaceId, key, frame.email, frame.name, ticketId, now));
        return this.#send({ type: 'email_saved', email: frame.email.trim().toLowerCase() });
      }
      case 'end': {
        if (!this.#ticketId) return;
        const open = await findOpenSession(db, this.workspaceId, key.id);
        if (open) await endChat(db, this.workspaceId, open.ticket_id, 'visitor', { actor_type: 'customer', actor_id: null }, clock.now());
        return this.#send({ type: 'state', state: 'ended', online: await this.#online() });
      }
    }
  }

  async #hello(frame: { token?: string | undefined; page?: string | undefined }) {
    const { db, clock } = this.deps;
    if (frame.page !== undefined) this.#pageUrl = /^https?:\/\//i.test(frame.page) ? frame.page : null;
    const { key, visitor } = await identifyVisitor(db, this.workspaceId, frame.token, clock.now());
    this.#key = key;
    const welcome = visitor ? await chatWelcome(db, this.workspaceId, visitor.id) : { chat: null, messages: [] };
    for (const m of welcome.messages) this.#sent.add(m.id);
    this.#send({ type: 'welcome', token: visitorTokenOf(key), visitor_id: key.id, online: await this.#online(), email: visitor?.email ?? null, chat: welcome.chat, messages: welcome.messages });
    if (welcome.chat) this.#bind(welcome.chat.ticket_id);
    else this.#unbind();
  }

  #bind(ticketId: string) {
    if (this.#ticketId === ticketId) return;
    this.#unbind();
    this.#ticketId = ticketId;
    this.#detach = this.deps.hub.attachVisitor(this.workspaceId, ticketId, this);
  }

  #unbind() {
    this.#detach?.();
    this.#detach = null;
    this.#ticketId = null;
  }

  /** Sends the chat's public messages this socket has not shown yet (its own and the agents'). */
  async #syncMessages() {
    if (!this.#ticketId) return;
    const rows = await recentPublicMessages(this.deps.db, this.workspaceId, this.#ticketId, 50);
    for (const row of rows) {
      if (this.#sent.has(row.id)) continue;
      this.#sent.add(row.id);
      this.#send({ type: 'message', message: toMessageFrame(row) });
    }
  }

  async #syncState() {
    if (!this.#key || !this.#ticketId) return;
    const open = await findOpenSession(this.deps.db, this.workspaceId, this.#key.id);
    const online = await this.#online();
    if (open?.ticket_id === this.#ticketId) return this.#send({ type: 'state', state: open.state, online });
    this.#send({ type: 'state', state: 'ended', online });
    const ended = this.#ticketId;
    this.#unbind();
    await this.#offerSurvey(ended);
  }

  /** The chat just ended: the workspace's satisfaction question, if it asks one (surveys module). Never fails the socket. */
  async #offerSurvey(ticketId: string) {
    try {
      const survey = await offerChatSurvey(this.deps.db, { workspaceId: this.workspaceId, ticketId, now: this.deps.clock.now() });
      if (survey) this.#send({ type: 'survey', survey });
    } catch (error) {
      this.deps.log.error({ err: error }, 'chat: inline survey failed');
    }
  }

  #online(): Promise<boolean> {
    return isAnyAgentOnline(this.deps.db, this.workspaceId, this.deps.clock.now(), this.deps.presenceMs);
  }

  async #markSeen() {
    const now = this.deps.clock.now();
    if (!this.#ticketId || now.getTime() - this.#seenAt < SEEN_EVERY_MS) return;
    this.#seenAt = now.getTime();
    await touchVisitor(this.deps.db, this.workspaceId, this.#ticketId, now);
  }

  #error(code: ChatErrorCode, message: string) {
    this.#send({ type: 'error', code, message });
  }

  #send(frame: ServerFrame) {
    if (this.#closed || this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(JSON.stringify(frame));
  }

  #close() {
    if (this.#closed) return;
    this.#closed = true;
    this.#unbind();
  }
}
