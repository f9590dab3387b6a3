import { randomUUID } from 'node:crypto';
import { domainToASCII } from 'node:url';
import nodemailer from 'nodemailer';
import type { NodemailerError, SMTPPoolOptions, Transporter } from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';

/**
 * Outbound email, the only place that talks SMTP. Callers (jobs) hand over a
 * finished message; this adapter knows nothing about tickets or channels.
 * Failures come back typed so a job can tell "retry later" from "give up".
 */

export interface OutgoingMail {
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  /** When given, the mail is multipart/alternative with `text` as the plain part. */
  html?: string;
  /** Defaults to the mailer's `from` (GAPWISE_MAIL_FROM). */
  from?: string;
  replyTo?: string;
  /** Extra headers (e.g. Auto-Submitted); the fields above cannot be overridden here. */
  headers?: Record<string, string>;
  /** `<id@domain>`; generated from the sender's domain when absent. */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  /** Files sent with the mail (their bytes, already read; this adapter reads no files itself). */
  attachments?: { filename: string; contentType: string; content: Buffer }[];
}

export interface SentMail {
  messageId: string;
  /** Recipients the relay accepted; a partial rejection still resolves, listing the rest here. */
  accepted: string[];
  rejected: string[];
}

export interface Mailer {
  send(message: OutgoingMail): Promise<SentMail>;
  close(): Promise<void>;
  /** False when no SMTP relay is configured: every send throws MailNotConfiguredError. */
  readonly enabled: boolean;
}

export interface MailerOptions {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…` (TLS from the start). */
  smtpUrl: string | undefined;
  /** Default sender, e.g. `Gapwise <no-reply@example.com>`. */
  from: string;
}

/** Thrown by the disabled mailer, so a job records "not sent" instead of losing the mail silently. */
export class MailNotConfiguredError extends Error {
  override name = 'MailNotConfiguredError';
  constructor() {
    super('not sent: no SMTP relay configured (set GAPWISE_SMTP_URL)');
  }
}

/** The relay (or the way to it) refused the mail. `permanent` false means: try again later. */
export class MailDeliveryError extends Error {
  override name = 'MailDeliveryError';
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly details: {
      /** SMTP reply code, when the relay answered (e.g. 550, 451). */
      responseCode?: number;
      /** Nodemailer's error code (ECONNECTION, EENVELOPE, EAUTH, …). */
      code?: string;
      /** Recipients the relay refused, when it refused all of them. */
      rejected?: string[];
    } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function createMailer(options: MailerOptions): Mailer {
  if (!options.smtpUrl) return new DisabledMailer();
  return new SmtpMailer(options.smtpUrl, options.from);
}

class DisabledMailer implements Mailer {
  readonly enabled = false;
  async send(): Promise<SentMail> {
    throw new MailNotConfiguredError();
  }
  async close(): Promise<void> {}
}

class SmtpMailer implements Mailer {
  readonly enabled = true;
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly defaultFrom: string,
  ) {
    this.transport = nodemailer.createTransport(smtpPoolOptions(smtpUrl));
  }

  async send(message: OutgoingMail): Promise<SentMail> {
    if (message.to.length + (message.cc?.length ?? 0) === 0) throw new TypeError('A mail needs at least one recipient');
    assertCustomHeaders(message.headers ?? {});
    const from = message.from ?? this.defaultFrom;
    const messageId = message.messageId ?? newMessageId(from);
    try {
      const info = await this.transport.sendMail({
        from,
        to: message.to,
        cc: message.cc,
        replyTo: message.replyTo,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: message.headers,
        messageId,
        inReplyTo: message.inReplyTo,
        references: message.references,
        attachments: message.attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
        // Mail content never reads local files or URLs, whoever wrote it.
        disableFileAccess: true,
        disableUrlAccess: true,
      });
      return {
        messageId: typeof info.messageId === 'string' ? info.messageId : messageId,
        accepted: addressList(info.accepted),
        rejected: addressList(info.rejected),
      };
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

/** Builds explicit pool options from the URL (no legacy url.parse, percent-decoded credentials). */
function smtpPoolOptions(smtpUrl: string): SMTPPoolOptions & { pool: true } {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  if (!secure && url.protocol !== 'smtp:') throw new TypeError('The SMTP URL must start with smtp:// or smtps://');
  const user = decodeURIComponent(url.username);
  return {
    pool: true,
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    auth: user ? { user, pass: decodeURIComponent(url.password) } : undefined,
    // Fail fast enough for a job to retry, instead of nodemailer's minutes-long defaults.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  };
}

/** RFC 5322 Message-ID `<uuid@domain-of-from>`, so replies can be threaded back to us. */
export function newMessageId(from: string): string {
  return `<${randomUUID()}@${senderDomain(from)}>`;
}

/** The domain of the first mailbox in a From value, or `localhost` when it has none. */
function senderDomain(from: string): string {
  const mailbox = parseMailbox(from);
  const domain = mailbox ? mailbox.slice(mailbox.lastIndexOf('@') + 1) : '';
  return domainToASCII(domain.toLowerCase()) || 'localhost';
}

/** The address part of a single-mailbox value like `Name <a@b>`; undefined when there is none. */
export function parseMailbox(value: string): string | undefined {
  const entries = addressparser(value, { flatten: true });
  const address = entries.length === 1 ? entries[0]?.address : undefined;
  return address && /^[^\s@]+@[^\s@]+$/.test(address) ? address : undefined;
}

// Headers this adapter sets from OutgoingMail fields; overriding them via `headers`
// would send a mail that disagrees with what the caller recorded.
const managedHeaders = new Set([
  'from', 'sender', 'to', 'cc', 'bcc', 'reply-to', 'subject', 'date', 'message-id', 'in-reply-to',
  'references', 'mime-version', 'content-type', 'content-transfer-encoding',
]);

function assertCustomHeaders(headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) {
    // RFC 5322 field name: printable US-ASCII except colon.
    if (!/^[!-9;-~]+$/.test(name)) throw new TypeError(`Invalid header name ${JSON.stringify(name)}`);
    if (managedHeaders.has(name.toLowerCase())) throw new TypeError(`Header ${name} is set by the mailer, not via headers`);
    if (/[\r\n]/.test(value)) throw new TypeError(`Header ${name} must be a single line`);
  }
}

function addressList(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((entry: unknown) =>
    typeof entry === 'string' ? entry : String((entry as { address?: unknown }).address ?? ''),
  );
}

// Errors nodemailer raises before or without a server reply that the same mail would hit again.
const permanentWithoutReply = new Set(['EENVELOPE', 'EMESSAGE', 'EMAXRECIPIENTS', 'ECONFIG']);

/**
 * 5xx → permanent (the relay will say the same next time); 4xx, timeouts and
 * connection failures → temporary. 503 (bad command sequence) is the SMTP
 * exception: it describes the session, not the mail, so a new attempt may pass.
 */
export function toDeliveryError(error: unknown): MailDeliveryError {
  const e = (error ?? {}) as NodemailerError;
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const permanent =
    responseCode !== undefined
      ? responseCode >= 500 && responseCode < 600 && responseCode !== 503
      : code !== undefined && permanentWithoutReply.has(code);
  const message = error instanceof Error ? error.message : String(error);
  return new MailDeliveryError(
    `Mail not delivered (${permanent ? 'permanent' : 'temporary'}): ${message}`,
    permanent,
    { responseCode, code, rejected: Array.isArray(e.rejected) ? e.rejected : undefined },
    { cause: error },
  );
}
