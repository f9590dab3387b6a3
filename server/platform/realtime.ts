import { EventEmitter } from 'node:events';
import type { Kysely } from 'kysely';
import type { Database } from './db.ts';
import { executeRaw } from './db.ts';
import type { DB } from './schema.ts';

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

/**
 * Sends a notice inside the caller's transaction: PostgreSQL delivers it on
 * commit and drops it on rollback, so listeners never see an event that was
 * not stored.
 */
export async function notifyEvent(db: Kysely<DB>, notice: EventNotice): Promise<void> {
  await executeRaw(db, 'select pg_notify($1, $2)', [EVENTS_CHANNEL, JSON.stringify(notice)]);
}

/**
 * Fans ticket events out to this process's subscribers (SSE streams). Every
 * instance LISTENs on the same channel, so an event committed through any
 * instance reaches the clients of all of them; no sticky sessions needed.
 */
export class EventBus {
  readonly #emitter = new EventEmitter();
  #stop: (() => Promise<void>) | null = null;

  constructor(private readonly database: Database) {
    this.#emitter.setMaxListeners(0);
  }

  async start(): Promise<void> {
    if (this.#stop) return;
    this.#stop = await this.database.listen(EVENTS_CHANNEL, (payload) => {
      let notice: EventNotice;
      try {
        notice = JSON.parse(payload) as EventNotice;
      } catch {
        return;
      }
      this.#emitter.emit(notice.workspace_id, notice);
    });
  }

  subscribe(workspaceId: string, listener: (notice: EventNotice) => void): () => void {
    this.#emitter.on(workspaceId, listener);
    return () => this.#emitter.off(workspaceId, listener);
  }

  async stop(): Promise<void> {
    const stop = this.#stop;
    this.#stop = null;
    await stop?.();
  }
}
