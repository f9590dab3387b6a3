import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines } from '../../test/database.ts';
import { BinaryCopyError, BinaryCopyReader, BinaryCopyWriter } from './binary-copy.ts';
import { copyFrom, copyTo } from './copy.ts';

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

    it('reads back every value COPY … TO STDOUT writes, in a transaction', async () => {
      const t = await createTestDatabase(engine, { migrate: false });
      try {
        await sql.raw(TABLE).execute(t.database.db);
        await sql.raw('alter table copy_probe add column doc jsonb').execute(t.database.db);
        await copyFrom(t.database.db, 'copy copy_probe (id, label, small, big, at) from stdin with (format binary)', write(cases));
        // An instant with microseconds the drivers cannot show: read as they read it, truncated towards the past.
        await copyFrom(t.database.db, 'copy copy_probe (label, at) from stdin with (format binary)', new BinaryCopyWriter().row(2).text('µs').timestamptz(Date.UTC(1999, 0, 1)).finish());
        await sql`update copy_probe set at = at - interval '0.0015 seconds' where label = 'µs'`.execute(t.database.db);
        await sql`update copy_probe set doc = jsonb_build_object('label', label, 'list', jsonb_build_array(1, 'two', null)) where label is not null`.execute(t.database.db);
        const read = await t.database.db.transaction().execute(async (trx) => {
          const output = await copyTo(trx, 'copy (select id, label, small, big, at, doc from copy_probe) to stdout with (format binary)');
          const reader = new BinaryCopyReader(output);
          const rows: unknown[] = [];
          for (let fields = reader.row(); fields !== null; fields = reader.row()) {
            expect(fields).toBe(6);
            rows.push({ id: reader.uuid(), label: reader.text(), small: reader.int4(), big: reader.int8(), at: reader.timestamptz(), doc: reader.jsonb() });
          }
          return rows as Probe[];
        });
        const expected = [...cases, { id: null, label: 'µs', small: null, big: null, at: Date.UTC(1999, 0, 1) - 2 }]
          .map((c) => ({
            id: c.id?.toLowerCase() ?? null,
            label: c.label,
            small: c.small,
            big: c.big,
            at: c.at === null ? null : new Date(c.at).getTime(),
            doc: c.label === null ? null : { label: c.label, list: [1, 'two', null] },
          }))
          .sort(byLabel);
        expect([...read].sort(byLabel)).toEqual(expected);
      } finally {
        await t.drop();
      }
    }, 60_000);

    it('reads small jsonb values once and shares them (sharedJsonb); other values read as jsonb does', async () => {
      const t = await createTestDatabase(engine, { migrate: false });
      try {
        const docs = [
          { to: 'closed' },
          { to: 'open' },
          { to: 'closed' },
          { to: 'ปิดแล้ว' },
          { to: 'ปิดแล้ว' },
          { to: ['a', { b: 1 }] },
          { to: ['a', { b: 1 }] },
          { long: 'x'.repeat(200) },
          { long: 'x'.repeat(200) },
          {},
          null,
          { to: 'closed' },
        ];
        const output = await copyTo(
          t.database.db,
          `copy (select doc from jsonb_array_elements('${JSON.stringify(docs)}'::jsonb) with ordinality as d(doc, n) order by n) to stdout with (format binary)`,
        );
        const reader = new BinaryCopyReader(output);
        const read: unknown[] = [];
        while (reader.row() !== null) read.push(reader.sharedJsonb());
        // JSON null is a value, not SQL NULL: a jsonb field reads as null either way.
        expect(read).toEqual(docs);
        // Equal short ASCII texts give the same value, frozen (deeply) as it is shared.
        expect(read[2]).toBe(read[0]);
        expect(read[11]).toBe(read[0]);
        expect(read[6]).toBe(read[5]);
        expect(Object.isFrozen(read[0]) && Object.isFrozen((read[5] as { to: unknown[] }).to[1])).toBe(true);
        expect(read[1]).not.toBe(read[0]);
        // Non-ASCII and long ones are parsed each time (equal, not shared).
        expect(read[4]).not.toBe(read[3]);
        expect(read[8]).not.toBe(read[7]);
      } finally {
        await t.drop();
      }
    }, 60_000);

    it('reports a failed COPY … TO STDOUT as an error and leaves the connection usable', async () => {
      const t = await createTestDatabase(engine, { migrate: false });
      try {
        await t.database.db.connection().execute(async (conn) => {
          await expect(copyTo(conn, 'copy (select * from no_such_table) to stdout with (format binary)')).rejects.toThrow(/no_such_table/);
          const output = await copyTo(conn, 'copy (select 7::int4 as n) to stdout with (format binary)');
          const reader = new BinaryCopyReader(output);
          expect([reader.row(), reader.int4(), reader.row()]).toEqual([1, 7, null]);
        });
      } finally {
        await t.drop();
      }
    }, 60_000);
  });
}

describe('BinaryCopyReader', () => {
  it('refuses bytes that are not binary COPY output, and values of the wrong width', () => {
    expect(() => new BinaryCopyReader(Buffer.from('1\t2\n'))).toThrow(BinaryCopyError);
    const reader = new BinaryCopyReader(new BinaryCopyWriter().row(1).int4(5).finish());
    reader.row();
    expect(() => reader.int8()).toThrow(BinaryCopyError);
  });

  it('reads int8 values up to the safe integers, and refuses larger ones rather than rounding', () => {
    const bytes = new BinaryCopyWriter().row(2).int8(-(2 ** 53 - 1)).int8(2 ** 53 - 1).finish();
    const reader = new BinaryCopyReader(bytes);
    reader.row();
    expect([reader.int8(), reader.int8()]).toEqual([-(2 ** 53 - 1), 2 ** 53 - 1]);
    // 2^53 + 1 written by hand (the writer refuses it): high word 2^21, low word 1.
    const big = Buffer.from(new BinaryCopyWriter().row(1).int8(0).finish());
    big.writeInt32BE(2 ** 21, 19 + 2 + 4);
    big.writeUInt32BE(1, 19 + 2 + 8);
    const tooBig = new BinaryCopyReader(big);
    tooBig.row();
    expect(() => tooBig.int8()).toThrow(BinaryCopyError);
  });

  it('reads words as texts, whether repeated, non-ASCII, long or null', () => {
    const words = ['status_changed', 'user', 'status_changed', 'ภาษาไทย', 'ภาษาไทย', 'x'.repeat(40), '', null, 'user', 'usex'];
    const out = new BinaryCopyWriter();
    for (const w of words) out.row(1).text(w);
    const reader = new BinaryCopyReader(out.finish());
    const read: (string | null)[] = [];
    while (reader.row() !== null) read.push(reader.word());
    expect(read).toEqual(words);
  });

  it('returns to a row it has passed (seek)', () => {
    const reader = new BinaryCopyReader(new BinaryCopyWriter().row(1).text('a').row(1).text('b').finish());
    const first = reader.offset;
    reader.row();
    reader.skip();
    reader.row();
    expect(reader.text()).toBe('b');
    reader.seek(first);
    reader.row();
    expect(reader.text()).toBe('a');
  });
});

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
