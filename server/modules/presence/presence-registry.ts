/**
 * Who has which ticket open, in memory (no I/O; the hub feeds it and reads it). One entry per
 * browser tab (`client_id`); an entry lives until its `expiresAt` unless a heartbeat renews it.
 * Snapshots show one line per agent: replying in any tab wins over viewing.
 */
export type PresenceState = 'viewing' | 'replying';

export interface PresenceEntry {
  workspaceId: string;
  ticketId: string;
  clientId: string;
  userId: string;
  name: string;
  state: PresenceState;
  expiresAt: number;
}

export interface AgentPresence {
  user_id: string;
  name: string;
  state: PresenceState;
}

const ticketKey = (workspaceId: string, ticketId: string) => `${workspaceId}/${ticketId}`;

export class PresenceRegistry {
  readonly #tickets = new Map<string, Map<string, PresenceEntry>>();

  /** Adds or renews an entry; true when the ticket's snapshot changed. */
  set(entry: PresenceEntry, now: number): boolean {
    const key = ticketKey(entry.workspaceId, entry.ticketId);
    const before = this.#signature(key, now);
    let clients = this.#tickets.get(key);
    if (!clients) this.#tickets.set(key, (clients = new Map()));
    clients.set(entry.clientId, entry);
    return this.#signature(key, now) !== before;
  }

  /** Removes a tab's entry (only the same agent's); true when the snapshot changed. */
  remove(workspaceId: string, ticketId: string, clientId: string, userId: string, now: number): boolean {
    const key = ticketKey(workspaceId, ticketId);
    const clients = this.#tickets.get(key);
    if (!clients || clients.get(clientId)?.userId !== userId) return false;
    const before = this.#signature(key, now);
    clients.delete(clientId);
    if (clients.size === 0) this.#tickets.delete(key);
    return this.#signature(key, now) !== before;
  }

  /** Drops expired entries; returns the tickets whose snapshot changed. */
  sweep(now: number): { workspaceId: string; ticketId: string }[] {
    const changed: { workspaceId: string; ticketId: string }[] = [];
    for (const [key, clients] of this.#tickets) {
      let removed: PresenceEntry | undefined;
      for (const [clientId, entry] of clients) {
        if (entry.expiresAt <= now) {
          clients.delete(clientId);
          removed = entry;
        }
      }
      if (clients.size === 0) this.#tickets.delete(key);
      if (removed) changed.push({ workspaceId: removed.workspaceId, ticketId: removed.ticketId });
    }
    return changed;
  }

  /** The live agents on a ticket, one per agent, by name then id. */
  snapshot(workspaceId: string, ticketId: string, now: number): AgentPresence[] {
    const byUser = new Map<string, AgentPresence>();
    for (const entry of this.#tickets.get(ticketKey(workspaceId, ticketId))?.values() ?? []) {
      if (entry.expiresAt <= now) continue;
      const seen = byUser.get(entry.userId);
      if (!seen || (seen.state === 'viewing' && entry.state === 'replying')) byUser.set(entry.userId, { user_id: entry.userId, name: entry.name, state: entry.state });
    }
    return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name) || a.user_id.localeCompare(b.user_id));
  }

  #signature(key: string, now: number): string {
    const [workspaceId = '', ticketId = ''] = key.split('/');
    return JSON.stringify(this.snapshot(workspaceId, ticketId, now));
  }
}
