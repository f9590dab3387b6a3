/**
 * Keeps `sla_escalations` in step with the stored clocks. Called by the sla-clocks service at
 * the end of every refresh (the transaction of each ticket change, imports, the recompute job),
 * so a schedule never lags behind the clocks it was made from: a moved due time, a pause, a
 * fulfilment or a cancellation changes the schedule in the same commit.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/schema.ts';
import type { BusinessCalendar } from '../sla/calendar.ts';
import type { ClockRow } from '../sla-clocks/clock-rows.ts';
import { diffSchedule, type PlannedEscalation, planEscalations, type RuleOffsetsFor } from './escalation-plan.ts';
import * as repo from './sla-escalations.repository.ts';

export interface ClocksToSchedule {
  workspaceId: string;
  /** Tickets whose clocks were just rewritten, with the instant they were computed as of. */
  tickets: readonly { ticketId: string; asOf: Date; clocks: readonly ClockRow[] }[];
  /** Compiled business calendars by id (those of the clocks). */
  calendars: ReadonlyMap<string, BusinessCalendar>;
  offsetsFor: RuleOffsetsFor;
  now: Date;
}

/** Three statements at most for a whole batch of tickets: read, cancel, upsert. */
export async function scheduleEscalations(db: Kysely<DB>, input: ClocksToSchedule): Promise<void> {
  if (input.tickets.length === 0) return;
  const stored = await repo.listLiveEscalations(
    db,
    input.workspaceId,
    input.tickets.map((t) => t.ticketId),
  );
  const storedByTicket = new Map<string, typeof stored>();
  for (const row of stored) {
    const list = storedByTicket.get(row.ticket_id);
    if (list) list.push(row);
    else storedByTicket.set(row.ticket_id, [row]);
  }
  const cancel: string[] = [];
  const upsert: (PlannedEscalation & { ticket_id: string })[] = [];
  for (const ticket of input.tickets) {
    const planned = planEscalations(ticket.clocks, input.offsetsFor, input.calendars);
    const existing = storedByTicket.get(ticket.ticketId) ?? [];
    if (planned.length === 0 && existing.length === 0) continue;
    const changes = diffSchedule(planned, existing, ticket.asOf);
    cancel.push(...changes.cancel);
    for (const row of changes.upsert) upsert.push({ ...row, ticket_id: ticket.ticketId });
  }
  await repo.cancelEscalations(db, input.workspaceId, cancel, input.now);
  await repo.upsertEscalations(db, input.workspaceId, upsert, input.now);
}
