/**
 * A tiny builder of ticket event histories for the clock tests (not part of the public entry).
 * It writes what server/modules/tickets/ticket-writer.ts writes — `created`, then the opening
 * message, status changes that follow messages (statusAfterMessage) — so tests read like the
 * story of a ticket: history('Mon 09:00').reply('09:30').customer('10:00').status('11:00', 'solved').
 */
import { statusAfterMessage } from '../../tickets/ticket-status.ts';
import type { ClockActorType, ClockEvent, ClockTicketPriority, ClockTicketStatus } from './clock-types.ts';

export interface HistoryOptions {
  status?: ClockTicketStatus;
  priority?: ClockTicketPriority;
  channel?: string;
  tier?: string | null;
  /** Who wrote the first message: the customer (default), an agent (outbound ticket) or nobody. */
  opening?: 'customer' | 'agent' | 'none';
}

export class TicketHistory {
  readonly events: ClockEvent[] = [];
  private seq = 0;
  private current: ClockTicketStatus;
  private readonly channel: string;

  constructor(at: string, options: HistoryOptions = {}) {
    this.current = options.status ?? 'new';
    this.channel = options.channel ?? 'email';
    const opening = options.opening ?? 'customer';
    this.push('created', at, opening === 'customer' ? 'api_key' : 'user', {
      status: this.current,
      priority: options.priority ?? 'normal',
      channel: this.channel,
      tier_id: options.tier ?? null,
    });
    if (opening === 'customer') this.customer(at);
    if (opening === 'agent') this.reply(at);
  }

  /** A customer message; like the writer, it reopens a pending, on-hold or solved ticket. */
  customer(at: string, channel = this.channel): this {
    this.push('message_added', at, 'customer', { kind: 'customer', channel, author_type: 'customer' });
    return this.follow(at, statusAfterMessage(this.current, 'customer'));
  }

  /** A public reply by an agent (or by `actor`), optionally setting a status with it. */
  reply(at: string, options: { status?: ClockTicketStatus; actor?: ClockActorType } = {}): this {
    const actor = options.actor ?? 'user';
    this.push('message_added', at, actor, { kind: 'public_reply', channel: this.channel, author_type: actor === 'user' ? 'user' : 'system' });
    return this.follow(at, statusAfterMessage(this.current, 'public_reply', options.status));
  }

  note(at: string): this {
    this.push('message_added', at, 'user', { kind: 'internal_note', channel: this.channel, author_type: 'user' });
    return this;
  }

  status(at: string, to: ClockTicketStatus): this {
    return this.follow(at, to);
  }

  priority(at: string, to: ClockTicketPriority): this {
    this.push('priority_changed', at, 'user', { from: null, to });
    return this;
  }

  tier(at: string, to: string | null): this {
    this.push('tier_changed', at, 'system', { from: null, to });
    return this;
  }

  merged(at: string): this {
    this.push('merged', at, 'user', { into_ticket_id: 'other' });
    return this;
  }

  event(type: string, at: string, data: Record<string, unknown> = {}, actor: ClockActorType = 'user'): this {
    this.push(type, at, actor, data);
    return this;
  }

  private follow(at: string, to: ClockTicketStatus): this {
    if (to === this.current) return this;
    this.push('status_changed', at, 'user', { from: this.current, to });
    this.current = to;
    return this;
  }

  private push(type: string, at: string, actor_type: ClockActorType, data: Record<string, unknown>) {
    this.seq += 1;
    this.events.push({ type, actor_type, data, occurred_at: new Date(at), seq: this.seq });
  }
}

export function history(at: string, options?: HistoryOptions): TicketHistory {
  return new TicketHistory(at, options);
}
