import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { WebSocket } from 'ws';
import { type AgentServerFrame, agentSocketFrame } from '../../../../contracts/chat.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { DB } from '../../../platform/schema.ts';
import type { RequestContext } from '../../auth/actor.ts';
import type { AgentLink, ChatHub } from './chat-hub.ts';
import { TokenBucket } from './chat-rate-limit.ts';
import type { ChatSignals } from './chat-signals.ts';
import { assertChat, heartbeat } from './chat.service.ts';

export interface AgentSocketDeps {
  db: Kysely<DB>;
  clock: Clock;
  hub: ChatHub;
  signals: ChatSignals;
  log: FastifyBaseLogger;
  presenceMs: number;
}

/**
 * An agent's chat socket (`GET /api/v1/chats/socket`): visitors' typing indicators of the
 * workspace arrive here, the agent's own typing goes out from here, and while it is open the agent
 * counts as online (a presence heartbeat at connect and every third of the presence window).
 * Stored events (new chats, messages) stay on the SSE stream at /api/v1/events.
 */
export class AgentSocket implements AgentLink {
  #chain: Promise<void> = Promise.resolve();
  readonly #detach: () => void;
  readonly #timer: NodeJS.Timeout;
  readonly #frames: TokenBucket;
  #closed = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly deps: AgentSocketDeps,
    private readonly ctx: RequestContext,
  ) {
    this.#frames = new TokenBucket(20, 5, deps.clock.now().getTime());
    this.#detach = deps.hub.attachAgent(ctx.workspaceId, this);
    this.#beat();
    this.#timer = setInterval(() => this.#beat(), Math.max(1000, Math.floor(deps.presenceMs / 3)));
    this.#timer.unref();
    socket.on('message', (data, isBinary) => this.#enqueue(() => this.#onRaw(isBinary ? null : data.toString())));
    socket.on('close', () => this.#close());
    socket.on('error', () => this.#close());
  }

  onVisitorTyping(ticketId: string, typing: boolean): void {
    this.#send({ type: 'visitor_typing', ticket_id: ticketId, typing });
  }

  #beat() {
    this.#enqueue(async () => {
      await heartbeat(this.deps.db, { ...this.ctx, now: this.deps.clock.now() }, this.deps.presenceMs);
    });
  }

  #enqueue(task: () => Promise<void>) {
    this.#chain = this.#chain.then(async () => {
      if (this.#closed) return;
      try {
        await task();
      } catch (error) {
        if ((error as { code?: string }).code === 'not_found') return this.#send({ type: 'error', code: 'not_found', message: 'No such chat' });
        this.deps.log.error({ err: error }, 'chat: agent frame failed');
      }
    });
  }

  async #onRaw(text: string | null) {
    if (!this.#frames.take(this.deps.clock.now().getTime())) return this.#send({ type: 'error', code: 'rate_limited', message: 'Too many frames' });
    let json: unknown;
    try {
      json = text === null ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = agentSocketFrame.safeParse(json);
    if (!parsed.success) return this.#send({ type: 'error', code: 'bad_frame', message: 'The frame is not a valid chat frame' });
    const frame = parsed.data;
    if (frame.type === 'ping') return this.#send({ type: 'pong' });
    await assertChat(this.deps.db, this.ctx.workspaceId, frame.ticket_id);
    await this.deps.signals.send(this.deps.db, { workspace_id: this.ctx.workspaceId, ticket_id: frame.ticket_id, from: 'agent', typing: frame.typing });
  }

  #send(frame: AgentServerFrame) {
    if (this.#closed || this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(JSON.stringify(frame));
  }

  #close() {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    this.#detach();
  }
}
