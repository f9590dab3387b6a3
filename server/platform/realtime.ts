import { EventEmitter } from 'node:events';
import type { Kysely } from 'kysely';
import type { Database } from './db.ts';
import { executeRaw } from './db.ts';
import type { DB, TicketEvent } from './schema.ts';

export const EVENTS_CHANNEL = 'gapwise_events';

/** What travels over NOTIFY: small (the 8 kB payload limit), enough to route and render. */
export interface EventNotice {
  seq: number;
  id: string;
  workspace_id: string;
  ticket_id: string;
  type: string;
  actor_type: string;
  actor_id: string | null;
  occurred_at: string;
}

/** The notice of a stored event: what NOTIFY carried, rebuilt for a replay. */
export function toEventNotice(event: TicketEvent): EventNotice {
  return {
    seq: event.seq,
    id: event.id,
    workspace_id: event.workspace_id,
    ticket_id: event.ticket_id,
    type: event.type,
    actor_type: event.actor_type,
    actor_id: event.actor_id,
    occurred_at: event.occurred_at.toISOString(),
  };
}

/**
 * Sends a notice inside the caller's transaction: PostgreSQL delivers it on
 * commit and drops it on rollback, so listeners never see an event that was
 * not stored.
 */
export async function notifyEvent(db: Kysely<DB>, notice: EventNotice): Promise<void> {
  await executeRaw(db, 'select pg_notify($1, $2)', [EVENTS_CHANNEL, JSON.stringify(notice)]);
}

/**
 * Fans the notices of one LISTEN/NOTIFY channel out to this process's subscribers, by workspace.
 * Every instance LISTENs on the same channel, so a notice sent through any instance reaches the
 * subscribers of all of them; no sticky sessions needed. Notices that are not JSON objects with a
 * `workspace_id` are dropped.
 */
export class WorkspaceFanout<N extends { workspace_id: string }> {
  readonly #emitter = new EventEmitter();
  #stop: (() => Promise<void>) | null = null;

  constructor(
    private readonly database: Database,
    readonly channel: string,
  ) {
    this.#emitter.setMaxListeners(0);
  }

  async start(): Promise<void> {
    if (this.#stop) return;
    this.#stop = await this.database.listen(this.channel, (payload) => {
      let notice: N;
      try {
        notice = JSON.parse(payload) as N;
      } catch {
        return;
      }
      if (typeof notice?.workspace_id === 'string') this.#emitter.emit(notice.workspace_id, notice);
    });
  }

  /** Calls `listener` for every notice of the workspace until the returned function is called. */
  subscribe(workspaceId: string, listener: (notice: N) => void): () => void {
    // One failing subscriber must not keep the notice from the others.
    const guarded = (notice: N) => {
      try {
        listener(notice);
      } catch {}
    };
    this.#emitter.on(workspaceId, guarded);
    return () => this.#emitter.off(workspaceId, guarded);
  }

  async stop(): Promise<void> {
    const stop = this.#stop;
    this.#stop = null;
    await stop?.();
  }
}

/** Stored ticket events, as `notifyEvent` announces them on commit (SSE streams, the chat hub). */
export class EventBus extends WorkspaceFanout<EventNotice> {
  constructor(database: Database) {
    super(database, EVENTS_CHANNEL);
  }
}
