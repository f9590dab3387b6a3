import { type ExpressionBuilder, type Expression, type Kysely, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { ActorType, DB, SlaDisplayStatus, Ticket } from '../../platform/schema.ts';
import type { ClockRow } from './clock-rows.ts';

export interface ClockEventRow {
  ticket_id: string;
  type: string;
  actor_type: ActorType;
  data: Record<string, unknown>;
  occurred_at: Date;
  seq: number;
}

/**
 * Every event of these tickets (the engine decides what it reads), in history order. One row per
 * ticket with its events as one JSON array: decoding a row per event, column by column, cost the
 * recompute more than the clock engine itself (bench/sla-recompute.ts). Instants travel as epoch
 * milliseconds, truncated as the drivers truncate a timestamp to a Date.
 */
export async function loadClockEvents(db: Kysely<DB>, workspaceId: string, ticketIds: string[]): Promise<ClockEventRow[]> {
  if (ticketIds.length === 0) return [];
  const result = await sql<{ ticket_id: string; events: string }>`
    select ticket_id,
      json_agg(json_build_array(type, actor_type, data, floor(extract(epoch from occurred_at) * 1000)::float8, seq) order by occurred_at, seq)::text as events
    from ticket_events
    where workspace_id = ${workspaceId} and ticket_id = any(${ticketIds}::uuid[])
    group by ticket_id`.execute(db);
  const rows: ClockEventRow[] = [];
  for (const { ticket_id, events } of result.rows) {
    for (const [type, actor_type, data, at, seq] of JSON.parse(events) as [string, ActorType, Record<string, unknown>, number, number][]) {
      rows.push({ ticket_id, type, actor_type, data, occurred_at: new Date(at), seq });
    }
  }
  return rows;
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
 * All rows go as one JSON parameter (instants as epoch milliseconds): a bind parameter per value,
 * or an array parameter per column, costs far more to build and send (bench/sla-recompute.ts).
 */
export async function replaceClockRows(db: Kysely<DB>, workspaceId: string, ticketIds: string[], rows: (ClockRow & { ticket_id: string })[]) {
  if (ticketIds.length === 0) return;
  await db.deleteFrom('ticket_clocks').where('workspace_id', '=', workspaceId).where(sql<boolean>`ticket_id = any(${ticketIds}::uuid[])`).execute();
  if (rows.length === 0) return;
  const ms = (d: Date | null) => (d === null ? null : d.getTime());
  const json = JSON.stringify(
    rows.map((r) => ({
      ...r,
      started_at: ms(r.started_at),
      due_at: ms(r.due_at),
      warning_at: ms(r.warning_at),
      fulfilled_at: ms(r.fulfilled_at),
      cancelled_at: ms(r.cancelled_at),
      breached_at: ms(r.breached_at),
      computed_at: ms(r.computed_at),
    })),
  );
  // numeric division keeps the milliseconds exact; to_timestamp rounds to the microsecond.
  const at = (column: string) => sql.raw(`to_timestamp(v.${column}::numeric / 1000)`);
  await sql`
    insert into ticket_clocks (workspace_id, ticket_id, metric, instance, policy_id, target_seconds, mode, calendar_id, state,
      started_at, due_at, warning_at, elapsed_ms, fulfilled_at, cancelled_at, outcome, breached_at, computed_at)
    select ${workspaceId}, v.ticket_id, v.metric, v.instance, v.policy_id, v.target_seconds, v.mode, v.calendar_id, v.state,
      ${at('started_at')}, ${at('due_at')}, ${at('warning_at')}, v.elapsed_ms, ${at('fulfilled_at')}, ${at('cancelled_at')}, v.outcome,
      ${at('breached_at')}, ${at('computed_at')}
    from json_to_recordset(${json}::json) as v(ticket_id uuid, metric text, instance int, policy_id uuid, target_seconds int, mode text,
      calendar_id uuid, state text, started_at bigint, due_at bigint, warning_at bigint, elapsed_ms bigint, fulfilled_at bigint,
      cancelled_at bigint, outcome text, breached_at bigint, computed_at bigint)`.execute(db);
}

export interface TicketSlaColumns {
  id: string;
  sla_next_due_at: Date | null;
  sla_next_warning_at: Date | null;
  sla_status: SlaDisplayStatus | null;
  sla_error: string | null;
}

/** One UPDATE for a whole batch of tickets; returns the updated tickets (unless `returning` is false). */
export async function updateTicketSla(db: Kysely<DB>, workspaceId: string, updates: TicketSlaColumns[], options = { returning: true }): Promise<Ticket[]> {
  if (updates.length === 0) return [];
  const result = await sql<Ticket>`
    update tickets as t
    set sla_next_due_at = v.next_due_at, sla_next_warning_at = v.next_warning_at, sla_status = v.status, sla_error = v.error
    from unnest(
      ${updates.map((u) => u.id)}::uuid[],
      ${updates.map((u) => u.sla_next_due_at)}::timestamptz[],
      ${updates.map((u) => u.sla_next_warning_at)}::timestamptz[],
      ${updates.map((u) => u.sla_status)}::text[],
      ${updates.map((u) => u.sla_error)}::text[]
    ) as v(id, next_due_at, next_warning_at, status, error)
    where t.workspace_id = ${workspaceId} and t.id = v.id
    ${options.returning ? sql`returning t.*` : sql``}`.execute(db);
  return result.rows;
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
  let q = db.selectFrom('tickets').selectAll().where('workspace_id', '=', workspaceId).where(sql<boolean>`id = any(${ids}::uuid[])`);
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
export function slaCondition(eb: ExpressionBuilder<DB, 'tickets'>, filter: 'imminent' | 'breaching' | 'breached', now: Date): Expression<SqlBool> {
  const overdue = eb('tickets.sla_next_due_at', '<=', now);
  if (filter === 'breaching') return overdue;
  if (filter === 'breached') return eb.or([overdue, eb('tickets.sla_status', '=', 'breached')]);
  return eb.and([eb('tickets.sla_next_warning_at', '<=', now), eb('tickets.sla_next_due_at', '>', now)]);
}

/** Keyset position in the `sla_due` order: (sla_next_due_at, id), nulls last. */
export interface SlaDueCursor {
  dueAt: Date | null;
  id: string;
}

/** Ascending by next due time, tickets without a running clock last; ties by id. */
export function orderBySlaDue<O>(q: SelectQueryBuilder<DB, 'tickets', O>, after: SlaDueCursor | undefined) {
  if (after) {
    const { dueAt, id } = after;
    q = q.where((eb) =>
      dueAt === null
        ? eb.and([eb('tickets.sla_next_due_at', 'is', null), eb('tickets.id', '>', id)])
        : eb.or([
            eb('tickets.sla_next_due_at', '>', dueAt),
            eb.and([eb('tickets.sla_next_due_at', '=', dueAt), eb('tickets.id', '>', id)]),
            eb('tickets.sla_next_due_at', 'is', null),
          ]),
    );
  }
  return q.orderBy(sql`tickets.sla_next_due_at asc nulls last`).orderBy('tickets.id', 'asc');
}
