import type { Kysely } from 'kysely';
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

/**
 * pg-boss on either engine. It talks to the database through our own
 * handle (`db.executeSql`), so on PGlite it shares the single connection
 * (taking turns through the same lock as Kysely) and on PostgreSQL the pool.
 */
export class PgBossQueue implements JobQueue {
  readonly #boss: PgBoss;
  readonly #definitions = new Map<string, JobDefinition<unknown>>();
  #started = false;

  constructor(
    database: Database,
    private readonly options: { work: boolean; logger: JobLogger; pollingIntervalSeconds?: number },
  ) {
    this.#boss = new PgBoss({
      db: { executeSql: (text, values) => database.executeSql(text, values) },
      schema: 'pgboss',
      // pg-boss's supervisor runs maintenance on an interval; keep it.
      supervise: true,
      schedule: false,
    });
    this.#boss.on('error', (error) => options.logger.error({ err: error }, 'job queue error'));
  }

  register<P>(definition: JobDefinition<P>): void {
    if (this.#started) throw new Error('register jobs before start()');
    this.#definitions.set(definition.name, definition as JobDefinition<unknown>);
  }

  async start(): Promise<void> {
    await this.#boss.start();
    for (const def of this.#definitions.values()) {
      await this.#boss.createQueue(def.name, {
        name: def.name,
        retryLimit: def.retryLimit ?? 5,
        retryDelay: def.retryDelaySeconds ?? 10,
        retryBackoff: true,
      });
    }
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
    // Inside a transaction the job row is written by that transaction, so it
    // exists exactly when the change that caused it commits.
    if (db) {
      sendOptions.db = { executeSql: async (text, values) => ({ rows: await executeRaw(db, text, values) }) };
    }
    return this.#boss.send(name, data, sendOptions);
  }

  async stop(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    await this.#boss.stop({ graceful: true, wait: true, timeout: 10_000, close: false });
  }
}
