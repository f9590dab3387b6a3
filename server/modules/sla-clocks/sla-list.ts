import { decodeCursor } from '../../platform/cursor.ts';
import { AppError } from '../../platform/errors.ts';
import type { TicketWithSla } from '../../platform/schema.ts';
import type { SlaDueCursor } from './sla-clocks.repository.ts';

/**
 * Cursors of the ticket list sorted by next SLA due time: ['sla_due', due ISO or '', id]. The
 * marker keeps a cursor of the default order from being read as one of this order.
 */
export function slaDueCursorKeys(ticket: Pick<TicketWithSla, 'sla_next_due_at' | 'id'>): string[] {
  return ['sla_due', ticket.sla_next_due_at?.toISOString() ?? '', ticket.id];
}

export function decodeSlaDueCursor(cursor: string): SlaDueCursor {
  const [marker, due, id] = decodeCursor(cursor, 3);
  const dueAt = due === '' ? null : new Date(String(due));
  if (marker !== 'sla_due' || typeof id !== 'string' || (dueAt !== null && Number.isNaN(dueAt.getTime()))) {
    throw new AppError('invalid_cursor', 'The cursor is not one this server issued');
  }
  return { dueAt, id };
}
