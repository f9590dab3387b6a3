import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { IngestDeps } from '../server/modules/channels/email/email-ingest.service.ts';
import { EMAIL_SEND_JOB, type SendDeps, sendEmailMessage } from '../server/modules/channels/email/email-outbound.service.ts';
import type { DB } from '../server/platform/schema.ts';
import { DiskStorage } from '../server/platform/storage.ts';
import type { TestContext } from './harness.ts';

/** Email test helpers: a real SMTP sink, the ingest deps of a test app, the queued send jobs. */

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: Buffer;
  parsed: ParsedMail;
}

export interface SmtpSink {
  port: number;
  url: string;
  received: ReceivedMail[];
  /** Waits (bounded) until `count` mails have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/** A second smtp-server on loopback that keeps what it receives; recipients `reject@…` get 550, `defer@…` 451. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['AUTH', 'STARTTLS'],
    authOptional: true,
    logger: false,
    disableReverseLookup: true,
    onRcptTo(address, _session, callback) {
      const local = address.address.split('@')[0];
      if (local === 'reject') return callback(Object.assign(new Error('5.1.1 No such user'), { responseCode: 550 }));
      if (local === 'defer') return callback(Object.assign(new Error('4.3.0 Try later'), { responseCode: 451 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then((parsed) => {
          received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw, parsed });
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`SMTP sink: ${received.length} of ${count} mails after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Ingest deps over a test app, with attachments in a fresh temporary directory. */
export function ingestDepsOf(ctx: TestContext, overrides: Partial<IngestDeps['config']> = {}): IngestDeps {
  return {
    db: ctx.database.db,
    jobs: ctx.app.deps.jobs,
    storage: new DiskStorage(mkdtempSync(path.join(os.tmpdir(), 'gapwise-mail-'))),
    config: { ...ctx.config, ...overrides },
    now: () => ctx.clock.now(),
  };
}

/** Payloads of the `email.send` jobs queued so far (the queue does not work jobs in tests). */
export async function queuedSendJobs(db: Kysely<DB>, workspaceId: string): Promise<{ workspace_id: string; email_message_id: string }[]> {
  const rows = await sql<{ data: { workspace_id: string; email_message_id: string } }>`
    select data from pgboss.job where name = ${EMAIL_SEND_JOB} and data->>'workspace_id' = ${workspaceId} order by created_on`.execute(db);
  return rows.rows.map((r) => r.data);
}

/** Runs the handler of every queued `email.send` job of a workspace, as the worker would (once each). */
export async function runSendJobs(deps: SendDeps, workspaceId: string, done = new Set<string>()): Promise<string[]> {
  const outcomes: string[] = [];
  for (const job of await queuedSendJobs(deps.db, workspaceId)) {
    if (done.has(job.email_message_id)) continue;
    done.add(job.email_message_id);
    outcomes.push(await sendEmailMessage(deps, job.workspace_id, job.email_message_id));
  }
  return outcomes;
}

/** A raw RFC 5322 message from header lines and a body (CRLF line ends). */
export function rawMail(headers: Record<string, string | undefined>, body: string | Buffer): Buffer {
  const head = Object.entries(headers)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n');
  const bodyBuf = typeof body === 'string' ? Buffer.from(body.replace(/\r?\n/g, '\r\n'), 'utf8') : body;
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'utf8'), bodyBuf]);
}
