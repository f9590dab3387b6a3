import { type ExpressionBuilder, type Expression, type Kysely, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { DB, SlaDisplayStatus, Ticket } from '../../platform/schema.ts';
import type { ClockRow } from './clock-rows.ts';

/** Rows per INSERT: 17 columns each stays far below the 65,535 bind parameters of one statement. */
const INSERT_CHUNK = 1000;

/** Every event of these tickets (the engine decides what it reads), in history order. */
export function loadClockEvents(db: Kysely<DB>, workspaceId: string, ticketIds: string[]) {
  if (ticketIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('ticket_events')
    .select(['ticket_id', 'type', 'actor_type', 'data', 'occurred_at', 'seq'])
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', 'in', ticketIds)
    .orderBy('ticket_id')
    .orderBy('occurred_at')
    .orderBy('seq')
    .execute();
}

export function loadClockRows(db: Kysely<DB>, workspaceId: string, ticketIds: string[]) {
  if (ticketIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('ticket_clocks')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', 'in', ticketIds)
    .orderBy('ticket_id')
    .execute();
}

/** Replaces the clocks of these tickets (instances are keyed by metric and instance; delete + insert). */
export async function replaceClockRows(db: Kysely<DB>, workspaceId: string, ticketIds: string[], rows: (ClockRow & { ticket_id: string })[]) {
  if (ticketIds.length === 0) return;
  await db.deleteFrom('ticket_clocks').where('workspace_id', '=', workspaceId).where('ticket_id', 'in', ticketIds).execute();
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK).map((r) => ({ ...r, workspace_id: workspaceId }));
    await db.insertInto('ticket_clocks').values(chunk).execute();
  }
}

export interface TicketSlaColumns {
  id: string;
  sla_next_due_at: Date | null;
  sla_next_warning_at: Date | null;
  sla_status: SlaDisplayStatus | null;
  sla_error: string | null;
}

/** One UPDATE for a whole batch of tickets; returns the updated tickets. */
export async function updateTicketSla(db: Kysely<DB>, workspaceId: string, updates: TicketSlaColumns[]): Promise<Ticket[]> {
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
    returning t.*`.execute(db);
  return result.rows;
}

export function findTicketForRefresh(db: Kysely<DB>, workspaceId: string, id: string) {
  return db.selectFrom('tickets').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/** The next batch of a workspace's tickets by id, locked against concurrent changes while their clocks are rewritten. */
export function listTicketsForRecompute(db: Kysely<DB>, workspaceId: string, options: { afterId: string | null; limit: number; onlyOpen: boolean }) {
  let q = db.selectFrom('tickets').selectAll().where('workspace_id', '=', workspaceId);
  if (options.onlyOpen) q = q.where('status', '<>', 'closed');
  if (options.afterId) q = q.where('id', '>', options.afterId);
  return q.orderBy('id').limit(options.limit).forUpdate().execute();
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
