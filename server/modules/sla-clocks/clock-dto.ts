/**
 * Stored clocks → API DTOs, as of the request's `now`. Stored rows are as of their computation;
 * a running clock keeps running between ticket changes, so its elapsed and remaining time, its
 * breach and its display status are brought forward to `now` here. Pure.
 */
import type { ClockMetric } from '../sla/clocks/clock-types.ts';
import type { TicketClockDto, TicketSlaDto, TicketSlaSummaryDto } from '../../../contracts/sla.ts';
import type { SlaDisplayStatus, TicketSlaSummary } from '../../platform/schema.ts';
import { businessMillisecondsBetween } from '../sla/business-time.ts';
import type { BusinessCalendar } from '../sla/calendar.ts';
import { type ClockRow, effectiveStatus, rowDisplayStatus } from './clock-rows.ts';

type TicketSlaColumns = TicketSlaSummary;

export function toTicketSlaSummaryDto(ticket: TicketSlaColumns, now: Date): TicketSlaSummaryDto {
  return {
    status: effectiveStatus(ticket, now),
    next_due_at: ticket.sla_next_due_at?.toISOString() ?? null,
    error: ticket.sla_error,
  };
}

/** `calendars`: the business calendars of the rows, by calendar_id (a missing one leaves business remaining time null). */
export function toTicketSlaDto(ticket: TicketSlaColumns, rows: readonly ClockRow[], calendars: ReadonlyMap<string, BusinessCalendar>, now: Date): TicketSlaDto {
  return {
    ...toTicketSlaSummaryDto(ticket, now),
    clocks: rows.map((row) => toTicketClockDto(row, row.calendar_id ? calendars.get(row.calendar_id) : undefined, now)),
  };
}

export function toTicketClockDto(row: ClockRow, calendar: BusinessCalendar | undefined, now: Date): TicketClockDto {
  const t = now.getTime();
  const active = row.state === 'active';
  const due = row.due_at?.getTime() ?? null;
  // The clock measures business time (or all of it in calendar mode); without its calendar, nothing more is measured.
  const measure = (a: number, b: number): number | null => {
    if (b <= a) return 0;
    if (row.mode === 'calendar') return b - a;
    return calendar ? businessMillisecondsBetween(calendar, a, b) : null;
  };
  const elapsedMs = active ? row.elapsed_ms + (measure(row.computed_at.getTime(), t) ?? 0) : row.elapsed_ms;

  let remainingBusiness: number | null = null;
  let remainingCalendar: number | null = null;
  if (active && due !== null) {
    remainingCalendar = (due - t) / 1000;
    const ahead = t < due ? measure(t, due) : measure(due, t);
    remainingBusiness = ahead === null ? null : (t < due ? ahead : -ahead) / 1000;
  } else if (row.state === 'paused') {
    remainingBusiness = row.target_seconds - row.elapsed_ms / 1000;
  }
  // The breach is recorded at due_at once time has passed it (as a recompute now would record it).
  const breachedAt = row.breached_at ?? (active && due !== null && due < t ? row.due_at : null);

  return {
    metric: row.metric as ClockMetric,
    instance: row.instance,
    policy_id: row.policy_id,
    state: row.state,
    target_seconds: row.target_seconds,
    mode: row.mode,
    started_at: row.started_at.toISOString(),
    due_at: row.due_at?.toISOString() ?? null,
    elapsed_seconds: Math.round(elapsedMs / 1000),
    remaining_business_seconds: remainingBusiness === null ? null : Math.round(remainingBusiness),
    remaining_calendar_seconds: remainingCalendar === null ? null : Math.round(remainingCalendar),
    display_status: rowDisplayStatus(row, now) satisfies SlaDisplayStatus,
    outcome: row.outcome,
    fulfilled_at: row.fulfilled_at?.toISOString() ?? null,
    breached_at: breachedAt?.toISOString() ?? null,
  };
}
