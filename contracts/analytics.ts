import { z } from 'zod';
import { channels, ticketPriorities, timeZone } from './common.ts';

/**
 * Analytics API contracts (issue 7): ticket volume, times, SLA attainment, reopen and one-touch
 * rates, read from `ticket_facts` (migration 0016), which trails new events by at most about a
 * minute. Excluded tickets (merged into another, or tagged `spam`) count in `created` only.
 */

export const ticketAnalyticsGroups = z.enum(['none', 'tier', 'organization', 'channel', 'priority', 'category', 'team', 'branch', 'agent', 'tag', 'day', 'week', 'month']);
export type TicketAnalyticsGroup = z.infer<typeof ticketAnalyticsGroups>;

export const ticketAnalyticsQuery = z
  .object({
    from: z.iso.datetime({ offset: true }).optional().describe('Start of the period (inclusive); default: 30 days before `to`'),
    to: z.iso.datetime({ offset: true }).optional().describe('End of the period (exclusive); default: now. At most 2 years after `from`'),
    tz: timeZone.optional().describe('IANA time zone for day/week/month periods; default: the workspace’s'),
    group_by: ticketAnalyticsGroups
      .default('none')
      .describe('agent = the ticket’s assignee; ticket attributes as they are now; tag: a ticket counts in the group of each of its tags (tickets without tags: null); day/week (ISO, from Monday)/month in `tz`, each figure in the period of its anchor. At most 500 groups'),
    tier_id: z.uuid().optional(),
    organization_id: z.uuid().optional(),
    channel: channels.optional(),
    priority: ticketPriorities.optional(),
    category: z.string().trim().min(1).max(100).optional(),
    team_id: z.uuid().optional(),
    branch_id: z.uuid().optional(),
    assignee_id: z.uuid().optional(),
    tag: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
export type TicketAnalyticsQuery = z.output<typeof ticketAnalyticsQuery>;

const summary = z
  .object({
    median: z.number().nullable(),
    p90: z.number().nullable(),
    mean: z.number().nullable(),
  })
  .describe('percentile_cont over the durations; from the rollup (ranges between local midnights), within 1% of it when a group has over 200 distinct values');

export const durationStats = z.object({
  n: z.number().int().describe('Durations counted (calendar): the base of the calendar figures'),
  calendar: summary.describe('Wall-clock seconds'),
  business: summary
    .extend({ n: z.number().int().describe('Durations with an SLA clock behind them (may be fewer than n)') })
    .describe('Seconds in the SLA clock’s measure, from the clock fulfilled by the same reply or solve: business time for business-mode targets, wall-clock for calendar-mode ones; only tickets with such a clock'),
});

export const slaMetricStats = z.object({
  n: z.number().int().describe('Tickets with a decided outcome for this metric (achieved + breached); running clocks before their due time are left out'),
  achieved: z.number().int().describe('Tickets whose clocks of this metric all ended achieved'),
  breached: z.number().int().describe('Tickets with any clock of this metric breached (fulfilled late, or running past its due time)'),
  attainment: z.number().nullable().describe('achieved / n; null when n = 0'),
});

export const rateStats = z.object({
  n: z.number().int(),
  count: z.number().int(),
  rate: z.number().nullable().describe('count / n; null when n = 0'),
});

export const ticketAnalyticsRow = z.object({
  group: z
    .string()
    .nullable()
    .describe('The group’s id or value (null: tickets without one, or no grouping); for periods the local start date "YYYY-MM-DD"'),
  period_start: z.string().nullable().describe('For periods: the start instant of the period (UTC); otherwise null'),
  created: z.number().int().describe('Tickets created in the period (by created_at), merged and spam tickets included — the only figure that counts them'),
  solved: z.number().int().describe('Tickets whose first solve (first move to solved or closed) falls in the period'),
  backlog: z
    .number()
    .int()
    .describe(
      'Tickets unsolved at the end of the period (with a period grouping; the last one ends at `to`) or at `to` (otherwise). A ticket counts as unsolved from its creation to its first solve, and again from its latest reopen until it is solved again; earlier reopen cycles of a ticket reopened several times are not tracked',
    ),
  first_reply: durationStats.describe('Creation → first public agent reply (an agent’s opening message is not a reply), anchored by the reply’s time'),
  next_reply: durationStats.describe('Each wait from the oldest unanswered customer message (after the first reply) to the next public agent reply, anchored by the reply’s time; waits ended by a solve are left out'),
  resolution: durationStats.describe('Creation → first solve, anchored by the first solve'),
  handle_time: summary
    .extend({ n: z.number().int() })
    .describe('Seconds the ticket spent in status new or open up to its latest solve (time on the team’s side; agent working time is not recorded), for tickets first solved in the period'),
  sla: z
    .record(z.string(), slaMetricStats)
    .describe('Per SLA metric (first_reply, next_reply, resolution, …; only metrics with a decided outcome appear), over tickets created in the period'),
  reopen: rateStats.describe('Of the tickets first solved in the period (n), how many were reopened since (count)'),
  one_touch: rateStats.describe('Of the tickets first solved in the period (n), how many with exactly one public agent reply up to that solve (count)'),
});

export const ticketAnalyticsDto = z.object({
  from: z.string(),
  to: z.string(),
  time_zone: z.string(),
  group_by: ticketAnalyticsGroups,
  groups: z.array(ticketAnalyticsRow),
});
export type TicketAnalyticsDto = z.infer<typeof ticketAnalyticsDto>;
export type TicketAnalyticsRow = z.infer<typeof ticketAnalyticsRow>;
