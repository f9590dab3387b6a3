import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { buildApp } from './http/app.ts';
import { registerJobs } from './jobs/registry.ts';
import { PgBossQueue } from './jobs/pg-boss-queue.ts';
import { seedDemoWorkspace } from './modules/demo/demo.seed.ts';
import { bootstrapInstance } from './modules/workspaces/workspaces.service.ts';
import { type Clock, systemClock } from './platform/clock.ts';
import { createDatabase, type Database } from './platform/db.ts';
import { migrateToLatest } from './platform/migrate.ts';
import { createMailer } from './platform/mailer.ts';
import { EventBus } from './platform/realtime.ts';
import { startEmailChannel } from './modules/channels/email/email-channel.ts';

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  url: string;
  /** What happened at start, for the banner and for tests. */
  startup: { migrations: string[]; bootstrapped: boolean; demoTickets: number; ms: number };
  /** Port of the inbound SMTP listener; null when it is off or could not start. */
  smtpPort: number | null;
  close(): Promise<void>;
}

export function databaseOptions(config: Config) {
  return config.databaseUrl
    ? ({ engine: 'postgres', url: config.databaseUrl, poolSize: config.databasePoolSize } as const)
    : ({ engine: 'pglite', dataDir: path.join(config.dataDir, 'pglite') } as const);
}

/** Composition root: database, migrations, first-run bootstrap, jobs, realtime, HTTP. */
export async function startServer(
  config: Config,
  options: { clock?: Clock; logger?: boolean | Record<string, unknown>; listen?: boolean } = {},
): Promise<RunningServer> {
  const started = performance.now();
  const clock = options.clock ?? systemClock;
  const database = await createDatabase(databaseOptions(config));
  const migrations = await migrateToLatest(database.db);

  const boot = await bootstrapInstance(database.db, { email: config.adminEmail, password: config.adminPassword }, clock.now());
  let demoTickets = 0;
  if (boot.created && boot.workspaceId && config.demo) {
    demoTickets = await seedDemoWorkspace(database.db, boot.workspaceId, clock.now());
  }

  const events = new EventBus(database);
  await events.start();
  const app = await buildApp(
    { database, config, clock, events, jobs: undefined as never },
    { logger: options.logger ?? { level: config.logLevel } },
  );
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom });
  const jobs = new PgBossQueue(database, { work: config.workers, logger: app.log });
  registerJobs(jobs, { database, clock, logger: app.log, mailer, config });
  app.deps.jobs = jobs;
  await jobs.start();
  // Inbound mail: SMTP listener (only when this server listens at all) and the IMAP poller.
  const email = await startEmailChannel({ config: options.listen === false ? { ...config, smtpPort: 0 } : config, database, jobs, clock, logger: app.log });

  let url = '';
  if (options.listen !== false) {
    url = await app.listen({ port: config.port, host: config.host });
  } else {
    await app.ready();
  }

  let closing: Promise<void> | null = null;
  return {
    app,
    database,
    url,
    startup: { migrations, bootstrapped: boot.created, demoTickets, ms: Math.round(performance.now() - started) },
    smtpPort: email.smtpPort,
    close() {
      // Stop taking requests and let in-flight ones finish, then stop workers,
      // then the database. Idempotent: SIGTERM twice is fine.
      closing ??= (async () => {
        // In-flight requests get a grace period; connections still open after
        // it (a client that connected but never sent a request keeps Node's
        // server.close() waiting for its keep-alive timeout) are cut.
        const grace = setTimeout(() => app.server.closeAllConnections(), Math.min(5_000, config.shutdownTimeoutMs / 2));
        grace.unref();
        await app.close();
        clearTimeout(grace);
        await email.close();
        await jobs.stop();
        await mailer.close();
        await events.stop();
        await database.close();
      })();
      return closing;
    },
  };
}
