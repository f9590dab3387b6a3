import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { ActorType, DB, MessagesTable, TicketPriority, TicketStatus, TicketsTable } from '../../platform/schema.ts';
import { orderBySlaDue, type SlaDueCursor, slaCondition } from '../sla-clocks/sla-clocks.repository.ts';
import { markTicketsDirty } from '../analytics/ticket-facts.repository.ts';

export function insertTicket(db: Kysely<DB>, row: Insertable<TicketsTable>) {
  return db.insertInto('tickets').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findTicket(db: Kysely<DB>, workspaceId: string, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('tickets').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function findTicketByExternalId(db: Kysely<DB>, workspaceId: string, externalId: string) {
  return db.selectFrom('tickets').selectAll().where('workspace_id', '=', workspaceId).where('external_id', '=', externalId).executeTakeFirst();
}

export function updateTicket(db: Kysely<DB>, workspaceId: string, id: string, changes: Updateable<TicketsTable>) {
  return db.updateTable('tickets').set(changes).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export interface TicketFilter {
  status?: TicketStatus[] | undefined;
  priority?: TicketPriority[] | undefined;
  channel?: string[] | undefined;
  assigneeId?: string | 'none' | undefined;
  teamId?: string | undefined;
  branchId?: string | undefined;
  tierId?: string | undefined;
  customerId?: string | undefined;
  organizationId?: string | undefined;
  tag?: string | undefined;
  updatedSince?: Date | undefined;
  q?: string | undefined;
  sla?: 'imminent' | 'breaching' | 'breached' | undefined;
  sort?: 'updated_at' | 'sla_due' | undefined;
  /** Keyset cursor of the sla_due order. */
  afterDue?: SlaDueCursor | undefined;
  /** For the SLA filters (time alone makes a clock imminent or overdue). */
  now: Date;
  /** Keyset cursor: rows strictly after (updated_at, id) in descending order. */
  before?: { updatedAt: Date; id: string } | undefined;
  limit: number;
}

function likePattern(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The inbox query: newest activity first, keyset-paginated. `q` is a
 * substring match (ILIKE, served by trigram indexes) over the subject and
 * every message, so languages written without spaces between words (Thai)
 * or with many diacritics (Vietnamese) are found by any fragment.
 */
export function listTickets(db: Kysely<DB>, workspaceId: string, f: TicketFilter) {
  let q = filteredTickets(db, workspaceId, f);
  if (f.sort === 'sla_due') return orderBySlaDue(q, f.afterDue).limit(f.limit + 1).execute();
  if (f.before) {
    const { updatedAt, id } = f.before;
    q = q.where((eb) => eb.or([eb('updated_at', '<', updatedAt), eb.and([eb('updated_at', '=', updatedAt), eb('tickets.id', '<', id)])]));
  }
  return q.orderBy('updated_at', 'desc').orderBy('tickets.id', 'desc').limit(f.limit + 1).execute();
}

/**
 * The tickets a filter selects, unordered and unlimited: the inbox list above, and the bounded
 * view counts (server/modules/views) count the same rows the list would show.
 */
export function filteredTickets(db: Kysely<DB>, workspaceId: string, f: Omit<TicketFilter, 'limit' | 'sort' | 'afterDue' | 'before'>) {
  // The SLA summary lives beside the ticket (migration 0012); a ticket never refreshed has no row.
  let q = db
    .selectFrom('tickets')
    .leftJoin('ticket_sla', 'ticket_sla.ticket_id', 'tickets.id')
    .selectAll('tickets')
    .select(['ticket_sla.sla_next_due_at', 'ticket_sla.sla_next_warning_at', 'ticket_sla.sla_status', 'ticket_sla.sla_error'])
    .where('tickets.workspace_id', '=', workspaceId);
  if (f.status?.length) q = q.where('status', 'in', f.status);
  if (f.priority?.length) q = q.where('priority', 'in', f.priority);
  if (f.channel?.length) q = q.where('channel', 'in', f.channel);
  if (f.assigneeId === 'none') q = q.where('assignee_id', 'is', null);
  else if (f.assigneeId) q = q.where('assignee_id', '=', f.assigneeId);
  if (f.teamId) q = q.where('team_id', '=', f.teamId);
  if (f.branchId) q = q.where('branch_id', '=', f.branchId);
  if (f.tierId) q = q.where('tier_id', '=', f.tierId);
  if (f.customerId) q = q.where('customer_id', '=', f.customerId);
  if (f.organizationId) q = q.where('organization_id', '=', f.organizationId);
  if (f.tag) q = q.where(sql<boolean>`tags @> array[${f.tag}]::text[]`);
  if (f.updatedSince) q = q.where('updated_at', '>=', f.updatedSince);
  if (f.q) {
    const terms = f.q.split(/\s+/).filter(Boolean).slice(0, 8);
    for (const term of terms) {
      const pattern = likePattern(term);
      const asNumber = /^#?\d{1,9}$/.test(term) ? Number(term.replace('#', '')) : null;
      q = q.where((eb) =>
        eb.or([
          eb('tickets.subject', 'ilike', pattern),
          eb.exists(
            eb
              .selectFrom('messages')
              .select('messages.id')
              .whereRef('messages.ticket_id', '=', 'tickets.id')
              .where('messages.body_text', 'ilike', pattern),
          ),
          ...(asNumber !== null ? [eb('tickets.number', '=', asNumber)] : []),
        ]),
      );
    }
  }
  if (f.sla) q = q.where((eb) => slaCondition(eb, f.sla as NonNullable<typeof f.sla>, f.now));
  return q;
}

export function insertMessage(db: Kysely<DB>, row: Insertable<MessagesTable>) {
  return db.insertInto('messages').values(row).returningAll().executeTakeFirstOrThrow();
}

export function listMessages(db: Kysely<DB>, workspaceId: string, ticketId: string, after: string | undefined, limit: number) {
  let q = db.selectFrom('messages').selectAll().where('workspace_id', '=', workspaceId).where('ticket_id', '=', ticketId);
  if (after) q = q.where('id', '>', after);
  return q.orderBy('id').limit(limit + 1).execute();
}

export async function insertEvent(
  db: Kysely<DB>,
  row: {
    id: string;
    workspace_id: string;
    ticket_id: string;
    type: string;
    actor_type: ActorType;
    actor_id: string | null;
    data: Record<string, unknown>;
    occurred_at: Date;
  },
) {
  const event = await db
    .insertInto('ticket_events')
    .values({ ...row, data: JSON.stringify(row.data) })
    .returningAll()
    .executeTakeFirstOrThrow();
  // Every event can change what the analytics read: queue the ticket's facts in this transaction.
  await markTicketsDirty(db, row.workspace_id, [row.ticket_id]);
  return event;
}

export function listEvents(db: Kysely<DB>, workspaceId: string, ticketId: string, afterSeq: number | undefined, limit: number) {
  let q = db.selectFrom('ticket_events').selectAll().where('workspace_id', '=', workspaceId).where('ticket_id', '=', ticketId);
  if (afterSeq !== undefined) q = q.where('seq', '>', afterSeq);
  return q.orderBy('seq').limit(limit + 1).execute();
}

/** Events of a workspace after a sequence number (SSE catch-up after a reconnect). */
export function listWorkspaceEventsAfter(db: Kysely<DB>, workspaceId: string, afterSeq: number, limit: number) {
  return db
    .selectFrom('ticket_events')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export function findMessage(db: Kysely<DB>, workspaceId: string, ticketId: string, messageId: string) {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .where('id', '=', messageId)
    .executeTakeFirst();
}
