import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines } from '../../test/database.ts';
import { BinaryCopyError, BinaryCopyWriter } from './binary-copy.ts';
import { copyFrom } from './copy.ts';

const TABLE = `create table copy_probe (
  id uuid, label text, small int4, big int8, at timestamptz, n int4 not null default 0 check (n >= 0))`;

interface Probe {
  id: string | null;
  label: string | null;
  small: number | null;
  big: number | null;
  at: number | Date | null;
}

const cases: Probe[] = [
  { id: '019A3CB6-BC00-7000-BA04-762960B47D4E', label: 'upper-case uuid', small: 1, big: 1, at: Date.UTC(2026, 10, 23, 12, 0, 0, 123) },
  { id: '00000000-0000-0000-0000-000000000000', label: 'nil uuid, extremes', small: -(2 ** 31), big: -(2 ** 53 - 1), at: Date.UTC(1999, 11, 31, 23, 59, 59, 999) },
  { id: 'ffffffff-ffff-ffff-ffff-ffffffffffff', label: 'extremes', small: 2 ** 31 - 1, big: 2 ** 53 - 1, at: new Date(Date.UTC(2000, 0, 1)) },
  { id: null, label: null, small: null, big: null, at: null },
  { id: '019a3cb6-bc00-7000-ba04-762960b47d4e', label: 'Čeština, ภาษาไทy, tiếng Việt, "quotes", \\ and\nnewline', small: 0, big: 4_294_967_296, at: 0 },
];

const byLabel = (a: { label: string | null }, b: { label: string | null }) => (a.label ?? '').localeCompare(b.label ?? '');

function write(rows: Probe[]): Buffer {
  const out = new BinaryCopyWriter(16);
  for (const r of rows) out.row(5).uuid(r.id).text(r.label).int4(r.small).int8(r.big).timestamptz(r.at);
  return out.finish();
}

for (const engine of testEngines()) {
  describe(`binary COPY FROM STDIN [${engine}]`, () => {
    it('stores every value as written, in a transaction, and rolls back with it', async () => {
      const t = await createTestDatabase(engine, { migrate: false });
      try {
        await sql.raw(TABLE).execute(t.database.db);
        const statement = 'copy copy_probe (id, label, small, big, at) from stdin with (format binary)';
        await t.database.db.transaction().execute((trx) => copyFrom(trx, statement, write(cases)));
        await t.database.db
          .transaction()
          .execute(async (trx) => {
            await copyFrom(trx, statement, write(cases));
            throw new Error('roll back');
          })
          .catch(() => {});
        const rows = await sql<{ id: string | null; label: string | null; small: number | null; big: string | null; at: Date | null }>`
          select id, label, small, big::text as big, at from copy_probe`.execute(t.database.db);
        const expected = cases
          .map((c) => ({
            id: c.id?.toLowerCase() ?? null,
            label: c.label,
            small: c.small,
            big: c.big === null ? null : String(c.big),
            at: c.at === null ? null : new Date(c.at),
          }))
          .sort(byLabel);
        expect([...rows.rows].sort(byLabel)).toEqual(expected);
      } finally {
        await t.drop();
      }
    }, 60_000);

    it('reports a violated constraint as an error and leaves the connection usable', async () => {
      const t = await createTestDatabase(engine, { migrate: false });
      try {
        await sql.raw(TABLE).execute(t.database.db);
        const statement = 'copy copy_probe (n) from stdin with (format binary)';
        const bad = new BinaryCopyWriter().row(1).int4(-1).finish();
        const good = new BinaryCopyWriter().row(1).int4(7).finish();
        // One connection for both: the COPY after the failed one runs where it failed.
        await t.database.db.connection().execute(async (conn) => {
          await expect(copyFrom(conn, statement, bad)).rejects.toThrow(/check constraint/);
          await copyFrom(conn, statement, good);
        });
        const { rows } = await sql<{ n: number }>`select n from copy_probe`.execute(t.database.db);
        expect(rows).toEqual([{ n: 7 }]);
      } finally {
        await t.drop();
      }
    }, 60_000);

    // The input goes right behind the statement: when the statement fails before the server is
    // in copy mode, the server must drop that input, not read it as statements.
    it('reports a COPY into a table that does not exist as an error, and its input is dropped', async () => {
      const t = await createTestDatabase(engine, { migrate: false });
      try {
        await sql.raw(TABLE).execute(t.database.db);
        const input = new BinaryCopyWriter().row(1).int4(3).finish();
        await t.database.db.connection().execute(async (conn) => {
          await expect(copyFrom(conn, 'copy no_such_table (n) from stdin with (format binary)', input)).rejects.toThrow(/no_such_table/);
          const { rows } = await sql<{ one: number }>`select 1 as one`.execute(conn);
          expect(rows).toEqual([{ one: 1 }]);
          await copyFrom(conn, 'copy copy_probe (n) from stdin with (format binary)', input);
        });
        const { rows } = await sql<{ n: number }>`select n from copy_probe`.execute(t.database.db);
        expect(rows).toEqual([{ n: 3 }]);
      } finally {
        await t.drop();
      }
    }, 60_000);
  });
}

describe('BinaryCopyWriter', () => {
  it.each([
    ['a uuid without dashes', (w: BinaryCopyWriter) => w.uuid('019a3cb6bc007000ba04762960b47d4e')],
    ['a uuid with a non-hex digit', (w: BinaryCopyWriter) => w.uuid('019a3cb6-bc00-7000-ba04-762960b47d4g')],
    ['a fractional int4', (w: BinaryCopyWriter) => w.int4(1.5)],
    ['an int4 beyond 2^31', (w: BinaryCopyWriter) => w.int4(2 ** 31)],
    ['an int8 beyond 2^53', (w: BinaryCopyWriter) => w.int8(2 ** 53)],
    ['an invalid Date', (w: BinaryCopyWriter) => w.timestamptz(new Date(Number.NaN))],
  ])('refuses %s', (_, act) => {
    expect(() => act(new BinaryCopyWriter().row(1))).toThrow(BinaryCopyError);
  });

  it('rejects a statement that is not COPY … FROM STDIN before sending anything', async () => {
    const t = await createTestDatabase('pglite', { migrate: false });
    try {
      await expect(copyFrom(t.database.db, 'delete from copy_probe', new BinaryCopyWriter().finish())).rejects.toThrow(/COPY … FROM STDIN/);
    } finally {
      await t.drop();
    }
  });
});
