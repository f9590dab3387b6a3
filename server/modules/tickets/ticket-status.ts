import type { MessageKind, TicketStatus } from '../../platform/schema.ts';

/**
 * Status rules, pure. A customer writing on a pending, on-hold or solved
 * ticket reopens it (Zendesk/Freshdesk behaviour); an agent's first public
 * reply moves a new ticket to open; closed is final.
 */
export function statusAfterMessage(current: TicketStatus, kind: MessageKind, requested?: TicketStatus): TicketStatus {
  if (kind === 'customer') {
    return current === 'pending' || current === 'on_hold' || current === 'solved' ? 'open' : current;
  }
  if (requested) return requested;
  if (kind === 'public_reply' && current === 'new') return 'open';
  return current;
}

export function canChangeStatus(from: TicketStatus, to: TicketStatus): boolean {
  if (from === to) return true;
  return from !== 'closed';
}

/** solved_at / closed_at as they should be after moving to `to`. */
export function resolutionStamps(
  to: TicketStatus,
  at: Date,
  current: { solved_at: Date | null; closed_at: Date | null },
): { solved_at: Date | null; closed_at: Date | null } {
  if (to === 'solved') return { solved_at: current.solved_at ?? at, closed_at: null };
  if (to === 'closed') return { solved_at: current.solved_at ?? at, closed_at: at };
  return { solved_at: null, closed_at: null };
}
