import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { createTestDatabase, testEngines } from '../../test/database.ts';
import { migrateToLatest } from './migrate.ts';

for (const engine of testEngines()) {
  it(`migrates an empty ${engine} database to the latest schema, and a second run is a no-op`, async () => {
    const t = await createTestDatabase(engine, { migrate: false });
    try {
      const applied = await migrateToLatest(t.database.db);
      expect(applied.length).toBeGreaterThan(0);
      expect(await migrateToLatest(t.database.db)).toEqual([]);
      const tables = await sql<{ table_name: string }>`
        select table_name from information_schema.tables where table_schema = 'public' order by table_name`.execute(t.database.db);
      const names = tables.rows.map((r) => r.table_name);
      for (const table of ['workspaces', 'users', 'teams', 'branches', 'tiers', 'customers', 'customer_identities', 'organizations', 'tickets', 'messages', 'ticket_events', 'audit_log', 'sessions', 'api_keys']) {
        expect(names).toContain(table);
      }
      // Every tenant table carries workspace_id (login_attempts is the one instance-wide table).
      const withoutWorkspace = await sql<{ table_name: string }>`
        select t.table_name from information_schema.tables t
        where t.table_schema = 'public' and t.table_type = 'BASE TABLE'
          and t.table_name not in ('workspaces', 'login_attempts', 'gapwise_migrations', 'gapwise_migrations_lock')
          and not exists (select 1 from information_schema.columns c
                          where c.table_schema = 'public' and c.table_name = t.table_name and c.column_name = 'workspace_id')`.execute(t.database.db);
      expect(withoutWorkspace.rows).toEqual([]);
    } finally {
      await t.drop();
    }
  }, 60_000);
}
