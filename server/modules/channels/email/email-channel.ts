import type { Config } from '../../../config.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Database } from '../../../platform/db.ts';
import { secretBoxFor } from '../../../platform/secrets.ts';
import { storageFor } from '../../../platform/storage.ts';
import type { IngestDeps } from './email-ingest.service.ts';
import { type ImapPoller, startImapPoller } from './imap-poller.ts';
import { type SmtpListener, type SmtpListenerLogger, startSmtpListener } from './smtp-listener.ts';

/**
 * The inbound side of the email channel as server.ts starts it: the SMTP listener
 * (GAPWISE_SMTP_PORT, 0 = off) and, on instances that work jobs (GAPWISE_WORKERS), the IMAP
 * poller. A port that is taken does not stop the server: HTTP keeps working, the error is
 * logged and `smtpPort` is null (two instances on one host, a test run beside a dev server).
 */
export interface EmailChannel {
  smtpPort: number | null;
  smtp: SmtpListener | null;
  imap: ImapPoller | null;
  close(): Promise<void>;
}

export async function startEmailChannel(deps: { config: Config; database: Database; jobs: JobQueue; clock: Clock; logger: SmtpListenerLogger }): Promise<EmailChannel> {
  const { config, logger } = deps;
  const ingest: IngestDeps = { db: deps.database.db, jobs: deps.jobs, storage: storageFor(config), config, now: () => deps.clock.now() };
  let smtp: SmtpListener | null = null;
  if (config.smtpPort > 0) {
    try {
      smtp = await startSmtpListener({ port: config.smtpPort, host: config.smtpHost, config, ingest, logger });
      logger.info({ port: smtp.port, host: config.smtpHost }, 'inbound SMTP listening');
    } catch (error) {
      logger.error({ err: error, port: config.smtpPort }, 'inbound SMTP listener not started');
    }
  }
  const imap = config.workers ? startImapPoller({ ingest, box: secretBoxFor(config), logger, pollSeconds: config.imapPollSeconds }) : null;
  return {
    smtpPort: smtp?.port ?? null,
    smtp,
    imap,
    async close() {
      await smtp?.close();
      await imap?.stop();
    },
  };
}
