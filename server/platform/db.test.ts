import { describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines } from '../../test/database.ts';
import { executeRaw } from './db.ts';

for (const engine of testEngines()) {
  it(`delivers a NOTIFY sent in a transaction on commit, never on rollback [${engine}]`, async () => {
    const t = await createTestDatabase(engine, { migrate: false });
    try {
      const received: string[] = [];
      const stop = await t.database.listen('gapwise_tx_channel', (p) => received.push(p));
      await t.database.db
        .transaction()
        .execute(async (trx) => {
          await executeRaw(trx, 'select pg_notify($1, $2)', ['gapwise_tx_channel', 'rolled-back']);
          throw new Error('roll back');
        })
        .catch(() => {});
      await t.database.db.transaction().execute(async (trx) => {
        await executeRaw(trx, 'select pg_notify($1, $2)', ['gapwise_tx_channel', 'committed']);
      });
      const deadline = Date.now() + 10_000;
      while (!received.includes('committed') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(received).toEqual(['committed']);
      await stop();
    } finally {
      await t.drop();
    }
  }, 60_000);
}

// Reconnecting the LISTEN connection is PostgreSQL-only (PGlite runs in-process).
if (process.env.DATABASE_URL) {
  describe('PostgreSQL LISTEN connection', () => {
    it('comes back after the server kills it, and keeps delivering notifications', async () => {
      const t = await createTestDatabase('postgres', { migrate: false });
      try {
        const received: string[] = [];
        const stop = await t.database.listen('gapwise_test_channel', (p) => received.push(p));
        const waitFor = async (payload: string) => {
          const deadline = Date.now() + 15_000;
          while (!received.includes(payload)) {
            if (Date.now() > deadline) throw new Error(`no notification ${payload}; got ${received.join(',')}`);
            await executeRaw(t.database.db, 'select pg_notify($1, $2)', ['gapwise_test_channel', payload]);
            await new Promise((r) => setTimeout(r, 100));
          }
        };
        await waitFor('before');
        const killed = await executeRaw<{ ok: boolean }>(
          t.database.db,
          `select pg_terminate_backend(pid) as ok from pg_stat_activity
           where datname = current_database() and query like 'LISTEN%' and pid <> pg_backend_pid()`,
        );
        expect(killed.length).toBe(1);
        await waitFor('after');
        await stop();
      } finally {
        await t.drop();
      }
    }, 60_000);
  });
}
