import { type Kysely, sql } from 'kysely';
import PgBoss from 'pg-boss';
import type { Database } from '../platform/db.ts';
import { executeRaw } from '../platform/db.ts';
import type { DB } from '../platform/schema.ts';
import type { JobDefinition } from './job.ts';
import type { JobQueue } from './queue.ts';

export interface JobLogger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Advisory lock key for queue setup (0x67777162, 'gwqb' in ASCII); any constant of ours. */
const SETUP_LOCK_KEY = 1735881058;

export interface PgBossQueueOptions {
  /** Fetch and run jobs (and fire scheduled ones). Off: this instance only queues. */
  work: boolean;
  logger: JobLogger;
  /** How often an idle worker asks for a job; pg-boss allows 0.5 s at least. */
  pollingIntervalSeconds?: number;
}

/**
 * pg-boss on either engine. It talks to the database through our own
 * handle (`db.executeSql`), so on PGlite it shares the single connection
 * (taking turns through the same lock as Kysely) and on PostgreSQL the pool.
 */
export class PgBossQueue implements JobQueue {
  readonly #boss: PgBoss;
  readonly #definitions = new Map<string, JobDefinition<unknown>>();
  /** While set (setup on PostgreSQL), pg-boss's SQL runs on this one connection. */
  #setupConnection: Kysely<DB> | null = null;
  #started = false;

  constructor(
    private readonly database: Database,
    private readonly options: PgBossQueueOptions,
  ) {
    this.#boss = new PgBoss({
      db: {
        executeSql: async (text, values) =>
          this.#setupConnection
            ? { rows: await executeRaw(this.#setupConnection, text, values) }
            : database.executeSql(text, values),
      },
      schema: 'pgboss',
      // pg-boss's supervisor archives and expires jobs on an interval; keep it.
      supervise: true,
      // Cron schedules (JobDefinition.schedule) are fired by pg-boss's
      // timekeeper. It is safe on several instances (the schedules live in the
      // database and one instance wins each minute), but it polls, so only
      // instances that work jobs run it. The cron worker only moves due
      // schedules into their queues. The SLA escalation sweep runs every
      // minute and promises one-minute precision, so both cron loops look
      // every 5 s (a sweep starts at most ~10 s after its minute).
      schedule: options.work,
      cronWorkerIntervalSeconds: 5,
      cronMonitorIntervalSeconds: 5,
    });
    this.#boss.on('error', (error) => options.logger.error({ err: error }, 'job queue error'));
  }

  register<P>(definition: JobDefinition<P>): void {
    if (this.#started) throw new Error('register jobs before start()');
    this.#definitions.set(definition.name, definition as JobDefinition<unknown>);
  }

  async start(): Promise<void> {
    await this.#oneInstanceAtATime(async () => {
      await this.#boss.start();
      for (const def of this.#definitions.values()) {
        await this.#boss.createQueue(def.name, {
          name: def.name,
          retryLimit: def.retryLimit ?? 5,
          retryDelay: def.retryDelaySeconds ?? 10,
          retryBackoff: true,
        });
      }
      await this.#syncSchedules();
    });
    this.#started = true;
    if (!this.options.work) return;
    for (const def of this.#definitions.values()) {
      await this.#boss.work(
        def.name,
        { pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 2, batchSize: 1 },
        async (jobs) => {
          for (const job of jobs) {
            const payload = def.payload.parse(job.data);
            await def.handle(payload, { jobId: job.id });
          }
        },
      );
    }
  }

  /**
   * pg-boss 10 is not safe when several instances set up an empty database
   * at once: its schema creation races and concurrent createQueue calls
   * deadlock. On PostgreSQL, setup therefore holds a session advisory lock on
   * one connection and sends pg-boss's setup SQL through that connection
   * (which also works with a pool of one). PGlite is one process's database:
   * nothing to race with, and the held connection would hold the PGlite lock.
   */
  async #oneInstanceAtATime(setup: () => Promise<void>): Promise<void> {
    if (this.database.engine !== 'postgres') return setup();
    await this.database.db.connection().execute(async (connection) => {
      await sql`select pg_advisory_lock(${SETUP_LOCK_KEY})`.execute(connection);
      this.#setupConnection = connection;
      try {
        await setup();
      } finally {
        this.#setupConnection = null;
        await sql`select pg_advisory_unlock(${SETUP_LOCK_KEY})`.execute(connection);
      }
    });
  }

  /** Stores every definition's cron schedule and drops schedules no definition has any more. */
  async #syncSchedules(): Promise<void> {
    for (const def of this.#definitions.values()) {
      if (def.schedule) await this.#boss.schedule(def.name, def.schedule, {}, { tz: 'UTC' });
    }
    for (const stored of await this.#boss.getSchedules()) {
      if (!this.#definitions.get(stored.name)?.schedule) await this.#boss.unschedule(stored.name);
    }
  }

  /**
   * Queues a job. With a transaction, the job row is written by that
   * transaction (through its own connection), so the job exists exactly when
   * the change that caused it commits. On PGlite the transaction holds the
   * connection lock: pass the transaction, never `null`, from inside one,
   * or the send waits for a lock its own caller holds.
   */
  async send<P>(
    db: Kysely<DB> | null,
    name: string,
    payload: P,
    options: { singletonKey?: string; startAfter?: Date } = {},
  ): Promise<string | null> {
    const def = this.#definitions.get(name);
    if (!def) throw new Error(`unknown job ${name}`);
    const data = def.payload.parse(payload) as object;
    const sendOptions: PgBoss.SendOptions = {
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
    };
    if (db) {
      sendOptions.db = { executeSql: async (text, values) => ({ rows: await executeRaw(db, text, values) }) };
    }
    return this.#boss.send(name, data, sendOptions);
  }

  async stop(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    // Waits for running handlers (up to the timeout), then stops polling.
    // `close: false`: the database handle is ours, closed by the caller.
    await this.#boss.stop({ graceful: true, wait: true, timeout: 10_000, close: false });
  }
}
