import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase, type Database, type Engine } from '../server/platform/db.ts';
import { migrateToLatest } from '../server/platform/migrate.ts';

/**
 * Test databases: PGlite always; PostgreSQL too when DATABASE_URL is set
 * (CI sets it). Each call makes a brand-new database, migrated from empty.
 */
export function testEngines(): Engine[] {
  return process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase {
  database: Database;
  /** For PostgreSQL: the URL of the fresh database (another process can connect). */
  url: string | null;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  return url;
}

/** Creates an empty PostgreSQL database on the DATABASE_URL server; returns its URL. */
export async function createEmptyPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `gapwise_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl() });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function createTestDatabase(engine: Engine, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  let result: TestDatabase;
  if (engine === 'postgres') {
    const empty = await createEmptyPostgresDatabase();
    const database = await createDatabase({ engine: 'postgres', url: empty.url, poolSize: 5 });
    result = {
      database,
      url: empty.url,
      async drop() {
        await database.close();
        await empty.drop();
      },
    };
  } else {
    const database = await createDatabase({ engine: 'pglite' });
    result = { database, url: null, drop: () => database.close() };
  }
  if (options.migrate !== false) await migrateToLatest(result.database.db);
  return result;
}
