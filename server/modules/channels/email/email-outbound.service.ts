import type { Kysely, Selectable } from 'kysely';
import type { MessageDeliveryDto } from '../../../../contracts/tickets.ts';
import type { Config } from '../../../config.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Clock } from '../../../platform/clock.ts';
import { newId } from '../../../platform/ids.ts';
import { MailDeliveryError, type Mailer, MailNotConfiguredError, newMessageId, parseMailbox } from '../../../platform/mailer.ts';
import type { Attachment, DB, EmailMessagesTable, Message, Ticket } from '../../../platform/schema.ts';
import { storageFor } from '../../../platform/storage.ts';
import { findCustomer, identitiesOf } from '../../customers/customers.repository.ts';
import { appendEvent } from '../../tickets/ticket-writer.ts';
import { findTicket } from '../../tickets/tickets.repository.ts';
import { findWorkspace } from '../../workspaces/workspaces.repository.ts';
import { replyAddress, subjectWithToken, workspaceAddress } from './email-address.ts';
import { emailLocale, renderAcknowledgement } from './email-templates.ts';
import * as repo from './email.repository.ts';
import { buildReferences, replySubject } from './threading.ts';

/**
 * Mail we send for a ticket: agent replies and acknowledgements. Queuing writes an outbound
 * `email_messages` row and an `email.send` job in the caller's transaction; the job renders the
 * mail and sends it. The Message-ID is stored before the first attempt, so a retried send
 * carries the same id (and the receiver can drop a duplicate).
 */
export const EMAIL_SEND_JOB = 'email.send';
/** pg-boss retries this many times (with backoff); the row counts attempts and gives up after the last. */
export const EMAIL_SEND_RETRIES = 5;
const MAX_ATTEMPTS = EMAIL_SEND_RETRIES + 1;

type EmailRow = Selectable<EmailMessagesTable>;

interface QueueSpec {
  ticket: Pick<Ticket, 'id' | 'workspace_id'>;
  kind: 'reply' | 'ack';
  messageId: string | null;
  to: string[];
  inReplyTo: string | null;
  at: Date;
}

async function queueOutbound(db: Kysely<DB>, jobs: JobQueue, spec: QueueSpec): Promise<EmailRow> {
  const row = await repo.insertEmailMessage(db, {
    id: newId(spec.at.getTime()),
    workspace_id: spec.ticket.workspace_id,
    ticket_id: spec.ticket.id,
    message_id: spec.messageId,
    direction: 'out',
    kind: spec.kind,
    rfc_message_id: null,
    in_reply_to: spec.inReplyTo,
    to_addresses: spec.to,
    status: 'queued',
    created_at: spec.at,
    updated_at: spec.at,
  });
  await jobs.send(db, EMAIL_SEND_JOB, { workspace_id: row.workspace_id, email_message_id: row.id });
  return row;
}

/** An agent's public reply on an email or web-form ticket: queued in the reply's transaction (reply-delivery.ts). */
export async function queueEmailReply(db: Kysely<DB>, jobs: JobQueue, reply: { ticket: Ticket; message: Message }): Promise<void> {
  await queueOutbound(db, jobs, {
    ticket: reply.ticket,
    kind: 'reply',
    messageId: reply.message.id,
    to: [],
    inReplyTo: null,
    at: reply.message.created_at,
  });
}

/** The acknowledgement of a new ticket opened by mail. */
export async function queueAcknowledgement(db: Kysely<DB>, jobs: JobQueue, ticket: Ticket, to: string, inReplyTo: string | null, at: Date) {
  return queueOutbound(db, jobs, { ticket, kind: 'ack', messageId: null, to: [to], inReplyTo, at });
}

export interface SendDeps {
  db: Kysely<DB>;
  mailer: Mailer;
  clock: Clock;
  /** dataDir: where the reply's uploaded attachments are read from. */
  config: Pick<Config, 'mailFrom' | 'mailDomain'> & Partial<Pick<Config, 'dataDir'>>;
}

export type SendOutcome = 'sent' | 'already_done' | 'not_sent' | 'failed' | 'gone';

/**
 * Sends one queued outbound mail. Idempotent: a row already sent, failed or not sent is left
 * alone. A temporary relay failure is thrown (the queue retries with backoff) until the last
 * attempt; a permanent one, a missing relay or the last attempt marks the row and writes an
 * `email_delivery_failed` ticket event.
 */
export async function sendEmailMessage(deps: SendDeps, workspaceId: string, emailMessageId: string): Promise<SendOutcome> {
  const { db } = deps;
  const row = await repo.findEmailMessage(db, workspaceId, emailMessageId);
  if (!row || row.direction !== 'out') return 'gone';
  if (row.status !== 'queued') return 'already_done';
  const attempts = row.attempts + 1;
  await repo.updateEmailMessage(db, workspaceId, row.id, { attempts, updated_at: deps.clock.now() });

  const mail = await composeMail(deps, row);
  if (typeof mail === 'string') return fail(deps, row, 'not_sent', mail);
  // Fixed before the first attempt: a retry after an unclear failure sends the same Message-ID.
  if (!row.rfc_message_id) await repo.updateEmailMessage(db, workspaceId, row.id, { rfc_message_id: mail.messageId });
  try {
    await deps.mailer.send(mail);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (error instanceof MailNotConfiguredError) return fail(deps, row, 'not_sent', reason);
    if ((error instanceof MailDeliveryError && error.permanent) || attempts >= MAX_ATTEMPTS) return fail(deps, row, 'failed', reason);
    await repo.updateEmailMessage(db, workspaceId, row.id, { error: reason, updated_at: deps.clock.now() });
    throw error;
  }
  const now = deps.clock.now();
  await repo.updateEmailMessage(db, workspaceId, row.id, {
    status: 'sent',
    sent_at: now,
    error: null,
    to_addresses: mail.to,
    from_address: parseMailbox(mail.from) ?? null,
    subject: mail.subject,
    in_reply_to: mail.inReplyTo ?? null,
    reference_ids: mail.references,
    updated_at: now,
  });
  return 'sent';
}

async function fail(deps: SendDeps, row: EmailRow, status: 'failed' | 'not_sent', reason: string): Promise<SendOutcome> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateEmailMessage(trx, row.workspace_id, row.id, { status, error: reason.slice(0, 2000), updated_at: now });
    await appendEvent(trx, { id: row.ticket_id, workspace_id: row.workspace_id }, 'email_delivery_failed', { actor_type: 'system', actor_id: null }, {
      email_message_id: row.id,
      message_id: row.message_id,
      kind: row.kind,
      status,
      reason: reason.slice(0, 500),
    }, now);
  });
  return status === 'failed' ? 'failed' : 'not_sent';
}

interface ComposedMail {
  from: string;
  to: string[];
  replyTo: string | undefined;
  subject: string;
  text: string;
  html: string | undefined;
  messageId: string;
  inReplyTo: string | undefined;
  references: string[];
  headers: Record<string, string>;
  attachments?: { filename: string; contentType: string; content: Buffer }[];
}

/** The mail for a row, or why it cannot be sent. */
async function composeMail(deps: SendDeps, row: EmailRow): Promise<ComposedMail | string> {
  const { db } = deps;
  const ticket = await findTicket(db, row.workspace_id, row.ticket_id);
  const workspace = await findWorkspace(db, row.workspace_id);
  if (!ticket || !workspace) return 'the ticket no longer exists';
  const inbound = workspaceAddress(workspace, deps.config.mailDomain);
  const fromAddress = inbound ?? parseMailbox(deps.config.mailFrom) ?? 'no-reply@localhost';
  const from = `"${workspace.name.replace(/["\\\r\n]/g, '')}" <${fromAddress}>`;
  const thread = (await repo.threadMessageIds(db, row.workspace_id, ticket.id)).filter((t) => t.id !== row.rfc_message_id);
  const lastInbound = [...thread].reverse().find((t) => t.direction === 'in')?.id;
  const inReplyTo = row.in_reply_to ?? lastInbound ?? thread.at(-1)?.id;
  const references = buildReferences([...thread.map((t) => t.id).filter((id) => id !== inReplyTo), ...(inReplyTo ? [inReplyTo] : [])]);
  const to = row.to_addresses.length > 0 ? row.to_addresses : await recipientOf(db, ticket);
  if (to.length === 0) return 'the customer has no email address';
  const common = {
    from,
    to,
    replyTo: inbound ? replyAddress(inbound, ticket) : undefined,
    messageId: row.rfc_message_id ?? newMessageId(fromAddress),
    inReplyTo,
    references,
  };
  if (row.kind === 'ack') {
    const customer = await findCustomer(db, row.workspace_id, ticket.customer_id);
    const locale = emailLocale(customer?.locale, workspace.default_locale);
    const ack = renderAcknowledgement(locale, { workspaceName: workspace.name, customerName: customer?.name ?? '', ticketNumber: ticket.number, subject: ticket.subject });
    // RFC 3834: an automatic answer says so, so other robots do not answer it.
    return { ...common, subject: subjectWithToken(ack.subject, ticket), text: ack.text, html: ack.html, headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' } };
  }
  const message = row.message_id ? await findMessage(db, row.workspace_id, row.message_id) : undefined;
  if (!message) return 'the reply no longer exists';
  const attachments = await replyAttachments(deps, row.workspace_id, message.attachments);
  if (typeof attachments === 'string') return attachments;
  return {
    ...common,
    subject: subjectWithToken(replySubject(ticket.subject), ticket),
    text: message.body_text,
    html: message.body_html ?? undefined,
    headers: {},
    ...(attachments.length > 0 ? { attachments } : {}),
  };
}

/** The reply's stored files (agents' uploads), or why one cannot be read: a reply is not sent without its files. */
async function replyAttachments(deps: SendDeps, workspaceId: string, list: Attachment[]) {
  const stored = list.filter((a) => a.storage_key);
  if (stored.length === 0) return [];
  if (!deps.config.dataDir) return 'attachments cannot be read (no data directory given to the sender)';
  const storage = storageFor({ dataDir: deps.config.dataDir });
  const out: { filename: string; contentType: string; content: Buffer }[] = [];
  for (const a of stored) {
    try {
      out.push({ filename: a.filename, contentType: a.content_type, content: await storage.get(workspaceId, a.storage_key as string) });
    } catch {
      return `the attachment ${a.filename} is not in storage`;
    }
  }
  return out;
}

/** Where a reply goes: the sender of the ticket's latest inbound mail, else the customer's first email identity. */
async function recipientOf(db: Kysely<DB>, ticket: Ticket): Promise<string[]> {
  const last = await repo.lastInboundSender(db, ticket.workspace_id, ticket.id);
  if (last) return [last];
  const identities = await identitiesOf(db, [ticket.customer_id]);
  const email = identities.find((i) => i.kind === 'email');
  return email ? [email.value] : [];
}

function findMessage(db: Kysely<DB>, workspaceId: string, id: string) {
  return repo.findTicketMessage(db, workspaceId, id);
}

/** Delivery state of the outbound mail of these ticket messages (for the message DTO). */
export async function emailDeliveries(db: Kysely<DB>, workspaceId: string, messageIds: string[]): Promise<Map<string, MessageDeliveryDto>> {
  const rows = await repo.deliveriesOf(db, workspaceId, messageIds);
  return new Map(
    rows.map((r) => [
      r.message_id as string,
      { channel: 'email', status: r.status === 'received' ? 'sent' : r.status, attempts: r.attempts, error: r.error, updated_at: r.updated_at.toISOString() },
    ]),
  );
}
