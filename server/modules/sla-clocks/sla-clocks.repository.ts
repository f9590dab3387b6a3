import { type ExpressionBuilder, type Expression, type Kysely, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { ActorType, DB, SlaDisplayStatus, TicketSlaSummary } from '../../platform/schema.ts';
import type { ClockRow } from './clock-rows.ts';

export interface ClockEventRow {
  type: string;
  actor_type: ActorType;
  data: Record<string, unknown>;
  /** Epoch milliseconds (the clock engine takes them as they are; no Date per event). */
  occurred_at: number;
  seq: number;
}

/**
 * Every event of these tickets (the engine decides what it reads), in history order. One row per
 * ticket with its events as one JSON array: decoding a row per event, column by column, cost the
 * recompute more than the clock engine itself (bench/sla-recompute.ts). Instants travel as epoch
 * milliseconds, truncated as the drivers truncate a timestamp to a Date, as integers (formatting
 * them as floats cost the server a third of this query).
 */
export async function loadClockEvents(db: Kysely<DB>, workspaceId: string, ticketIds: string[]): Promise<Map<string, ClockEventRow[]>> {
  const byTicket = new Map<string, ClockEventRow[]>();
  if (ticketIds.length === 0) return byTicket;
  const result = await sql<{ ticket_id: string; events: string }>`
    select ticket_id,
      json_agg(json_build_array(type, actor_type, data, floor(extract(epoch from occurred_at) * 1000)::bigint, seq) order by occurred_at, seq)::text as events
    from ticket_events
    where workspace_id = ${workspaceId} and ticket_id = any(${ticketIds}::uuid[])
    group by ticket_id`.execute(db);
  for (const { ticket_id, events } of result.rows) {
    const tuples = JSON.parse(events) as [string, ActorType, Record<string, unknown>, number, number][];
    byTicket.set(
      ticket_id,
      tuples.map(([type, actor_type, data, occurred_at, seq]) => ({ type, actor_type, data, occurred_at, seq })),
    );
  }
  return byTicket;
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
 * Replaces the clocks of these tickets (instances are keyed by metric and instance; delete + insert).
 * Each column goes as one array literal built here and cast by the server (`unnest`): parsing
 * arrays costs the server far less than `json_to_recordset`, and building the literals costs far
 * less than a bind parameter per value or the driver's array serializer (bench/sla-recompute.ts).
 * Instants travel as epoch milliseconds; `to_timestamp(ms::float8 / 1000)` is exact to the
 * millisecond for any date this century (a double holds 15 significant digits).
 */
export async function replaceClockRows(db: Kysely<DB>, workspaceId: string, ticketIds: string[], rows: (ClockRow & { ticket_id: string })[]) {
  if (ticketIds.length === 0) return;
  await db.deleteFrom('ticket_clocks').where('workspace_id', '=', workspaceId).where(sql<boolean>`ticket_id = any(${ticketIds}::uuid[])`).execute();
  if (rows.length === 0) return;
  const column = <K extends keyof (ClockRow & { ticket_id: string })>(key: K) => rows.map((r) => r[key]);
  const at = (key: 'started_at' | 'due_at' | 'warning_at' | 'fulfilled_at' | 'cancelled_at' | 'breached_at' | 'computed_at') =>
    arrayLiteral(rows.map((r) => (r[key] === null ? null : (r[key] as Date).getTime())));
  await sql`
    insert into ticket_clocks (workspace_id, ticket_id, metric, instance, policy_id, target_seconds, mode, calendar_id, state,
      started_at, due_at, warning_at, elapsed_ms, fulfilled_at, cancelled_at, outcome, breached_at, computed_at)
    select ${workspaceId}, v.ticket_id, v.metric, v.instance, v.policy_id, v.target_seconds, v.mode, v.calendar_id, v.state,
      to_timestamp(v.started_at::float8 / 1000), to_timestamp(v.due_at::float8 / 1000), to_timestamp(v.warning_at::float8 / 1000),
      v.elapsed_ms, to_timestamp(v.fulfilled_at::float8 / 1000), to_timestamp(v.cancelled_at::float8 / 1000), v.outcome,
      to_timestamp(v.breached_at::float8 / 1000), to_timestamp(v.computed_at::float8 / 1000)
    from unnest(
      ${uuidArray(column('ticket_id'))}::uuid[], ${wordArray(column('metric'))}::text[], ${arrayLiteral(column('instance'))}::int[],
      ${uuidArray(column('policy_id'))}::uuid[], ${arrayLiteral(column('target_seconds'))}::int[], ${wordArray(column('mode'))}::text[],
      ${uuidArray(column('calendar_id'))}::uuid[], ${wordArray(column('state'))}::text[], ${at('started_at')}::bigint[], ${at('due_at')}::bigint[],
      ${at('warning_at')}::bigint[], ${arrayLiteral(column('elapsed_ms'))}::bigint[], ${at('fulfilled_at')}::bigint[], ${at('cancelled_at')}::bigint[],
      ${wordArray(column('outcome'))}::text[], ${at('breached_at')}::bigint[], ${at('computed_at')}::bigint[]
    ) as v(ticket_id, metric, instance, policy_id, target_seconds, mode, calendar_id, state, started_at, due_at, warning_at,
      elapsed_ms, fulfilled_at, cancelled_at, outcome, breached_at, computed_at)`.execute(db);
}

/** `{a,b,NULL}`: only for values that need no quoting in an array literal (numbers, checked words and uuids). */
function arrayLiteral(values: readonly (string | number | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) out += ',';
    out += value === null || value === undefined ? 'NULL' : typeof value === 'number' && !Number.isFinite(value) ? fail(value) : value;
  }
  return `${out}}`;
}

const WORD = /^[a-z_]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Engine enums (metric, mode, state, outcome): lower-case words, checked so a literal can never be broken out of. */
function wordArray(values: readonly (string | null)[]): string {
  for (const v of values) if (v !== null && !WORD.test(v)) fail(v);
  return arrayLiteral(values);
}

function uuidArray(values: readonly (string | null)[]): string {
  for (const v of values) if (v !== null && !UUID.test(v)) fail(v);
  return arrayLiteral(values);
}

function fail(value: unknown): never {
  throw new Error(`ticket_clocks: ${JSON.stringify(value)} cannot go into an array literal`);
}

export interface TicketSlaColumns extends TicketSlaSummary {
  id: string;
}

/** A ticket without a summary row yet (never refreshed) has none of it. */
export const NO_SLA_SUMMARY: TicketSlaSummary = Object.freeze({ sla_next_due_at: null, sla_next_warning_at: null, sla_status: null, sla_error: null });

/**
 * One statement for a whole batch of tickets. A row whose values did not change is not
 * rewritten (`where … is distinct from`), so a recompute that changes nothing writes nothing.
 */
export async function upsertTicketSla(db: Kysely<DB>, workspaceId: string, updates: TicketSlaColumns[]): Promise<void> {
  if (updates.length === 0) return;
  await sql`
    insert into ticket_sla as s (ticket_id, workspace_id, sla_next_due_at, sla_next_warning_at, sla_status, sla_error)
    select v.id, ${workspaceId}, v.next_due_at, v.next_warning_at, v.status, v.error
    from unnest(
      ${updates.map((u) => u.id)}::uuid[],
      ${updates.map((u) => u.sla_next_due_at)}::timestamptz[],
      ${updates.map((u) => u.sla_next_warning_at)}::timestamptz[],
      ${updates.map((u) => u.sla_status)}::text[],
      ${updates.map((u) => u.sla_error)}::text[]
    ) as v(id, next_due_at, next_warning_at, status, error)
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

/** The ids of the next batch of a workspace's tickets to recompute, by id. */
export async function listTicketIdsForRecompute(
  db: Kysely<DB>,
  workspaceId: string,
  options: { afterId: string | null; limit: number; onlyOpen: boolean },
): Promise<string[]> {
  let q = db.selectFrom('tickets').select('id').where('workspace_id', '=', workspaceId);
  if (options.onlyOpen) q = q.where('status', '<>', 'closed');
  if (options.afterId) q = q.where('id', '>', options.afterId);
  return (await q.orderBy('id').limit(options.limit).execute()).map((r) => r.id);
}

/** These tickets (still open, if asked), locked against concurrent changes while their clocks are rewritten. */
export function lockTicketsForRecompute(db: Kysely<DB>, workspaceId: string, ids: string[], onlyOpen: boolean) {
  if (ids.length === 0) return Promise.resolve([]);
  let q = db.selectFrom('tickets').select('id').where('workspace_id', '=', workspaceId).where(sql<boolean>`id = any(${ids}::uuid[])`);
  if (onlyOpen) q = q.where('status', '<>', 'closed');
  return q.orderBy('id').forUpdate().execute();
}

/** How many tickets `listTicketsForRecompute` will walk through (for progress). */
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
