import type { Kysely } from 'kysely';
import { type EventBus, type EventNotice, toEventNotice } from '../../platform/realtime.ts';
import type { DB } from '../../platform/schema.ts';
import { listWorkspaceEventsAfter } from '../tickets/tickets.repository.ts';

/** Where the stream writes: an HTTP response in production. */
export interface StreamOutput {
  write(chunk: string): boolean;
  end(): void;
  readonly writableLength: number;
}

export interface EventStreamLimits {
  /** A comment line this often keeps proxies from closing an idle stream. */
  heartbeatMs: number;
  /** Most stored events replayed on one connection. */
  replayLimit: number;
  /** A client that lets this much pile up unread is cut off (it reconnects and replays). */
  maxBufferedBytes: number;
  /** Reconnection delay the browser's EventSource should use. */
  retryMs: number;
}

export const defaultStreamLimits: EventStreamLimits = {
  heartbeatMs: 25_000,
  replayLimit: 1000,
  maxBufferedBytes: 1_048_576,
  retryMs: 3000,
};

/**
 * One server-sent-events connection: the workspace's ticket events, live
 * from the EventBus, after replaying the stored ones the client missed
 * (seq > Last-Event-ID).
 *
 * The subscription starts before the replay query, and live notices are held
 * until the replay is written, so nothing committed in between is lost; a
 * held notice that the replay already sent is skipped. Duplicates are
 * recognised by the seqs actually replayed rather than by "seq <= last sent":
 * seq is taken at insert and transactions commit in any order, so a notice
 * with a lower seq than one already sent can still be new. (The same
 * ordering means a replay after a disconnect can miss an event that committed
 * late with a seq below Last-Event-ID; clients that must not miss anything
 * reload their lists on reconnect.)
 */
export class EventStream {
  readonly #replayed = new Set<number>();
  #replay: EventNotice[] = [];
  #held: EventNotice[] | null = [];
  #unsubscribe: (() => void) | null = null;
  #heartbeat: NodeJS.Timeout | null = null;
  #writing = false;
  #closed = false;
  readonly #cleanups: (() => void)[] = [];

  constructor(
    private readonly output: StreamOutput,
    private readonly limits: EventStreamLimits = defaultStreamLimits,
  ) {}

  /**
   * Subscribes, then reads what the client missed; writes nothing yet, so a
   * failure here can still be answered with a normal error response.
   */
  async prepare(db: Kysely<DB>, bus: EventBus, workspaceId: string, lastEventId: number | null): Promise<void> {
    if (this.#closed) return;
    this.#unsubscribe = bus.subscribe(workspaceId, (notice) => {
      if (this.#held) this.#held.push(notice);
      else this.#deliverLive(notice);
    });
    try {
      if (lastEventId === null) return;
      const missed = await listWorkspaceEventsAfter(db, workspaceId, lastEventId, this.limits.replayLimit);
      this.#replay = missed.map(toEventNotice);
    } catch (error) {
      this.#unsubscribe();
      this.#closed = true;
      throw error;
    }
  }

  /** Writes the replay, then the notices held meanwhile, then goes live. The response headers are sent. */
  start(): void {
    this.#writing = true;
    if (this.#closed) {
      this.output.end();
      return;
    }
    this.#heartbeat = setInterval(() => this.#write(': heartbeat\n\n'), this.limits.heartbeatMs);
    this.#write(`retry: ${this.limits.retryMs}\n\n`);
    for (const notice of this.#replay) {
      this.#replayed.add(notice.seq);
      this.#send(notice);
    }
    if (this.#replay.length === this.limits.replayLimit) {
      // Possibly more missed than one replay holds: end here; the client
      // reconnects with the last id it got and receives the next page.
      this.close();
      return;
    }
    this.#replay = [];
    const held = this.#held ?? [];
    this.#held = null;
    for (const notice of held) this.#deliverLive(notice);
  }

  /** Stops the subscription and the heartbeat, and ends the response once started. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#held = null;
    this.#unsubscribe?.();
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    if (this.#writing) this.output.end();
  }

  /**
   * An ephemeral signal (ticket presence): `event: <name>` without an `id:` line, so it never
   * moves the client's Last-Event-ID and is never replayed. Sent only once the stream is live.
   */
  signal(name: string, data: unknown): void {
    if (!this.#writing || this.#held !== null) return;
    this.#write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** Runs `cleanup` when the stream closes (e.g. to end another subscription). */
  onClose(cleanup: () => void): void {
    if (this.#closed) cleanup();
    else this.#cleanups.push(cleanup);
  }

  #deliverLive(notice: EventNotice): void {
    if (this.#replayed.has(notice.seq)) return;
    this.#send(notice);
  }

  #send(notice: EventNotice): void {
    this.#write(`id: ${notice.seq}\nevent: ${notice.type}\ndata: ${JSON.stringify(notice)}\n\n`);
  }

  #write(chunk: string): void {
    if (this.#closed) return;
    this.output.write(chunk);
    if (this.output.writableLength > this.limits.maxBufferedBytes) this.close();
  }
}
