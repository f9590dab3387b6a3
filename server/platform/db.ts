import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';
import { Mutex } from './mutex.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import { enableCopy } from './pg-copy.ts';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  readonly db: Kysely<DB>;
  readonly engine: Engine;
  /**
   * Raw SQL for the job queue: pg-boss sends multi-statement text without
   * parameters, which PGlite only accepts through `exec`.
   */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /** LISTEN on a channel; the returned function stops listening. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { engine: 'postgres'; url: string; poolSize?: number }
  | { engine: 'pglite'; dataDir?: string; loadDataDir?: Blob | File };

// Both engines return the same JavaScript types: int8 as number (our counters
// stay far below 2^53), numeric as string (exact), date as 'YYYY-MM-DD'.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1082, (v) => v);

export async function createDatabase(options: DatabaseOptions): Promise<Database> {
  return options.engine === 'postgres' ? createPostgres(options.url, options.poolSize ?? 10) : createPGlite(options);
}

async function createPGlite(options: { dataDir?: string; loadDataDir?: Blob | File }): Promise<Database> {
  let dataDir: string | undefined;
  if (options.dataDir) {
    dataDir = path.resolve(options.dataDir);
    mkdirSync(dataDir, { recursive: true });
  }
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { pg_trgm },
    parsers: { 1082: (v: string) => v },
  });
  const mutex = new Mutex();
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite, mutex) });
  return {
    db,
    engine: 'pglite',
    executeSql: (text, values) =>
      mutex.run(async () => {
        if (values && values.length > 0) return { rows: (await pglite.query(text, values)).rows };
        const results = await pglite.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      }),
    async listen(channel, onMessage) {
      const unsubscribe = await pglite.listen(channel, onMessage);
      return async () => {
        await unsubscribe();
      };
    },
    async close() {
      await db.destroy();
      await pglite.close();
    },
  };
}

async function createPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client that errors (server restart) must not crash the process.
  pool.on('error', () => {});
  // COPY through Kysely (copy.ts): every client learns it when the pool connects it.
  pool.on('connect', (client) => enableCopy(client));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const listeners = new Set<pg.Client>();
  return {
    db,
    engine: 'postgres',
    executeSql: async (text, values) => {
      const result = await pool.query(text, values as unknown[] | undefined);
      // A multi-statement query returns an array of results; pg-boss wants the last.
      const last = Array.isArray(result) ? result.at(-1) : result;
      return { rows: last?.rows ?? [] };
    },
    async listen(channel, onMessage) {
      // LISTEN needs its own long-lived connection, outside the pool. If the
      // connection drops (database restart, failover, idle kill) it is
      // re-established, so an instance never silently stops hearing events.
      let current: pg.Client | null = null;
      let retry: NodeJS.Timeout | null = null;
      let stopped = false;
      const connect = async () => {
        const client = new pg.Client({ connectionString: url });
        const lost = () => {
          if (current !== client) return;
          listeners.delete(client);
          current = null;
          scheduleReconnect();
        };
        client.on('error', lost);
        client.on('end', lost);
        client.on('notification', (n) => {
          if (n.channel === channel && n.payload !== undefined) onMessage(n.payload);
        });
        current = client;
        listeners.add(client);
        try {
          await client.connect();
          await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
        } catch (error) {
          lost();
          throw error;
        }
      };
      const scheduleReconnect = () => {
        if (stopped || retry) return;
        retry = setTimeout(() => {
          retry = null;
          connect().catch(() => {});
        }, 500);
        retry.unref();
      };
      await connect();
      return async () => {
        stopped = true;
        if (retry) clearTimeout(retry);
        const client = current;
        current = null;
        if (client) {
          listeners.delete(client);
          await client.end().catch(() => {});
        }
      };
    },
    async close() {
      await Promise.all([...listeners].map((c) => c.end().catch(() => {})));
      await db.destroy();
    },
  };
}

/** Executes raw SQL text (with parameters) on a Kysely handle or transaction. */
export async function executeRaw<T = unknown>(db: Kysely<DB>, text: string, values: unknown[] = []): Promise<T[]> {
  const result = await db.executeQuery<T>(CompiledQuery.raw(text, values));
  return result.rows;
}
