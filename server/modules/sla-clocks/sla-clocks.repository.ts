import { type ExpressionBuilder, type Expression, type Kysely, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { ActorType, DB, SlaDisplayStatus, TicketSlaSummary } from '../../platform/schema.ts';
import { idRange, numberArray, quotedUuid, quotedUuidArray, uuidArray, wordArray } from '../../platform/array-literals.ts';
import { BinaryCopyReader, BinaryCopyWriter } from '../../platform/binary-copy.ts';
import { copyFrom, copyTo } from '../../platform/copy.ts';
import { CLOCK_EVENT_DATA_READ } from '../sla/clocks/event-data-read.ts';
import type { ClockRow } from './clock-rows.ts';

export interface ClockEventRow {
  type: string;
  actor_type: ActorType;
  data: Readonly<Record<string, unknown>>;
  /** Epoch milliseconds (the clock engine takes them as they are; no Date per event). */
  occurred_at: number;
  seq: number;
}

/**
 * An event's data as the clock engine reads it: only the keys it reads for the event's type
 * (`CLOCK_EVENT_DATA_READ`; a missing key comes as null, which the engine reads the same), an
 * empty object for a type it does not read. So most events' data is one of a few small values
 * (`{"to": "closed"}`), parsed once per batch and shared (BinaryCopyReader.sharedJsonb), and a
 * message's id, a ticket's subject and the like do not travel. The names are the code's own
 * constants (checked, as they go into SQL text).
 */
const CLOCK_EVENT_DATA_SQL = (() => {
  const name = (text: string) => {
    if (!/^[a-z_]+$/.test(text)) throw new Error(`not a plain name: ${text}`);
    return `'${text}'`;
  };
  const branches = Object.entries(CLOCK_EVENT_DATA_READ).map(
    ([type, keys]) => `when ${name(type)} then jsonb_build_object(${keys.map((k) => `${name(k)}, data->${name(k)}`).join(', ')})`,
  );
  return `case type ${branches.join(' ')} else '{}'::jsonb end`;
})();

/**
 * Rows of a batch of tickets, decoded one ticket at a time (copyByTicket): decoded just before the
 * ticket's turn, they are garbage right after it, rather than a whole batch of them living (and
 * being copied by the collector) until the batch is written.
 */
export interface ByTicket<T> {
  /** The ticket's rows (none: an empty list). Decodes on every call. */
  of(ticketId: string): T[];
}

/**
 * Every event of these tickets, with the data the engine reads (CLOCK_EVENT_DATA_SQL, shared where
 * equal: do not change it), as one binary COPY: the rows travel in PostgreSQL's binary format, so
 * the server formats no text for the instants, ids and numbers (and builds no JSON around them),
 * and the app reads them from one buffer. Before, each
 * ticket's events came as one JSON array built by the server (decoding a row per event through
 * the driver had cost more than the clock engine itself): the server's time for a recompute's
 * events fell from 2.4 to 1.4 CPU-seconds per 100,000 tickets, the app's stayed the same
 * (bench/sla-recompute.ts). Rows come by ticket (the order the server walks the (ticket_id,
 * occurred_at, seq) index in, so no sort); the engine orders a ticket's events itself. A ticket's
 * rows are decoded at its turn (ByTicket). A COPY takes no parameters: the ids are checked literals.
 */
export async function loadClockEvents(db: Kysely<DB>, workspaceId: string, ticketIds: string[]): Promise<ByTicket<ClockEventRow>> {
  return copyByTicket(
    db,
    ticketIds,
    (tickets) => `copy (select ticket_id, type, actor_type, ${CLOCK_EVENT_DATA_SQL}, occurred_at, seq from ticket_events
      where workspace_id = ${quotedUuid(workspaceId)} and ${tickets}
      order by ticket_id) to stdout with (format binary)`,
    (row) => ({
      type: row.word() as string,
      actor_type: row.word() as ActorType,
      data: row.sharedJsonb() as Readonly<Record<string, unknown>>,
      occurred_at: row.timestamptz() as number,
      seq: row.int8() as number,
    }),
  );
}

/**
 * Rows of a binary `COPY (select ticket_id, … order by ticket_id) TO STDOUT` for these tickets,
 * each ticket's decoded at its turn. `statement` gets the condition on `ticket_id` (checked
 * literals: a COPY takes no parameters); `decode` reads one row's fields after the ticket id.
 */
async function copyByTicket<T>(
  db: Kysely<DB>,
  ticketIds: string[],
  statement: (ticketCondition: string) => string,
  decode: (row: BinaryCopyReader) => T,
): Promise<ByTicket<T>> {
  if (ticketIds.length === 0) return { of: () => [] };
  const { lo, hi } = idRange(ticketIds);
  const output = await copyTo(db, statement(`ticket_id between ${quotedUuid(lo)} and ${quotedUuid(hi)} and ticket_id = any(${quotedUuidArray(ticketIds)})`));
  const reader = new BinaryCopyReader(output);
  // Where each ticket's rows are (consecutive: ordered by ticket).
  const spans = new Map<string, { start: number; end: number }>();
  let span: { start: number; end: number } | null = null;
  let ticket: string | null = null;
  for (;;) {
    const start = reader.offset;
    const fields = reader.row();
    if (fields === null) break;
    const id = reader.uuid();
    reader.skip(fields - 1);
    if (id !== ticket || !span) {
      if (id === null || spans.has(id)) throw new Error(`copyByTicket: rows of ticket ${id} out of order`);
      ticket = id;
      span = { start, end: start };
      spans.set(id, span);
    }
    span.end = reader.offset;
  }
  return {
    of(ticketId) {
      const at = spans.get(ticketId);
      if (!at) return [];
      const rows: T[] = [];
      reader.seek(at.start);
      while (reader.offset < at.end) {
        reader.row();
        reader.skip(1);
        rows.push(decode(reader));
      }
      return rows;
    },
  };
}

export function loadClockRows(db: Kysely<DB>, workspaceId: string, ticketIds: string[]) {
  if (ticketIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('ticket_clocks')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where(sql<boolean>`ticket_id = any(${ticketIds}::uuid[])`)
    .orderBy('ticket_id')
    .execute();
}

/**
 * The stored clocks of these tickets, to compare with a recompute and to keep fulfilled ones, by
 * binary COPY as loadClockEvents (and for the same reason: as one JSON array per ticket, the server
 * formatted seven instants a row). Each ticket's rows are rebuilt at its turn (ByTicket), their
 * instants truncated to the millisecond as the drivers do. Rows are not sorted.
 */
export async function loadStoredClocks(db: Kysely<DB>, workspaceId: string, ticketIds: string[]): Promise<ByTicket<ClockRow>> {
  const date = (ms: number | null) => (ms === null ? null : new Date(ms));
  return copyByTicket(
    db,
    ticketIds,
    (tickets) => `copy (select ticket_id, metric, instance, policy_id, target_seconds, mode, calendar_id, state, started_at, due_at,
        warning_at, elapsed_ms, fulfilled_at, cancelled_at, outcome, breached_at, computed_at
      from ticket_clocks where workspace_id = ${quotedUuid(workspaceId)} and ${tickets}
      order by ticket_id) to stdout with (format binary)`,
    (row): ClockRow => ({
      metric: row.word() as string,
      instance: row.int4() as number,
      policy_id: row.uuid(),
      target_seconds: row.int4() as number,
      mode: row.word() as ClockRow['mode'],
      calendar_id: row.uuid(),
      state: row.word() as ClockRow['state'],
      started_at: new Date(row.timestamptz() as number),
      due_at: date(row.timestamptz()),
      warning_at: date(row.timestamptz()),
      elapsed_ms: row.int8() as number,
      fulfilled_at: date(row.timestamptz()),
      cancelled_at: date(row.timestamptz()),
      outcome: row.word() as ClockRow['outcome'],
      breached_at: date(row.timestamptz()),
      computed_at: new Date(row.timestamptz() as number),
    }),
  );
}

export interface ClockKey {
  ticket_id: string;
  metric: string;
  instance: number;
}

/** Removes these clock rows (by primary key); keys must belong to the workspace's tickets. */
export async function deleteClockRows(db: Kysely<DB>, workspaceId: string, keys: readonly ClockKey[]): Promise<void> {
  if (keys.length === 0) return;
  const { lo, hi } = idRange(keys.map((k) => k.ticket_id));
  await sql`
    delete from ticket_clocks c
    using unnest(${uuidArray(keys.map((k) => k.ticket_id))}::uuid[], ${wordArray(keys.map((k) => k.metric))}::text[],
      ${numberArray(keys.map((k) => k.instance))}::int[]) as k(ticket_id, metric, instance)
    where c.workspace_id = ${workspaceId} and c.ticket_id between ${lo}::uuid and ${hi}::uuid
      and c.ticket_id = k.ticket_id and c.metric = k.metric and c.instance = k.instance`.execute(db);
}

/** Replaces the clocks of these tickets (instances are keyed by metric and instance; delete + insert). */
export async function replaceClockRows(db: Kysely<DB>, workspaceId: string, ticketIds: string[], rows: (ClockRow & { ticket_id: string })[]) {
  if (ticketIds.length === 0) return;
  const { lo, hi } = idRange(ticketIds);
  await db
    .deleteFrom('ticket_clocks')
    .where('workspace_id', '=', workspaceId)
    .where(sql<boolean>`ticket_id between ${lo}::uuid and ${hi}::uuid and ticket_id = any(${ticketIds}::uuid[])`)
    .execute();
  const copy = new ClockRowsCopy(workspaceId, rows.length);
  for (const row of rows) copy.add(row.ticket_id, row);
  await copy.write(db);
}

/**
 * Clock rows to insert (none of their keys may be stored), encoded as they are added, written by
 * one binary COPY: a recompute writes about five rows per ticket, and the server's cost of
 * parsing them as text (array literals through `unnest`, and `to_timestamp` per instant, the
 * cheapest text form measured) was as much as inserting them (bench/sla-recompute.ts). Encoded at
 * once, a row need not be kept until its batch is written.
 */
export class ClockRowsCopy {
  readonly #workspaceId: string;
  readonly #out: BinaryCopyWriter;
  #rows = 0;

  /** `expectedRows`: sizes the buffer (it grows past it, by copying). */
  constructor(workspaceId: string, expectedRows: number) {
    this.#workspaceId = workspaceId;
    // A row is at most about 250 bytes (18 field lengths, four uuids, eight numbers and instants,
    // four short words): sized so the buffer does not grow (a copy of a megabyte per batch).
    this.#out = new BinaryCopyWriter(Math.max(1, expectedRows) * 320);
  }

  add(ticketId: string, r: ClockRow): void {
    this.#rows += 1;
    this.#out
      .row(18)
      .uuid(this.#workspaceId)
      .uuid(ticketId)
      .text(r.metric)
      .int4(r.instance)
      .uuid(r.policy_id)
      .int4(r.target_seconds)
      .text(r.mode)
      .uuid(r.calendar_id)
      .text(r.state)
      .timestamptz(r.started_at)
      .timestamptz(r.due_at)
      .timestamptz(r.warning_at)
      .int8(r.elapsed_ms)
      .timestamptz(r.fulfilled_at)
      .timestamptz(r.cancelled_at)
      .text(r.outcome)
      .timestamptz(r.breached_at)
      .timestamptz(r.computed_at);
  }

  /** Sends the rows added (nothing when there are none). Once. */
  async write(db: Kysely<DB>): Promise<void> {
    if (this.#rows === 0) return;
    await copyFrom(
      db,
      `copy ticket_clocks (workspace_id, ticket_id, metric, instance, policy_id, target_seconds, mode, calendar_id, state,
        started_at, due_at, warning_at, elapsed_ms, fulfilled_at, cancelled_at, outcome, breached_at, computed_at) from stdin with (format binary)`,
      this.#out.finish(),
    );
  }
}

export interface TicketSlaColumns extends TicketSlaSummary {
  id: string;
}

/** A ticket without a summary row yet (never refreshed) has none of it. */
export const NO_SLA_SUMMARY: TicketSlaSummary = Object.freeze({ sla_next_due_at: null, sla_next_warning_at: null, sla_status: null, sla_error: null });

/**
 * One statement for a whole batch of tickets. A row whose values did not change is not
 * rewritten (`where … is distinct from`), so a recompute that changes nothing writes nothing.
 * Instants go as epoch milliseconds (`to_timestamp` is exact to the microsecond for them): the
 * driver formatted each Date as local-time text and the server parsed it back.
 */
export async function upsertTicketSla(db: Kysely<DB>, workspaceId: string, updates: TicketSlaColumns[]): Promise<void> {
  if (updates.length === 0) return;
  await sql`
    insert into ticket_sla as s (ticket_id, workspace_id, sla_next_due_at, sla_next_warning_at, sla_status, sla_error)
    select v.id, ${workspaceId}, to_timestamp(v.next_due_ms / 1000), to_timestamp(v.next_warning_ms / 1000), v.status, v.error
    from unnest(
      ${uuidArray(updates.map((u) => u.id))}::uuid[],
      ${numberArray(updates.map((u) => u.sla_next_due_at?.getTime() ?? null))}::float8[],
      ${numberArray(updates.map((u) => u.sla_next_warning_at?.getTime() ?? null))}::float8[],
      ${updates.map((u) => u.sla_status)}::text[],
      ${updates.map((u) => u.sla_error)}::text[]
    ) as v(id, next_due_ms, next_warning_ms, status, error)
    on conflict (ticket_id) do update
    set sla_next_due_at = excluded.sla_next_due_at, sla_next_warning_at = excluded.sla_next_warning_at,
        sla_status = excluded.sla_status, sla_error = excluded.sla_error
    where (s.sla_next_due_at, s.sla_next_warning_at, s.sla_status, s.sla_error)
      is distinct from (excluded.sla_next_due_at, excluded.sla_next_warning_at, excluded.sla_status, excluded.sla_error)`.execute(db);
}

/** The stored SLA summary of one ticket (all null when it has none). */
export async function findTicketSla(db: Kysely<DB>, workspaceId: string, ticketId: string): Promise<TicketSlaSummary> {
  const row = await db
    .selectFrom('ticket_sla')
    .select(['sla_next_due_at', 'sla_next_warning_at', 'sla_status', 'sla_error'])
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .executeTakeFirst();
  return row ?? NO_SLA_SUMMARY;
}

export function findTicketForRefresh(db: Kysely<DB>, workspaceId: string, id: string) {
  return db.selectFrom('tickets').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/**
 * The next batch of a workspace's tickets to recompute (still open, if asked): the first `limit`
 * by id after `afterId`, locked against concurrent changes while their clocks are rewritten.
 * Fewer than `limit` only when no more are left (a row that stops matching while its lock is
 * awaited is passed over, and the scan goes on to fill the batch).
 */
export function lockNextTicketsForRecompute(
  db: Kysely<DB>,
  workspaceId: string,
  options: { afterId: string | null; limit: number; onlyOpen: boolean },
): Promise<{ id: string }[]> {
  let q = db.selectFrom('tickets').select('id').where('workspace_id', '=', workspaceId);
  if (options.onlyOpen) q = q.where('status', '<>', 'closed');
  if (options.afterId) q = q.where('id', '>', options.afterId);
  return q.orderBy('id').limit(options.limit).forUpdate().execute();
}

/**
 * For the rest of this transaction, COMMIT returns without waiting for its WAL to reach disk.
 * Only for the recompute's batches: their rows are a cache of the events, and a recompute whose
 * last commits were lost in a crash is run again by its job (the job's own state is written with
 * ordinary commits, which flush every earlier commit's WAL as well, so progress never claims a
 * batch that was lost). Each batch's commit waited for a disk flush: up to 30 ms on a busy disk,
 * a hundred times per 100,000 tickets.
 */
export async function commitWithoutWaitingForDisk(db: Kysely<DB>): Promise<void> {
  await sql`set local synchronous_commit = off`.execute(db);
}

/** How many tickets a recompute will walk through (for progress; `lockNextTicketsForRecompute`). */
export async function countTicketsForRecompute(db: Kysely<DB>, workspaceId: string, onlyOpen: boolean): Promise<number> {
  let q = db.selectFrom('tickets').select((eb) => eb.fn.countAll<string>().as('n')).where('workspace_id', '=', workspaceId);
  if (onlyOpen) q = q.where('status', '<>', 'closed');
  const row = await q.executeTakeFirst();
  return Number(row?.n ?? 0);
}

export function listCalendarDefinitions(db: Kysely<DB>, workspaceId: string, ids?: string[]) {
  if (ids && ids.length === 0) return Promise.resolve([]);
  let q = db.selectFrom('calendars').select(['id', 'definition']).where('workspace_id', '=', workspaceId);
  if (ids) q = q.where('id', 'in', ids);
  return q.orderBy('id').execute();
}

/**
 * Ticket list filters, answered from the ticket's columns as of `now` (time alone makes a clock
 * imminent or overdue, so the stored status is not enough):
 * - breaching: a running clock is past due;
 * - breached: a promise is broken — a clock was fulfilled late, or one is past due now;
 * - imminent: a running clock is past its first warning, and none is past due yet.
 */
export function slaCondition(eb: ExpressionBuilder<DB, 'tickets' | 'ticket_sla'>, filter: 'imminent' | 'breaching' | 'breached', now: Date): Expression<SqlBool> {
  const overdue = eb('ticket_sla.sla_next_due_at', '<=', now);
  if (filter === 'breaching') return overdue;
  if (filter === 'breached') return eb.or([overdue, eb('ticket_sla.sla_status', '=', 'breached')]);
  return eb.and([eb('ticket_sla.sla_next_warning_at', '<=', now), eb('ticket_sla.sla_next_due_at', '>', now)]);
}

/** Keyset position in the `sla_due` order: (sla_next_due_at, id), nulls last. Queries join `ticket_sla`. */
export interface SlaDueCursor {
  dueAt: Date | null;
  id: string;
}

/** Ascending by next due time, tickets without a running clock last; ties by id. */
export function orderBySlaDue<O>(q: SelectQueryBuilder<DB, 'tickets' | 'ticket_sla', O>, after: SlaDueCursor | undefined) {
  if (after) {
    const { dueAt, id } = after;
    q = q.where((eb) =>
      dueAt === null
        ? eb.and([eb('ticket_sla.sla_next_due_at', 'is', null), eb('tickets.id', '>', id)])
        : eb.or([
            eb('ticket_sla.sla_next_due_at', '>', dueAt),
            eb.and([eb('ticket_sla.sla_next_due_at', '=', dueAt), eb('tickets.id', '>', id)]),
            eb('ticket_sla.sla_next_due_at', 'is', null),
          ]),
    );
  }
  return q.orderBy(sql`ticket_sla.sla_next_due_at asc nulls last`).orderBy('tickets.id', 'asc');
}
