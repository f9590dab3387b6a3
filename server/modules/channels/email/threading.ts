import type { TicketToken } from './email-address.ts';

/**
 * Which ticket an inbound mail belongs to (pure). In order of trust:
 *   1. In-Reply-To names a Message-ID we sent or received for a ticket;
 *   2. any References entry does (newest first: References lists the thread oldest first);
 *   3. a ticket token whose check matches, from the recipient address tag (`support+t123-…@`)
 *      and then from the subject (`[#123-a1b2c3]`);
 *   4. otherwise a new ticket.
 * A ticket that is closed cannot take new messages: the mail opens a follow-up ticket instead
 * (the service links it through the `follow_up_of` custom field).
 */
export interface ThreadingInput {
  inReplyTo: string | undefined;
  references: string[];
  /** Ticket id of each Message-ID we know (sent or received in this workspace). */
  knownMessageIds: ReadonlyMap<string, string>;
  addressToken: TicketToken | undefined;
  subjectToken: TicketToken | undefined;
  /** Ticket id and check for each token number that exists in the workspace. */
  ticketsByNumber: ReadonlyMap<number, { id: string; check: string }>;
}

export type ThreadingDecision =
  | { kind: 'existing'; ticketId: string; by: 'in_reply_to' | 'references' | 'address_token' | 'subject_token' }
  | { kind: 'new' };

export function decideThread(input: ThreadingInput): ThreadingDecision {
  if (input.inReplyTo) {
    const ticketId = input.knownMessageIds.get(input.inReplyTo);
    if (ticketId) return { kind: 'existing', ticketId, by: 'in_reply_to' };
  }
  for (const id of [...input.references].reverse()) {
    const ticketId = input.knownMessageIds.get(id);
    if (ticketId) return { kind: 'existing', ticketId, by: 'references' };
  }
  for (const [token, by] of [
    [input.addressToken, 'address_token'],
    [input.subjectToken, 'subject_token'],
  ] as const) {
    if (!token) continue;
    const ticket = input.ticketsByNumber.get(token.number);
    if (ticket && ticket.check === token.check) return { kind: 'existing', ticketId: ticket.id, by };
  }
  return { kind: 'new' };
}

/**
 * References for an outbound mail (RFC 5322 §3.6.4): the thread's Message-IDs oldest first,
 * ending with the one we reply to. Long threads keep the first and the latest ids, so the
 * header stays a sensible size.
 */
export function buildReferences(threadIds: string[], max = 20): string[] {
  const unique = [...new Set(threadIds)];
  if (unique.length <= max) return unique;
  const first = unique[0] as string;
  return [first, ...unique.slice(unique.length - (max - 1))];
}

/** `Re: subject` once, whatever prefixes the subject had (Re, RE, Fwd, AW, Odp, TR, …). */
export function replySubject(subject: string): string {
  const clean = subject.replace(/^(\s*(re|fw|fwd|aw|wg|odp|tr|sv|vs)\s*(\[\d+\])?\s*:\s*)+/i, '').trim();
  return `Re: ${clean || '(no subject)'}`;
}
