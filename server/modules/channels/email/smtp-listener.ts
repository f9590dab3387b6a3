import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Config } from '../../../config.ts';
import type { DB } from '../../../platform/schema.ts';
import { findWorkspaceBySlug } from '../../workspaces/workspaces.repository.ts';
import { inboundTarget } from './email-address.ts';
import { type IngestDeps, ingestEmail } from './email-ingest.service.ts';
import * as repo from './email.repository.ts';

/**
 * The built-in inbound SMTP listener (smtp-server). It accepts mail for the addresses of our
 * workspaces and refuses the rest at RCPT time (550), refuses a message over the size limit
 * (SIZE in EHLO, 552 when the declared or the real size is over it), caps recipients per
 * message (452, RFC 5321 §4.5.3.1.10), and answers DATA only after the mail is stored: 250
 * means it is in a ticket; a failure to store answers 451 so the sender's MTA tries again
 * (dedupe makes the retry safe). No AUTH, no STARTTLS: it is meant to sit behind the MX
 * (Postfix, a cloud inbound relay) that does TLS and spam filtering.
 */
export interface SmtpListenerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface SmtpListenerOptions {
  port: number;
  host: string;
  config: Pick<Config, 'mailDomain' | 'emailMaxMessageBytes' | 'emailMaxRecipients'>;
  ingest: IngestDeps;
  logger: SmtpListenerLogger;
}

export interface SmtpListener {
  port: number;
  /** Counts since start: messages answered 250, refused (4xx/5xx at DATA or earlier), and stored once already. */
  stats: { accepted: number; refused: number; duplicates: number };
  close(): Promise<void>;
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/** Which workspace an address reaches; undefined for an address that is not ours. */
export async function workspaceForAddress(db: Kysely<DB>, address: string, mailDomain: string | undefined): Promise<string | undefined> {
  const target = inboundTarget(address, mailDomain);
  if (!target) return undefined;
  const workspace = target.by === 'slug' ? await findWorkspaceBySlug(db, target.slug) : await repo.findWorkspaceByMailDomain(db, target.domain);
  return workspace?.id;
}

export async function startSmtpListener(options: SmtpListenerOptions): Promise<SmtpListener> {
  const { ingest, logger, config } = options;
  const stats = { accepted: 0, refused: 0, duplicates: 0 };
  const refuse = (session: SMTPServerSession, code: number, reason: string, extra: object = {}) => {
    stats.refused++;
    logger.warn({ smtp: session.id, from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null, code, reason, ...extra }, 'inbound mail refused');
    return smtpError(code, reason);
  };

  const server = new SMTPServer({
    name: config.mailDomain,
    banner: 'Gapwise inbound mail',
    secure: false,
    disabledCommands: ['AUTH', 'STARTTLS'],
    authOptional: true,
    size: config.emailMaxMessageBytes,
    disableReverseLookup: true,
    logger: false,
    maxClients: 200,
    socketTimeout: 60_000,
    closeTimeout: 5_000,
    onRcptTo(address, session, callback) {
      if (session.envelope.rcptTo.length >= config.emailMaxRecipients) {
        return callback(smtpError(452, `4.5.3 Too many recipients (at most ${config.emailMaxRecipients} per message)`));
      }
      workspaceForAddress(ingest.db, address.address, config.mailDomain).then(
        (workspaceId) => callback(workspaceId ? undefined : smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`)),
        (error: unknown) => {
          logger.error({ err: error, rcpt: address.address }, 'inbound mail: recipient lookup failed');
          callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
        },
      );
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        // Past the limit the rest is read and dropped; the message is refused below.
        if (bytes <= config.emailMaxMessageBytes) chunks.push(chunk);
      });
      stream.on('error', (error) => callback(refuse(session, 451, `4.3.0 ${error.message}`)));
      stream.on('end', () => {
        if (stream.sizeExceeded || bytes > config.emailMaxMessageBytes) {
          return callback(refuse(session, 552, `5.3.4 Message too big (limit ${config.emailMaxMessageBytes} bytes)`, { bytes }));
        }
        deliver(Buffer.concat(chunks), session).then(
          (duplicates) => {
            stats.accepted++;
            stats.duplicates += duplicates;
            callback(null, duplicates > 0 ? 'OK: already received' : 'OK: stored');
          },
          (error: unknown) => {
            logger.error({ err: error }, 'inbound mail: storing failed');
            callback(refuse(session, 451, '4.3.0 Could not store the message now, try again later'));
          },
        );
      });
    },
  });

  /** Stores the mail once per workspace among the recipients; returns how many were duplicates. */
  async function deliver(raw: Buffer, session: SMTPServerSession): Promise<number> {
    const byWorkspace = new Map<string, string[]>();
    for (const rcpt of session.envelope.rcptTo) {
      const workspaceId = await workspaceForAddress(ingest.db, rcpt.address, config.mailDomain);
      if (!workspaceId) continue;
      byWorkspace.set(workspaceId, [...(byWorkspace.get(workspaceId) ?? []), rcpt.address]);
    }
    const from = session.envelope.mailFrom === false ? undefined : session.envelope.mailFrom.address;
    let duplicates = 0;
    for (const [workspaceId, to] of byWorkspace) {
      const result = await ingestEmail(ingest, { workspaceId, raw, envelope: { from, to }, source: 'smtp' });
      if (result.status === 'duplicate') duplicates++;
      logger.info({ smtp: session.id, workspaceId, result: result.status, ticketId: result.ticketId }, 'inbound mail');
    }
    return duplicates;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => logger.error({ err: error }, 'inbound SMTP listener error'));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    stats,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
