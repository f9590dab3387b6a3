import { z } from 'zod';
import { CLOCK_METRICS } from '../server/modules/sla/clocks/clock-types.ts';
import { timestamp } from './common.ts';

/**
 * SLA clocks on tickets and the SLA report (issue 3, items 5 and 7).
 * Semantics: shared/specs/sla.md and server/modules/sla-clocks/README.md.
 */

/** The nine metrics, as the clock engine defines them (one list for the engine and the API). */
export const clockMetrics = z.enum(CLOCK_METRICS);

/** Worst first: the order a ticket's status is chosen by (see server/modules/sla-clocks/README.md). */
export const slaDisplayStatuses = z.enum(['breached', 'breaching', 'imminent', 'pending', 'paused', 'achieved', 'cancelled']);

export const ticketClockDto = z.object({
  metric: clockMetrics,
  instance: z.number().int().describe('1-based per metric: the nth wait of this kind on the ticket'),
  policy_id: z.uuid().nullable(),
  state: z.enum(['active', 'paused', 'fulfilled', 'cancelled']),
  target_seconds: z.number(),
  mode: z.enum(['business', 'calendar']),
  started_at: timestamp,
  due_at: timestamp.nullable().describe('Null while paused and once cancelled'),
  elapsed_seconds: z.number().describe('In the target’s measure (business time in business mode), as of now'),
  remaining_business_seconds: z
    .number()
    .nullable()
    .describe('Until due_at in the target’s measure (negative once overdue); while paused, the frozen remainder; null once over'),
  remaining_calendar_seconds: z.number().nullable().describe('Wall-clock seconds until due_at (negative once overdue); null without a due time'),
  display_status: slaDisplayStatuses,
  outcome: z.enum(['achieved', 'breached']).nullable(),
  fulfilled_at: timestamp.nullable(),
  breached_at: timestamp.nullable(),
});
export type TicketClockDto = z.infer<typeof ticketClockDto>;

/** What ticket lists carry: no clocks (those come with GET /tickets/:id). */
export const ticketSlaSummaryDto = z.object({
  status: slaDisplayStatuses.nullable().describe('The worst display status of the ticket’s clocks; null when no policy applies'),
  next_due_at: timestamp.nullable().describe('The earliest due time of the running clocks'),
  error: z.string().nullable().describe('Set when the clocks could not be computed (the ticket keeps the clocks it had)'),
});

export const ticketSlaDto = ticketSlaSummaryDto.extend({ clocks: z.array(ticketClockDto) });
export type TicketSlaSummaryDto = z.infer<typeof ticketSlaSummaryDto>;
export type TicketSlaDto = z.infer<typeof ticketSlaDto>;

export const slaListFilters = z.enum(['imminent', 'breaching', 'breached']);
export const ticketSorts = z.enum(['updated_at', 'sla_due']);

export const slaReportGroups = z.enum(['policy', 'tier', 'priority', 'team', 'branch', 'agent', 'channel']);

export const slaReportQuery = z
  .object({
    from: z.iso.datetime({ offset: true }).optional().describe('Start of the period (inclusive); default: 30 days before `to`'),
    to: z.iso.datetime({ offset: true }).optional().describe('End of the period (exclusive); default: now'),
    group_by: slaReportGroups.optional().describe('Besides the metric; agent = the ticket’s assignee (ticket attributes as they are now)'),
    metric: clockMetrics.optional(),
  })
  .strict();

const percentiles = z.object({ median: z.number().nullable(), p90: z.number().nullable() });
const businessAndCalendar = z.object({
  business: percentiles.describe('In the target’s measure (business time in business mode), as stored'),
  calendar: percentiles.describe('Wall-clock time'),
});

export const slaReportRow = z.object({
  group: z.string().nullable().describe('The group’s id or value (null: tickets without one); absent grouping: null'),
  metric: clockMetrics,
  n: z.number().int().describe('Fulfilled clocks in the period (achieved + breached): the base of every figure below'),
  achieved: z.number().int(),
  breached: z.number().int(),
  running: z.number().int().describe('Running clocks due in the period (not in the attainment)'),
  overdue: z.number().int().describe('Of those, the ones past due now'),
  attainment: z.number().nullable().describe('achieved / (achieved + breached); null when n = 0'),
  elapsed_seconds: businessAndCalendar,
  slack_seconds: businessAndCalendar.describe('target − elapsed (positive = early); calendar: due_at − fulfilled_at'),
});

export const slaReportDto = z.object({
  from: timestamp,
  to: timestamp,
  group_by: slaReportGroups.nullable(),
  rows: z.array(slaReportRow),
});
export type SlaReportDto = z.infer<typeof slaReportDto>;
