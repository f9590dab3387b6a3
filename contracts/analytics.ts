import { z } from 'zod';
import { channels, ticketPriorities, timeZone } from './common.ts';

/** Analytics API contracts (issue 7). First slice: ticket volume and times. */

export const ticketAnalyticsGroups = z.enum(['none', 'tier', 'organization', 'channel', 'priority', 'category', 'team', 'branch', 'agent', 'day', 'week', 'month']);
export type TicketAnalyticsGroup = z.infer<typeof ticketAnalyticsGroups>;

export const ticketAnalyticsQuery = z
  .object({
    from: z.iso.datetime({ offset: true }).optional().describe('Start of the period (inclusive); default: 30 days before `to`'),
    to: z.iso.datetime({ offset: true }).optional().describe('End of the period (exclusive); default: now. At most 2 years after `from`'),
    tz: timeZone.optional().describe('IANA time zone for day/week/month periods; default: the workspace’s'),
    group_by: ticketAnalyticsGroups
      .default('none')
      .describe('agent = the ticket’s assignee; ticket attributes as they are now; day/week (ISO, from Monday)/month in `tz`. At most 500 groups'),
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

const summary = z.object({
  median: z.number().nullable(),
  p90: z.number().nullable(),
  mean: z.number().nullable(),
});

export const durationStats = z.object({
  n: z.number().int().describe('Fulfilled clocks in the period: the base of every figure here'),
  calendar: summary.describe('Wall-clock seconds (fulfilled_at − started_at)'),
  business: summary.describe('Seconds in the clock’s measure as stored: business time for business-mode targets, wall-clock for calendar-mode ones'),
});

export const ticketAnalyticsRow = z.object({
  group: z
    .string()
    .nullable()
    .describe('The group’s id or value (null: tickets without one, or no grouping); for periods the local start date "YYYY-MM-DD"'),
  period_start: z.string().nullable().describe('For periods: the start instant of the period (UTC); otherwise null'),
  created: z.number().int().describe('Tickets created in the period'),
  solved: z.number().int().describe('Tickets whose first solve falls in the period'),
  first_reply: durationStats.describe('First reply times of first_reply clocks fulfilled in the period'),
  resolution: durationStats.describe('Resolution times of resolution clocks fulfilled in the period'),
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
