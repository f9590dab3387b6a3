/**
 * Inbound addresses and ticket tokens (pure, no I/O).
 *
 * A workspace receives mail at `support@<workspace mail_domain>` or at
 * `<workspace slug>@<GAPWISE_MAIL_DOMAIN>`; any `+tag` after the local part is allowed
 * (`support+t123-a1b2c3@…` is the reply address of ticket 123).
 *
 * The ticket token is `<number>-<check>`: the ticket number people read, and six hex digits of
 * the ticket's random id tail. A number alone is guessable, so `[#123]` typed by someone else
 * never joins ticket 123: the check must match too (24 random bits per ticket).
 */

export const SUPPORT_LOCAL_PART = 'support';

export interface ParsedAddress {
  /** Local part without the +tag, lowercased. */
  local: string;
  /** The text after the first `+`, as written; null when there is none. */
  tag: string | null;
  domain: string;
}

/** Splits `Local+Tag@Domain.example`; undefined when it is not one plain address. */
export function parseAddress(address: string): ParsedAddress | undefined {
  const match = /^([^\s@<>()",;:]+)@([a-z0-9.-]+\.?[a-z0-9-]*)$/i.exec(address.trim());
  if (!match) return undefined;
  const [, localFull = '', domain = ''] = match;
  const plus = localFull.indexOf('+');
  return {
    local: (plus >= 0 ? localFull.slice(0, plus) : localFull).toLowerCase(),
    tag: plus >= 0 ? localFull.slice(plus + 1) : null,
    domain: domain.toLowerCase().replace(/\.$/, ''),
  };
}

/** Which workspace an inbound address can name: by its own mail domain, or by slug under the instance domain. */
export type InboundTarget = { by: 'mail_domain'; domain: string; tag: string | null } | { by: 'slug'; slug: string; tag: string | null };

export function inboundTarget(address: string, instanceDomain: string | undefined): InboundTarget | undefined {
  const parsed = parseAddress(address);
  if (!parsed) return undefined;
  if (instanceDomain && parsed.domain === instanceDomain.toLowerCase()) return { by: 'slug', slug: parsed.local, tag: parsed.tag };
  if (parsed.local === SUPPORT_LOCAL_PART) return { by: 'mail_domain', domain: parsed.domain, tag: parsed.tag };
  return undefined;
}

/** The workspace's own inbound address; undefined when it has neither a mail domain nor an instance domain. */
export function workspaceAddress(workspace: { slug: string; mail_domain: string | null }, instanceDomain: string | undefined): string | undefined {
  if (workspace.mail_domain) return `${SUPPORT_LOCAL_PART}@${workspace.mail_domain.toLowerCase()}`;
  if (instanceDomain) return `${workspace.slug}@${instanceDomain.toLowerCase()}`;
  return undefined;
}

export interface TicketToken {
  number: number;
  check: string;
}

/** Six hex digits from the random tail of a UUIDv7 ticket id. */
export function ticketCheck(ticketId: string): string {
  return ticketId.replace(/-/g, '').slice(-6).toLowerCase();
}

export function formatTicketToken(ticket: { number: number; id: string }): string {
  return `${ticket.number}-${ticketCheck(ticket.id)}`;
}

/** `Subject [#123-a1b2c3]`: the token appended once, never twice. */
export function subjectWithToken(subject: string, ticket: { number: number; id: string }): string {
  const token = `[#${formatTicketToken(ticket)}]`;
  const clean = subject.replace(/\s*\[#\d{1,10}-[0-9a-f]{6}\]/gi, '').trim();
  return `${clean} ${token}`.trim();
}

/** `support+t123-a1b2c3@domain`: replies to it thread even when a client drops the headers. */
export function replyAddress(inboundAddress: string, ticket: { number: number; id: string }): string {
  const at = inboundAddress.lastIndexOf('@');
  return `${inboundAddress.slice(0, at)}+t${formatTicketToken(ticket)}${inboundAddress.slice(at)}`;
}

function toToken(number: string | undefined, check: string | undefined): TicketToken | undefined {
  const n = Number(number);
  if (!Number.isSafeInteger(n) || n <= 0 || !check) return undefined;
  return { number: n, check: check.toLowerCase() };
}

/** The last `[#123-a1b2c3]` in a subject (forwards can carry several; the newest is last). */
export function tokenFromSubject(subject: string | undefined): TicketToken | undefined {
  if (!subject) return undefined;
  const all = [...subject.matchAll(/\[#(\d{1,10})-([0-9a-f]{6})\]/gi)];
  const last = all.at(-1);
  return last ? toToken(last[1], last[2]) : undefined;
}

/** The token of a `+t123-a1b2c3` address tag. */
export function tokenFromTag(tag: string | null | undefined): TicketToken | undefined {
  if (!tag) return undefined;
  const match = /^t(\d{1,10})-([0-9a-f]{6})$/i.exec(tag);
  return match ? toToken(match[1], match[2]) : undefined;
}

/** A Message-ID as stored and compared: `<local@domain>`, without spaces, lowercased domain kept as is. */
export function normalizeMessageId(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  const match = /<?\s*([^<>\s]+@[^<>\s]+)\s*>?/.exec(value);
  const id = match?.[1];
  if (!id || id.length > 900) return undefined;
  return `<${id}>`;
}

/** Every Message-ID in a References / In-Reply-To value (or list of values), in order, no repeats. */
export function messageIdList(values: string | string[] | undefined | null): string[] {
  const list = Array.isArray(values) ? values : values ? [values] : [];
  const out: string[] = [];
  for (const v of list) {
    for (const m of v.matchAll(/<[^<>\s]+@[^<>\s]+>|[^<>\s]+@[^<>\s]+/g)) {
      const id = normalizeMessageId(m[0]);
      if (id && !out.includes(id)) out.push(id);
    }
  }
  return out;
}
