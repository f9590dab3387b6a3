import { type Kysely, sql } from 'kysely';
import type { DB } from '../../platform/schema.ts';

/** Ticket events shown in a customer's timeline besides the messages themselves. */
export const TIMELINE_EVENT_TYPES = [
  'created',
  'status_changed',
  'customer_merged',
  'merged',
  'acknowledgement_failed',
  'webhook_delivery_failed',
] as const;

export interface TimelineRow {
  item_type: 'message' | 'event';
  id: string;
  at: Date;
  ticket_id: string;
  ticket_number: number;
  ticket_subject: string;
  ticket_channel: string;
  ticket_status: string;
  kind: string | null;
  channel: string | null;
  author_type: string | null;
  author_user_id: string | null;
  author_customer_id: string | null;
  body_text: string | null;
  attachments: Record<string, unknown>[] | null;
  metadata: Record<string, unknown> | null;
  event_type: string | null;
  actor_type: string | null;
  actor_id: string | null;
  data: Record<string, unknown> | null;
}

/**
 * The messages and events of note of every ticket of the customer, ordered by (time, id). Ids are
 * UUIDv7 on both sides, so (at, id) is a total order and a stable cursor.
 */
export async function timelineRows(
  db: Kysely<DB>,
  workspaceId: string,
  customerId: string,
  f: { after?: { at: Date; id: string } | undefined; order: 'asc' | 'desc'; kind: 'all' | 'messages' | 'events'; limit: number },
): Promise<TimelineRow[]> {
  const messages = sql`
    select 'message' as item_type, m.id, m.created_at as at, m.ticket_id, m.kind, m.channel, m.author_type, m.author_user_id,
      m.author_customer_id, m.body_text, m.attachments, m.metadata,
      null::text as event_type, null::text as actor_type, null::uuid as actor_id, null::jsonb as data
    from messages m join tickets t on t.id = m.ticket_id
    where t.workspace_id = ${workspaceId} and t.customer_id = ${customerId} and m.workspace_id = ${workspaceId}`;
  const events = sql`
    select 'event' as item_type, e.id, e.occurred_at as at, e.ticket_id, null::text, null::text, null::text, null::uuid,
      null::uuid, null::text, null::jsonb, null::jsonb,
      e.type, e.actor_type, e.actor_id, e.data
    from ticket_events e join tickets t on t.id = e.ticket_id
    where t.workspace_id = ${workspaceId} and t.customer_id = ${customerId} and e.workspace_id = ${workspaceId}
      and e.type in (${sql.join([...TIMELINE_EVENT_TYPES])})`;
  const source = f.kind === 'messages' ? messages : f.kind === 'events' ? events : sql`${messages} union all ${events}`;
  const after = f.after
    ? f.order === 'asc'
      ? sql`where (x.at, x.id) > (${f.after.at}, ${f.after.id}::uuid)`
      : sql`where (x.at, x.id) < (${f.after.at}, ${f.after.id}::uuid)`
    : sql``;
  const direction = f.order === 'asc' ? sql`asc` : sql`desc`;
  const result = await sql<TimelineRow>`
    select x.*, t.number as ticket_number, t.subject as ticket_subject, t.channel as ticket_channel, t.status as ticket_status
    from (${source}) x join tickets t on t.id = x.ticket_id
    ${after}
    order by x.at ${direction}, x.id ${direction}
    limit ${f.limit + 1}`.execute(db);
  return result.rows;
}
