import type { EventBus, EventNotice } from '../../../platform/realtime.ts';
import type { ChatSignal, ChatSignals } from './chat-signals.ts';

/** What the hub calls on a visitor's socket. */
export interface VisitorLink {
  /** A stored event of the visitor's chat ticket arrived (a message, a status change, the end). */
  onTicketEvent(notice: EventNotice): void;
  onAgentTyping(typing: boolean): void;
}

/** What the hub calls on an agent's chat socket. */
export interface AgentLink {
  onVisitorTyping(ticketId: string, typing: boolean): void;
}

/**
 * The sockets of this instance, by workspace and ticket. It listens to the EventBus (stored
 * ticket events, LISTEN/NOTIFY across instances) and to ChatSignals (typing) only for
 * workspaces that have a socket here, and hands each notice to the sockets it concerns. The
 * notice carries no message body: a visitor socket reads the new messages itself, so what it
 * shows is exactly what was committed.
 */
export class ChatHub {
  readonly #visitors = new Map<string, Set<VisitorLink>>();
  readonly #agents = new Map<string, Set<AgentLink>>();
  readonly #workspaces = new Map<string, { count: number; unsubscribe: () => void }>();

  constructor(
    private readonly events: EventBus,
    private readonly signals: ChatSignals,
  ) {}

  attachVisitor(workspaceId: string, ticketId: string, link: VisitorLink): () => void {
    let set = this.#visitors.get(ticketId);
    if (!set) this.#visitors.set(ticketId, (set = new Set()));
    set.add(link);
    this.#hold(workspaceId);
    return () => {
      set.delete(link);
      if (set.size === 0 && this.#visitors.get(ticketId) === set) this.#visitors.delete(ticketId);
      this.#release(workspaceId);
    };
  }

  attachAgent(workspaceId: string, link: AgentLink): () => void {
    let set = this.#agents.get(workspaceId);
    if (!set) this.#agents.set(workspaceId, (set = new Set()));
    set.add(link);
    this.#hold(workspaceId);
    return () => {
      set.delete(link);
      if (set.size === 0 && this.#agents.get(workspaceId) === set) this.#agents.delete(workspaceId);
      this.#release(workspaceId);
    };
  }

  get socketCount(): number {
    let n = 0;
    for (const set of this.#visitors.values()) n += set.size;
    for (const set of this.#agents.values()) n += set.size;
    return n;
  }

  #hold(workspaceId: string) {
    const entry = this.#workspaces.get(workspaceId);
    if (entry) {
      entry.count += 1;
      return;
    }
    const offEvents = this.events.subscribe(workspaceId, (notice) => this.#onNotice(notice));
    const offSignals = this.signals.subscribe(workspaceId, (signal) => this.#onSignal(workspaceId, signal));
    this.#workspaces.set(workspaceId, { count: 1, unsubscribe: () => (offEvents(), offSignals()) });
  }

  #release(workspaceId: string) {
    const entry = this.#workspaces.get(workspaceId);
    if (!entry) return;
    entry.count -= 1;
    if (entry.count > 0) return;
    entry.unsubscribe();
    this.#workspaces.delete(workspaceId);
  }

  #onNotice(notice: EventNotice) {
    for (const link of this.#visitors.get(notice.ticket_id) ?? []) link.onTicketEvent(notice);
  }

  #onSignal(workspaceId: string, signal: ChatSignal) {
    if (signal.from === 'agent') {
      for (const link of this.#visitors.get(signal.ticket_id) ?? []) link.onAgentTyping(signal.typing);
    } else {
      for (const link of this.#agents.get(workspaceId) ?? []) link.onVisitorTyping(signal.ticket_id, signal.typing);
    }
  }
}
