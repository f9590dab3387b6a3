import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEmptyPostgresDatabase, testEngines } from '../../test/database.ts';
import { createDatabase, type Database, type Engine, executeRaw } from '../platform/db.ts';
import { defineJob } from './job.ts';
import { PgBossQueue } from './pg-boss-queue.ts';

const silent = { info() {}, error() {} };

/** A database that can be closed and opened again, like a server restart. */
async function reopenableDatabase(engine: Engine) {
  if (engine === 'postgres') {
    const empty = await createEmptyPostgresDatabase();
    return { open: () => createDatabase({ engine: 'postgres', url: empty.url, poolSize: 3 }), drop: () => empty.drop() };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-'));
  return {
    open: () => createDatabase({ engine: 'pglite', dataDir: dir }),
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Records every run in a test table, so runs survive the process's view of them. */
function recordJob(database: Database) {
  return defineJob({
    name: 'test.record',
    payload: z.object({ note: z.string() }),
    retryLimit: 0,
    async handle(payload, meta) {
      await database.executeSql('insert into job_runs (job_id, note) values ($1, $2)', [meta.jobId, payload.note]);
    },
  });
}

async function runs(database: Database): Promise<{ job_id: string; note: string }[]> {
  return (await database.executeSql('select job_id, note from job_runs order by note')).rows as never;
}

async function jobState(database: Database, id: string): Promise<string | null> {
  const rows = (await database.executeSql('select state from pgboss.job where id = $1', [id])).rows as { state: string }[];
  return rows[0]?.state ?? null;
}

/** Polls (no fixed sleep) until `done` holds or the deadline passes. */
async function waitUntil(done: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

for (const engine of testEngines()) {
  describe(`job queue [${engine}]`, () => {
    let store: Awaited<ReturnType<typeof reopenableDatabase>>;
    let database: Database | undefined;
    let queue: PgBossQueue | undefined;

    async function startQueue(work: boolean) {
      if (!database) throw new Error('database not open');
      queue = new PgBossQueue(database, { work, logger: silent, pollingIntervalSeconds: 0.5 });
      queue.register(recordJob(database));
      await queue.start();
      return queue;
    }

    async function restart() {
      await queue?.stop();
      queue = undefined;
      await database?.close();
      database = await store.open();
    }

    beforeAll(async () => {
      store = await reopenableDatabase(engine);
      database = await store.open();
      await database.executeSql('create table job_runs (id serial primary key, job_id text not null, note text not null)');
    }, 60_000);

    afterAll(async () => {
      await queue?.stop();
      await database?.close();
      await store.drop();
    }, 60_000);

    it('runs a job queued before a restart after it, exactly once', async () => {
      const before = await startQueue(false);
      const id = await before.send(null, 'test.record', { note: 'queued before restart' });
      expect(id).toEqual(expect.any(String));
      await restart();

      const db = database as Database;
      expect(await runs(db)).toEqual([]);
      await startQueue(true);
      await waitUntil(async () => (await jobState(db, id as string)) === 'completed');
      expect(await runs(db)).toEqual([{ job_id: id, note: 'queued before restart' }]);
    }, 90_000);

    it('writes a job sent in a transaction with that transaction: rolled back never runs, committed runs', async () => {
      await restart();
      const db = database as Database;
      const q = await startQueue(true);
      let rolledBackId: string | null = null;
      await expect(
        db.db.transaction().execute(async (trx) => {
          rolledBackId = await q.send(trx, 'test.record', { note: 'rolled back' });
          throw new Error('abort the change');
        }),
      ).rejects.toThrow('abort the change');
      expect(rolledBackId).toEqual(expect.any(String));

      // The committed job is sent after the rolled-back one, so once it has
      // run, the other would have run too had it existed.
      const committedId = await db.db.transaction().execute(async (trx) => {
        await executeRaw(trx, 'select 1');
        return q.send(trx, 'test.record', { note: 'committed' });
      });
      await waitUntil(async () => (await jobState(db, committedId as string)) === 'completed');

      expect(await jobState(db, rolledBackId as unknown as string)).toBeNull();
      expect((await runs(db)).map((r) => r.note)).toEqual(['committed', 'queued before restart']);
    }, 60_000);
  });
}
