import { EventEmitter } from 'node:events';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../../http/context.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Database, executeRaw } from '../../platform/db.ts';
import type { DB } from '../../platform/schema.ts';
import { type AgentPresence, PresenceRegistry, type PresenceState } from './presence-registry.ts';

export const PRESENCE_CHANNEL = 'gapwise_presence';
/** A tab sends a heartbeat every 15 s; missing three in a row means it is gone. */
export const PRESENCE_TTL_SECONDS = 45;
const SWEEP_MS = 5_000;

/** What travels over NOTIFY: one tab's change. */
export type PresenceNotice =
  | { op: 'set'; workspace_id: string; ticket_id: string; client_id: string; user_id: string; name: string; state: PresenceState; expires_at: string }
  | { op: 'leave'; workspace_id: string; ticket_id: string; client_id: string; user_id: string };

export interface PresenceChange {
  ticket_id: string;
  agents: AgentPresence[];
}

/**
 * Ticket presence across instances. Presence is never stored: a heartbeat is NOTIFYed on its own
 * channel, and every instance (the sender too) applies it to its in-memory registry, so each
 * one can answer "who is on this ticket" and push changes to its own SSE clients. An instance
 * that starts late learns everyone within one heartbeat interval. Expiry is checked against the
 * injected clock, by a sweep every few seconds (tests call `sweep()` after moving the clock).
 */
export class PresenceHub {
  readonly registry = new PresenceRegistry();
  readonly #emitter = new EventEmitter();
  #stop: (() => Promise<void>) | null = null;
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {
    this.#emitter.setMaxListeners(0);
  }

  async start(): Promise<void> {
    if (this.#stop) return;
    this.#stop = await this.database.listen(PRESENCE_CHANNEL, (payload) => {
      try {
        this.apply(JSON.parse(payload) as PresenceNotice);
      } catch {}
    });
    this.#timer = setInterval(() => this.sweep(), SWEEP_MS);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    const stop = this.#stop;
    this.#stop = null;
    await stop?.();
  }

  /** Applies the change here at once (the answer reflects it) and tells every instance. */
  async publish(db: Kysely<DB>, notice: PresenceNotice): Promise<void> {
    this.apply(notice);
    await executeRaw(db, 'select pg_notify($1, $2)', [PRESENCE_CHANNEL, JSON.stringify(notice)]);
  }

  apply(notice: PresenceNotice): void {
    if (typeof notice?.workspace_id !== 'string' || typeof notice.ticket_id !== 'string') return;
    const now = this.clock.now().getTime();
    const changed =
      notice.op === 'set'
        ? this.registry.set(
            {
              workspaceId: notice.workspace_id,
              ticketId: notice.ticket_id,
              clientId: notice.client_id,
              userId: notice.user_id,
              name: notice.name,
              state: notice.state,
              expiresAt: Date.parse(notice.expires_at),
            },
            now,
          )
        : this.registry.remove(notice.workspace_id, notice.ticket_id, notice.client_id, notice.user_id, now);
    if (changed) this.#emit(notice.workspace_id, notice.ticket_id, now);
  }

  /** Drops expired tabs and tells subscribers about the tickets that changed. */
  sweep(): void {
    const now = this.clock.now().getTime();
    for (const { workspaceId, ticketId } of this.registry.sweep(now)) this.#emit(workspaceId, ticketId, now);
  }

  snapshot(workspaceId: string, ticketId: string): AgentPresence[] {
    return this.registry.snapshot(workspaceId, ticketId, this.clock.now().getTime());
  }

  /** Calls `listener` with each change of presence on the workspace's tickets. */
  subscribe(workspaceId: string, listener: (change: PresenceChange) => void): () => void {
    const guarded = (change: PresenceChange) => {
      try {
        listener(change);
      } catch {}
    };
    this.#emitter.on(workspaceId, guarded);
    return () => this.#emitter.off(workspaceId, guarded);
  }

  #emit(workspaceId: string, ticketId: string, now: number): void {
    this.#emitter.emit(workspaceId, { ticket_id: ticketId, agents: this.registry.snapshot(workspaceId, ticketId, now) });
  }
}

/**
 * One hub per app (per `deps`): the presence routes start and stop it, the event stream
 * subscribes to it. Keyed by the app's deps object rather than added to AppDeps, so the
 * composition root and the test harness need no change.
 */
const hubs = new WeakMap<AppDeps, PresenceHub>();
export function presenceHubOf(deps: AppDeps): PresenceHub {
  let hub = hubs.get(deps);
  if (!hub) hubs.set(deps, (hub = new PresenceHub(deps.database, deps.clock)));
  return hub;
}
