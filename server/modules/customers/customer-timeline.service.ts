import type { Kysely } from 'kysely';
import { iso } from '../../../contracts/common.ts';
import type { TimelineItemDto } from '../../../contracts/customers.ts';
import { decodeCursor, toPage } from '../../platform/cursor.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { DB } from '../../platform/schema.ts';
import type { RequestContext } from '../auth/actor.ts';
import { assertNotMerged } from './customer-merge.service.ts';
import { type TimelineRow, timelineRows } from './customer-timeline.repository.ts';
import { findCustomer } from './customers.repository.ts';

/**
 * A customer's history across every channel: each message of each of their tickets (customer
 * messages, agent replies, internal notes — this is an agent API — calls, visits, chats, forms,
 * webhooks, email) and the ticket events of note (TIMELINE_EVENT_TYPES: opened, status changes,
 * merges, failed deliveries), in time order. Tickets moved in by a merge are included, since they
 * are the customer's now.
 */

function toItem(r: TimelineRow): TimelineItemDto {
  return {
    id: r.id,
    type: r.item_type,
    at: iso(r.at) as string,
    ticket: { id: r.ticket_id, number: r.ticket_number, subject: r.ticket_subject, channel: r.ticket_channel, status: r.ticket_status },
    message:
      r.item_type === 'message'
        ? {
            kind: r.kind as 'customer' | 'public_reply' | 'internal_note',
            channel: r.channel ?? '',
            author_type: r.author_type ?? '',
            author_user_id: r.author_user_id,
            author_customer_id: r.author_customer_id,
            body_text: r.body_text ?? '',
            attachments: r.attachments ?? [],
            metadata: r.metadata ?? {},
          }
        : null,
    event: r.item_type === 'event' ? { type: r.event_type ?? '', actor_type: r.actor_type ?? '', actor_id: r.actor_id, data: r.data ?? {} } : null,
  };
}

export async function customerTimeline(
  db: Kysely<DB>,
  ctx: RequestContext,
  customerId: string,
  query: { cursor?: string | undefined; limit: number; order: 'asc' | 'desc'; kind: 'all' | 'messages' | 'events' },
) {
  if (!(await findCustomer(db, ctx.workspaceId, customerId))) {
    await assertNotMerged(db, ctx.workspaceId, customerId);
    throw notFound('Customer');
  }
  let after: { at: Date; id: string } | undefined;
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, 2);
    const date = new Date(String(at));
    if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/i.test(String(id))) throw new AppError('invalid_cursor', 'The cursor is not one this server issued');
    after = { at: date, id: String(id) };
  }
  const rows = await timelineRows(db, ctx.workspaceId, customerId, { after, order: query.order, kind: query.kind, limit: query.limit });
  return toPage(rows, query.limit, (r) => [new Date(r.at).toISOString(), r.id], toItem);
}
