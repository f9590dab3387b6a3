import type { MessageKind } from '../../../platform/schema.ts';

/**
 * How a logged phone call or visit becomes messages, so that the SLA clocks read it the way it
 * happened (server/modules/sla/clocks: a `customer` message starts/keeps the reply clocks; an
 * agent's `public_reply` that is not the ticket's first message fulfils first/next reply; an
 * `internal_note` changes no clock).
 *
 * - inbound and answered (resolved, follow_up, callback_requested): the customer spoke at the
 *   start (a `customer` message: the reason), the agent answered on the call (a `public_reply`
 *   at the end: the notes). On a new ticket the first reply is therefore the call itself.
 * - inbound and not answered (voicemail, no_answer, busy): only the customer's attempt, a
 *   `customer` message; the reply clocks run until an agent gets back to them.
 * - outbound and reached (resolved, follow_up, callback_requested, voicemail): the agent's
 *   public interaction, a `public_reply` at the start.
 * - not reached (outbound no_answer/busy, and a no_show either way): an `internal_note`; an
 *   attempt nobody heard is no reply, and no customer spoke.
 */

export type ContactDirection = 'inbound' | 'outbound';
export type ContactType = 'call' | 'visit';

export interface ContactPart {
  kind: MessageKind;
  /** start: at the call's start; end: start + duration. */
  when: 'start' | 'end';
  /** Which text the message carries. */
  body: 'reason' | 'notes' | 'reason_and_notes';
}

const ANSWERED = new Set(['resolved', 'follow_up', 'callback_requested']);
const REACHED_OUTBOUND = new Set(['resolved', 'follow_up', 'callback_requested', 'voicemail']);
const CUSTOMER_ATTEMPT = new Set(['voicemail', 'no_answer', 'busy']);

export function contactParts(direction: ContactDirection, outcome: string): ContactPart[] {
  if (direction === 'inbound') {
    if (ANSWERED.has(outcome)) {
      return [
        { kind: 'customer', when: 'start', body: 'reason' },
        { kind: 'public_reply', when: 'end', body: 'notes' },
      ];
    }
    if (CUSTOMER_ATTEMPT.has(outcome)) return [{ kind: 'customer', when: 'start', body: 'reason_and_notes' }];
    return [{ kind: 'internal_note', when: 'start', body: 'notes' }];
  }
  if (REACHED_OUTBOUND.has(outcome)) return [{ kind: 'public_reply', when: 'start', body: 'notes' }];
  return [{ kind: 'internal_note', when: 'start', body: 'notes' }];
}

/** The line written for the customer's side when the agent gave no reason. */
export function defaultReason(type: ContactType, direction: ContactDirection, durationSeconds: number): string {
  const minutes = Math.floor(durationSeconds / 60);
  const seconds = durationSeconds % 60;
  const length = minutes > 0 ? `${minutes} min ${seconds} s` : `${seconds} s`;
  if (type === 'call') return `${direction === 'inbound' ? 'Inbound' : 'Outbound'} phone call (${length})`;
  return `${direction === 'inbound' ? 'Walk-in visit' : 'Visit at the customer'} (${length})`;
}

export function partBody(part: ContactPart, reason: string, notes: string): string {
  if (part.body === 'reason') return reason;
  if (part.body === 'notes') return notes;
  return `${reason}\n\n${notes}`;
}
