import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../../../config.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import { newId } from '../../../platform/ids.ts';
import { parseMailbox } from '../../../platform/mailer.ts';
import type { Attachment, DB, Ticket } from '../../../platform/schema.ts';
import type { AttachmentStorage } from '../../../platform/storage.ts';
import { customerSegment, findOrCreateCustomerByIdentity } from '../../customers/customers.service.ts';
import { refreshTicketClocks } from '../../sla-clocks/sla-clocks.service.ts';
import { sanitizeMessageHtml } from '../../tickets/message-body.ts';
import { appendMessage, type EventActor, openTicket } from '../../tickets/ticket-writer.ts';
import { findTicket } from '../../tickets/tickets.repository.ts';
import { findWorkspace } from '../../workspaces/workspaces.repository.ts';
import { type AutoSubmitted, detectAutoSubmitted } from './auto-submitted.ts';
import { inboundTarget, parseAddress, ticketCheck, tokenFromSubject, tokenFromTag, workspaceAddress } from './email-address.ts';
import { queueAcknowledgement } from './email-outbound.service.ts';
import { type ParsedEmail, parseEmail } from './email-parse.ts';
import * as repo from './email.repository.ts';
import { foldHtml, foldText, joinFolded, textToHtml } from './quote-folding.ts';
import { decideThread, type ThreadingDecision } from './threading.ts';

/**
 * The one way mail becomes tickets, whichever way it arrived (SMTP listener, IMAP poller).
 * Per mail: parse, store the raw .eml and the attachments, skip it if this workspace has it
 * already (Message-ID, else content hash), find its ticket (threading.ts) or open one, append
 * the customer's message through ticket-writer, record it in `email_messages`, and acknowledge
 * a new ticket unless the mail was written by a machine. One transaction per mail.
 */
export interface IngestDeps {
  db: Kysely<DB>;
  jobs: JobQueue;
  storage: AttachmentStorage;
  config: Pick<Config, 'mailFrom' | 'mailDomain' | 'emailMaxMessageBytes' | 'emailMaxAttachmentBytes'>;
  now: () => Date;
}

export interface InboundEmail {
  workspaceId: string;
  raw: Buffer;
  /** SMTP envelope: sender ('' is the null sender of bounces) and the recipients of this workspace. */
  envelope: { from: string | undefined; to: string[] };
  source: 'smtp' | 'imap';
  mailboxId?: string | undefined;
}

export type IngestResult =
  | { status: 'stored'; ticketId: string; messageId: string; newTicket: boolean; threadedBy: string | null; auto: AutoSubmitted | undefined; acknowledged: boolean }
  | { status: 'duplicate'; ticketId: string };

/** At most this many acknowledgements to one address a day: a second guard against loops with robots that ignore Auto-Submitted. */
const ACKS_PER_ADDRESS_PER_DAY = 5;
const UNKNOWN_SENDER = 'unknown-sender@invalid';

export async function ingestEmail(deps: IngestDeps, mail: InboundEmail): Promise<IngestResult> {
  const parsed = await parseEmail(mail.raw);
  const contentHash = createHash('sha256').update(mail.raw).digest('hex');
  const key = parsed.rfcMessageId ? { rfcMessageId: parsed.rfcMessageId } : { contentHash };
  const known = await repo.findDuplicate(deps.db, mail.workspaceId, key);
  if (known) return { status: 'duplicate', ticketId: known.ticket_id };

  // Files first, outside the transaction: content-addressed, so a retry or a rolled-back
  // transaction leaves at most an unreferenced file, never a message without its file.
  const raw = await deps.storage.put(mail.workspaceId, mail.raw);
  const attachments = await storeAttachments(deps, mail.workspaceId, parsed);
  const sender = parsed.from?.address ?? (mail.envelope.from ? mail.envelope.from.toLowerCase() : undefined) ?? UNKNOWN_SENDER;
  const auto = detectAutoSubmitted({ headers: parsed.headers, from: parsed.from?.address, envelopeFrom: mail.envelope.from, contentType: parsed.contentType });

  try {
    return await deps.db.transaction().execute(async (trx) => {
      const again = await repo.findDuplicate(trx, mail.workspaceId, key);
      if (again) return { status: 'duplicate', ticketId: again.ticket_id } as const;
      const now = deps.now();
      const decision = await threadOf(trx, deps, mail, parsed);
      const { customer } = await findOrCreateCustomerByIdentity(trx, mail.workspaceId, { kind: 'email', value: sender }, { name: parsed.from?.name }, now);
      const actor: EventActor = { actor_type: 'customer', actor_id: customer.id };
      let ticket: Ticket | undefined = decision.kind === 'existing' ? await findTicket(trx, mail.workspaceId, decision.ticketId, { forUpdate: true }) : undefined;
      const followUpOf = ticket?.status === 'closed' ? ticket : undefined;
      const newTicket = !ticket || followUpOf !== undefined;
      if (newTicket) {
        const segment = await customerSegment(trx, customer);
        ticket = await openTicket(trx, {
          workspaceId: mail.workspaceId,
          subject: parsed.subject || '(no subject)',
          customerId: customer.id,
          organizationId: segment.organizationId,
          tierId: segment.tierId,
          channel: 'email',
          status: 'new',
          priority: 'normal',
          tags: auto ? [auto.kind.replace('_', '-')] : [],
          customFields: followUpOf ? { follow_up_of: followUpOf.number } : {},
          at: now,
          actor,
        });
      }
      const body = displayBody(parsed);
      const { message, ticket: after } = await appendMessage(trx, ticket as Ticket, {
        kind: 'customer',
        channel: 'email',
        text: body.text,
        html: body.html,
        attachments,
        authorCustomerId: customer.id,
        metadata: {
          email: {
            from: sender === UNKNOWN_SENDER ? null : sender,
            to: parsed.to.slice(0, 50),
            cc: parsed.cc.slice(0, 50),
            subject: parsed.subject,
            message_id: parsed.rfcMessageId ?? null,
            // Quoted history / signature are wrapped in data-gapwise-fold in body_html; body_text is whole.
            folded: body.folded,
            auto: auto ?? null,
            raw_size: mail.raw.length,
            source: mail.source,
            ...(parsed.parseError ? { parse_error: parsed.parseError.slice(0, 300) } : {}),
          },
        },
        at: now,
        actor,
      });
      const refreshed = await refreshTicketClocks(trx, after, now);
      await repo.insertEmailMessage(trx, {
        id: newId(now.getTime()),
        workspace_id: mail.workspaceId,
        ticket_id: after.id,
        message_id: message.id,
        direction: 'in',
        kind: 'customer',
        rfc_message_id: parsed.rfcMessageId ?? null,
        content_hash: parsed.rfcMessageId ? null : contentHash,
        in_reply_to: parsed.inReplyTo ?? null,
        reference_ids: parsed.references.slice(0, 100),
        from_address: sender === UNKNOWN_SENDER ? null : sender,
        to_addresses: [...new Set([...mail.envelope.to.map((t) => t.toLowerCase()), ...parsed.to])].slice(0, 100),
        subject: parsed.subject,
        auto_kind: auto?.kind ?? null,
        auto_reason: auto?.reason ?? null,
        raw_key: raw.key,
        source: mail.source,
        mailbox_id: mail.mailboxId ?? null,
        status: 'received',
        created_at: now,
        updated_at: now,
      });
      const acknowledged = newTicket && (await acknowledge(trx, deps, refreshed.ticket, sender, parsed, auto, now));
      return {
        status: 'stored',
        ticketId: after.id,
        messageId: message.id,
        newTicket,
        threadedBy: decision.kind === 'existing' && !followUpOf ? decision.by : null,
        auto,
        acknowledged,
      } as const;
    });
  } catch (error) {
    // Two deliveries of one mail raced: the unique index let one in.
    if (isUniqueViolation(error)) {
      const winner = await repo.findDuplicate(deps.db, mail.workspaceId, key);
      if (winner) return { status: 'duplicate', ticketId: winner.ticket_id };
    }
    throw error;
  }
}

async function threadOf(db: Kysely<DB>, deps: IngestDeps, mail: InboundEmail, parsed: ParsedEmail): Promise<ThreadingDecision> {
  const candidates = [...new Set([parsed.inReplyTo, ...parsed.references, ...parsed.reportedMessageIds].filter((x): x is string => !!x))].slice(-200);
  const known = await repo.ticketsOfMessageIds(db, mail.workspaceId, candidates);
  const knownMessageIds = new Map(known.map((k) => [k.rfc_message_id as string, k.ticket_id]));
  const tags = [...mail.envelope.to, ...parsed.to, ...parsed.cc].map((a) => inboundTarget(a, deps.config.mailDomain)?.tag);
  const addressToken = tags.map((t) => tokenFromTag(t)).find((t) => t !== undefined);
  const subjectToken = tokenFromSubject(parsed.subject);
  const numbers = [addressToken?.number, subjectToken?.number].filter((n): n is number => n !== undefined);
  const tickets = await repo.ticketsByNumbers(db, mail.workspaceId, numbers);
  const ticketsByNumber = new Map(tickets.map((t) => [t.number, { id: t.id, check: ticketCheck(t.id) }]));
  // A bounce names the mail it reports on only inside the report; In-Reply-To takes that role.
  const inReplyTo = parsed.inReplyTo ?? parsed.reportedMessageIds[0];
  return decideThread({ inReplyTo, references: parsed.references, knownMessageIds, addressToken, subjectToken, ticketsByNumber });
}

/** Display body: full text kept; HTML sanitised, with quoted history and signature folded. */
export function displayBody(parsed: Pick<ParsedEmail, 'text' | 'html'>): { text: string; html: string | null; folded: { quote: boolean; signature: boolean } } {
  if (parsed.html) {
    const parts = foldHtml(parsed.html);
    const html = joinFolded({
      visible: sanitizeMessageHtml(parts.visible),
      signature: parts.signature ? sanitizeMessageHtml(parts.signature) : null,
      quote: parts.quote ? sanitizeMessageHtml(parts.quote) : null,
    });
    return { text: parsed.text, html: html.trim() ? html : null, folded: { quote: parts.quote !== null, signature: parts.signature !== null } };
  }
  const folded = foldText(parsed.text);
  if (!folded.quote && !folded.signature) return { text: parsed.text, html: null, folded: { quote: false, signature: false } };
  return {
    text: parsed.text,
    folded: { quote: folded.quote !== null, signature: folded.signature !== null },
    html: joinFolded({
      visible: textToHtml(folded.visible),
      signature: folded.signature ? textToHtml(folded.signature) : null,
      quote: folded.quote ? textToHtml(folded.quote) : null,
    }),
  };
}

/**
 * Attachments go to storage within the per-file limit and the per-message budget; one over a
 * limit is listed without a `storage_key` (its bytes stay in the raw .eml). Nothing is ever
 * decompressed: an archive is stored as the bytes it is.
 */
async function storeAttachments(deps: IngestDeps, workspaceId: string, parsed: ParsedEmail): Promise<Attachment[]> {
  let budget = deps.config.emailMaxMessageBytes;
  const out: Attachment[] = [];
  for (const a of parsed.attachments.slice(0, 100)) {
    const meta: Attachment = { filename: a.filename, content_type: a.contentType, size: a.content.length };
    if (a.contentId) meta.content_id = a.contentId.slice(0, 255);
    if (a.content.length <= deps.config.emailMaxAttachmentBytes && a.content.length <= budget) {
      meta.storage_key = (await deps.storage.put(workspaceId, a.content)).key;
      budget -= a.content.length;
    }
    out.push(meta);
  }
  return out;
}

/** A new ticket's acknowledgement: never to machines, to ourselves, or too often to one address. */
async function acknowledge(db: Kysely<DB>, deps: IngestDeps, ticket: Ticket, sender: string, parsed: ParsedEmail, auto: AutoSubmitted | undefined, now: Date): Promise<boolean> {
  if (auto || sender === UNKNOWN_SENDER || !parseAddress(sender)) return false;
  const workspace = await findWorkspace(db, ticket.workspace_id);
  if (!workspace) return false;
  const ours = [workspaceAddress(workspace, deps.config.mailDomain), parseMailbox(deps.config.mailFrom)?.toLowerCase()];
  if (ours.includes(sender) || parseAddress(sender)?.domain === deps.config.mailDomain) return false;
  const since = new Date(now.getTime() - 24 * 3_600_000);
  if ((await repo.countAcksTo(db, ticket.workspace_id, sender, since)) >= ACKS_PER_ADDRESS_PER_DAY) return false;
  await queueAcknowledgement(db, deps.jobs, ticket, sender, parsed.rfcMessageId ?? null, now);
  return true;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
