import { z } from 'zod';
import { channels, ticketPriorities, timeZone } from './common.ts';
import { clockMetrics } from './sla.ts';

/**
 * Quality analytics (issue 7, items 2–4): consistency across units, three levels of service, and
 * value vs cost per tier/organization. All read the per-ticket table `ticket_facts`; merged and
 * spam tickets are left out. Anything about solved tickets is anchored on the ticket's FIRST solve
 * time (tickets first solved in [from, to)); volume on the creation time. Ticket attributes (tier,
 * team, branch, agent…) are the ticket's as they are now.
 *
 * Statistics: shared/specs/quality.md, computed with `gapwise/quality`.
 */

// ---------------------------------------------------------------- common shape

/** The filters every quality endpoint accepts (same names and meaning as /analytics/tickets). */
export const qualityFilters = {
  from: z.iso.datetime({ offset: true }).optional().describe('Start of the period (inclusive); default: 30 days before `to`'),
  to: z.iso.datetime({ offset: true }).optional().describe('End of the period (exclusive); default: now. Must be after `from` and at most 2 years after it (400 otherwise)'),
  tz: timeZone.optional().describe('IANA time zone for periods; default: the workspace’s'),
  tier_id: z.uuid().optional().describe('An id that does not exist in the workspace (deleted, or another workspace’s) is refused with 422 invalid_reference'),
  organization_id: z.uuid().optional(),
  channel: channels.optional(),
  priority: ticketPriorities.optional(),
  category: z.string().trim().min(1).max(100).optional(),
  team_id: z.uuid().optional(),
  branch_id: z.uuid().optional(),
  assignee_id: z.uuid().optional().describe('The agent (the ticket’s assignee)'),
  tag: z.string().trim().min(1).max(100).optional(),
};

/** The header of every answer: the range and zone used, and the filters applied. */
const answerHeader = {
  from: z.string().describe('RFC 3339 (UTC)'),
  to: z.string(),
  time_zone: z.string(),
  filters: z.record(z.string(), z.string()).describe('The filters applied, as given (from/to/tz excluded)'),
};

/** More groups than the answer holds (at most 500): the rest are left out and counted here. */
const truncation = z.object({
  limit: z.number().int().describe('500'),
  omitted_groups: z.number().int().describe('Groups / units left out of the lists (the smallest by n; their tickets still count in totals and tests); 0 when nothing was left out'),
});

export const wilson = z
  .object({ lower: z.number(), upper: z.number() })
  .nullable()
  .describe('95% Wilson score interval of the proportion; null at n = 0');

/**
 * What the web needs to list a unit's tickets. GET /api/v1/tickets filters by the unit and by the
 * attribute filters it supports (tier, organization, channel, priority, team, branch, assignee,
 * tag; `sla=breached` for SLA measures) but not by solve time or category: show `from`/`to` as
 * the period the figures cover.
 */
export const ticketDrilldown = z.object({
  tickets_query: z
    .record(z.string(), z.string())
    .describe(
      'Query parameters for GET /api/v1/tickets, e.g. { team_id, priority, sla: "breached" } (sla=breached for units flagged below their lower limit on sla_met). ' +
        'For the group of tickets without a team/branch/tier/organization the list has no such filter: only the request’s filters are given',
    ),
  from: z.string().describe('The period of the figures (first solved in [from, to))'),
  to: z.string(),
});
export type TicketDrilldown = z.infer<typeof ticketDrilldown>;

// ---------------------------------------------------------------- 1. consistency

export const consistencyMeasures = z.enum(['sla_met', 'csat_satisfied', 'first_reply', 'resolution']);
export type ConsistencyMeasure = z.infer<typeof consistencyMeasures>;
export const consistencyUnits = z.enum(['branch', 'team', 'agent']);
export type ConsistencyUnit = z.infer<typeof consistencyUnits>;
export const consistencyPeriods = z.enum(['day', 'week', 'month']);

export const consistencyQuery = z
  .object({
    ...qualityFilters,
    measure: consistencyMeasures.describe(
      'sla_met: share of solved tickets whose SLA clocks all ended achieved (base: tickets with at least one ended clock, or with `sla_metric` a clock of that metric); ' +
        'csat_satisfied: share of CSAT answers of 4 or 5 (base: solved tickets with a CSAT answer); ' +
        'first_reply / resolution: times of solved tickets, in `time_basis`',
    ),
    unit: consistencyUnits.default('team').describe('agent = the ticket’s assignee. Tickets without one are counted in the totals but not charted as a unit'),
    sla_metric: clockMetrics.optional().describe('Only with measure=sla_met: judge one SLA metric'),
    time_basis: z.enum(['calendar', 'business']).default('calendar').describe('Times only: wall-clock seconds or business seconds (the ticket’s calendar)'),
    period: consistencyPeriods.default('week').describe('Times only: the XmR chart’s periods (local to `tz`; weeks from Monday). At most 500 periods in the range'),
    xmr_unit_id: z.uuid().optional().describe('Times only: chart the per-period medians of this unit (a branch, team or agent id, per `unit`); default: the whole selection'),
    min_n: z.coerce
      .number()
      .int()
      .min(2)
      .max(1000)
      .default(5)
      .describe('A unit with fewer tickets is listed in `excluded_units`, not charted or tested. Proportions also need n·p̄ ≥ 5 and n·(1 − p̄) ≥ 5 (the p-chart’s normal approximation)'),
  })
  .strict();
export type ConsistencyQuery = z.output<typeof consistencyQuery>;

export const excludedUnit = z.object({
  unit_id: z.string().nullable().describe('null: tickets without a unit (no team / branch / assignee)'),
  name: z.string().nullable(),
  n: z.number().int(),
  reason: z
    .enum(['no_unit', 'n_below_minimum', 'expected_count_below_5'])
    .describe(
      'no_unit: tickets without a team/branch/assignee; n_below_minimum: n < min_n (left out of every figure but the totals); ' +
        'expected_count_below_5: n·p̄ < 5 or n·(1 − p̄) < 5 — no limits can be drawn, but the unit is part of p̄, the chi-square test, the CV and the stratum rates',
    ),
});

export const proportionUnit = z.object({
  unit_id: z.string(),
  name: z.string().nullable().describe('null when the unit no longer exists'),
  n: z.number().int().describe('Tickets in the base (see measure)'),
  x: z.number().int().describe('Of which met / satisfied'),
  p: z.number().describe('x / n'),
  interval: wilson,
  lower_limit: z.number().describe('p̄ − 3√(p̄(1−p̄)/n), clamped to [0, 1]'),
  upper_limit: z.number().describe('p̄ + 3√(p̄(1−p̄)/n), clamped to [0, 1]'),
  signal: z
    .enum(['below_lower', 'above_upper'])
    .nullable()
    .describe('below_lower: worse than the process explains (flagged); above_upper: better (a positive special cause)'),
  expected: z
    .number()
    .describe('Expected x given the unit’s mix: Σ over its tickets of the overall rate of the ticket’s (priority × channel) stratum'),
  expected_p: z.number().describe('expected / n: the attainment the unit would have at the overall rate of each stratum'),
  observed_expected_ratio: z.number().nullable().describe('x / expected (> 1: better than its mix predicts); null when expected = 0'),
  standardized_p: z
    .number()
    .nullable()
    .describe('Indirectly standardized rate: ratio × p̄, comparable across units with different mixes; null with the ratio'),
  z: z
    .number()
    .nullable()
    .describe('(x − expected) / √(Σ nₛ·rₛ(1 − rₛ)); |z| > 3 is a signal after allowing for the mix; null when the variance is 0'),
  drilldown: ticketDrilldown,
});

export const stratumRate = z.object({
  priority: z.string(),
  channel: z.string(),
  n: z.number().int(),
  x: z.number().int(),
  rate: z.number(),
});

export const proportionConsistency = z.object({
  n: z.number().int().describe('Tickets in the base over the whole selection, units without enough data included'),
  x: z.number().int(),
  center: z.number().nullable().describe('p̄ = Σx/Σn over the units with n ≥ min_n (the process); null when none'),
  units: z.array(proportionUnit).describe('Charted units, lowest p first'),
  chi_square: z
    .object({
      statistic: z.number().nullable(),
      df: z.number().int().nullable(),
      p_value: z.number().nullable(),
      min_expected: z.number().nullable().describe('Smallest expected cell; below 5 the test is doubtful'),
    })
    .describe('Chi-square test that the units with n ≥ min_n share one proportion; null members when fewer than 2 units or p̄ is 0 or 1'),
  cv: z
    .object({ n: z.number().int(), mean: z.number().nullable(), standard_deviation: z.number().nullable(), cv: z.number().nullable() })
    .describe('Coefficient of variation of the rates of the units with n ≥ min_n (s with n − 1); cv null below 2 units or when a rate is 0'),
  strata: z.array(stratumRate).describe('The rate of each (priority × channel) stratum over the units with n ≥ min_n: the base of `expected`'),
});

export const timeUnit = z.object({
  unit_id: z.string(),
  name: z.string().nullable(),
  n: z.number().int(),
  median: z.number().describe('Seconds'),
  p90: z.number(),
  mean: z.number(),
  mean_rank: z.number().describe('Mean rank in the pooled sample (Kruskal–Wallis)'),
  drilldown: ticketDrilldown,
});

export const xmrSignals = z.enum(['above_upper', 'below_lower', 'moving_range_above', 'run_above', 'run_below']);

export const xmrPoint = z.object({
  label: z.string().describe('Local start date of the period, YYYY-MM-DD'),
  period_start: z.string().describe('Start instant (UTC)'),
  n: z.number().int(),
  median: z.number().nullable().describe('Median seconds of the period; null without tickets (the period is skipped by the chart)'),
  moving_range: z.number().nullable().describe('|median − previous charted median|; null for the first charted point and for empty periods'),
  signals: z.array(xmrSignals).describe('Rules this point breaks: beyond the limits, moving range above its limit, 8 in a row on one side'),
});

export const timeConsistency = z.object({
  n: z.number().int().describe('Solved tickets with the time over the whole selection'),
  units: z.array(timeUnit).describe('Units with n ≥ min_n, slowest median first'),
  kruskal_wallis: z
    .object({ n: z.number().int(), k: z.number().int(), h: z.number().nullable(), df: z.number().int().nullable(), p_value: z.number().nullable() })
    .describe('Across the charted units, tie-corrected; null members below 2 units'),
  cv: z
    .object({ n: z.number().int(), mean: z.number().nullable(), standard_deviation: z.number().nullable(), cv: z.number().nullable() })
    .describe('Coefficient of variation of the charted units’ medians; cv null below 2 units or when a median is 0'),
  xmr: z.object({
    unit_id: z.string().nullable().describe('The charted unit; null: the whole selection'),
    period: consistencyPeriods,
    center: z.number().nullable(),
    lower_limit: z.number().nullable().describe('x̄ − 2.66·MR̄ (may be negative: no lower signal possible); null below 2 charted periods'),
    upper_limit: z.number().nullable(),
    moving_range_mean: z.number().nullable(),
    moving_range_upper_limit: z.number().nullable().describe('3.267·MR̄'),
    points: z.array(xmrPoint),
  }),
});

export const consistencyDto = z.object({
  ...answerHeader,
  measure: consistencyMeasures,
  unit: consistencyUnits,
  sla_metric: clockMetrics.nullable(),
  time_basis: z.enum(['calendar', 'business']),
  min_n: z.number().int(),
  kind: z.enum(['proportion', 'time']),
  proportion: proportionConsistency.nullable().describe('For sla_met and csat_satisfied'),
  time: timeConsistency.nullable().describe('For first_reply and resolution'),
  excluded_units: z.array(excludedUnit).describe('Units not charted, with the reason'),
  truncated: truncation,
});
export type ConsistencyDto = z.infer<typeof consistencyDto>;

// ---------------------------------------------------------------- 2. three levels of service

export const serviceLevelGroups = z.enum(['tier', 'branch', 'team']);

const flag = z.enum(['true', 'false']);

export const serviceLevelsQuery = z
  .object({
    ...qualityFilters,
    by: serviceLevelGroups.default('tier'),
    below_csat_max: z.coerce.number().int().min(1).max(5).default(2).describe('A CSAT answer at or below this is "below expectations" (default 2)'),
    exceed_csat_min: z.coerce.number().int().min(1).max(5).default(5).describe('A CSAT answer at or above this counts toward "exceeded" (default 5)'),
    exceed_slack_ratio: z.coerce
      .number()
      .min(0)
      .max(1)
      .default(0.25)
      .describe('"Exceeded" needs every SLA clock achieved with at least this share of its target left: (target − elapsed)/target ≥ this (default 0.25)'),
    require_csat_to_exceed: flag
      .default('true')
      .transform((v) => v === 'true')
      .describe('true (default): a ticket without a CSAT answer cannot exceed; false: a missing answer does not stop it'),
    require_sla_to_exceed: flag
      .default('false')
      .transform((v) => v === 'true')
      .describe('false (default): a ticket without SLA clocks can exceed on CSAT alone (it had no target to miss); true: it cannot'),
  })
  .strict()
  .refine((q) => q.exceed_csat_min > q.below_csat_max, { path: ['exceed_csat_min'], message: 'must be greater than below_csat_max' });
export type ServiceLevelsQuery = z.output<typeof serviceLevelsQuery>;

export const serviceLevelDefinitions = z
  .object({
    below_csat_max: z.number().int(),
    exceed_csat_min: z.number().int(),
    exceed_slack_ratio: z.number(),
    require_csat_to_exceed: z.boolean(),
    require_sla_to_exceed: z.boolean(),
    below: z.string().describe('The rule in words, for display next to the chart'),
    met: z.string(),
    exceeded: z.string(),
    unknown: z.string(),
  })
  .describe('The definitions used, echoed so the chart can show them');

const levelCount = z.object({ count: z.number().int(), share: z.number().nullable().describe('count / known; null when known = 0') });

export const serviceLevelRow = z.object({
  group_id: z.string().nullable().describe('Tier / branch / team id; null: tickets without one'),
  name: z.string().nullable(),
  n: z.number().int().describe('Tickets first solved in the period'),
  known: z.number().int().describe('Of which with some evidence (an ended SLA clock or a CSAT answer): the base of the shares'),
  below: levelCount,
  met: levelCount,
  exceeded: levelCount,
  unknown: z.number().int().describe('Solved tickets without any ended SLA clock and without a CSAT answer: neither judged nor in the shares'),
  drilldown: ticketDrilldown,
});

export const serviceLevelsDto = z.object({
  ...answerHeader,
  by: serviceLevelGroups,
  definitions: serviceLevelDefinitions,
  total: serviceLevelRow.omit({ group_id: true, name: true, drilldown: true }),
  groups: z.array(serviceLevelRow).describe('Tiers by rank (highest first), otherwise by name; tickets without a group last'),
  truncated: truncation,
});
export type ServiceLevelsDto = z.infer<typeof serviceLevelsDto>;
export type ServiceLevelRow = z.infer<typeof serviceLevelRow>;

// ---------------------------------------------------------------- 3. value and cost

export const valueGroups = z.enum(['tier', 'organization']);

export const valueQuery = z
  .object({
    ...qualityFilters,
    by: valueGroups.default('tier'),
    hourly_rate: z.coerce
      .number()
      .min(0)
      .max(1_000_000)
      .optional()
      .describe('Cost of one hour of agent work; without it the cost fields are null (there is no workspace default rate)'),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional()
      .describe('ISO 4217 code of the rate, echoed for display (no conversion)'),
  })
  .strict();
export type ValueQuery = z.output<typeof valueQuery>;

export const valueRow = z.object({
  group_id: z.string().nullable().describe('Tier / organization id; null: tickets without one'),
  name: z.string().nullable(),
  tier: z
    .object({ id: z.string(), name: z.string(), rank: z.number().int() })
    .nullable()
    .describe('The group’s tier (by=tier: itself; by=organization: the organization’s tier)'),
  value: z
    .object({
      annual_revenue: z.string().nullable().describe('Organization: its annual revenue; tier: the tier’s minimum annual revenue (decimals as strings)'),
      margin: z.string().nullable().describe('Organization: its margin; tier: the tier’s minimum margin'),
      min_tickets_per_year: z.number().int().nullable().describe('Tier only'),
    })
    .describe('What the customer is worth, from the tiers / organizations tables'),
  tickets_created: z.number().int().describe('Volume: tickets created in the period'),
  tickets_solved: z.number().int().describe('Tickets first solved in the period: the base of the figures below'),
  handle_hours: z.number().describe('Agent work time on the solved tickets (from ticket events), in hours'),
  handle_hours_mean: z.number().nullable().describe('handle_hours / tickets_solved; null without solved tickets'),
  cost: z.number().nullable().describe('handle_hours × hourly_rate, rounded to cents; null without a rate'),
  cost_per_ticket: z.number().nullable().describe('cost / tickets_solved'),
  csat: z.object({ n: z.number().int(), satisfied: z.number().int(), percent: z.number().nullable(), interval: wilson }).describe('CSAT answers of the solved tickets; satisfied = 4 or 5'),
  sla: z.object({ n: z.number().int(), met: z.number().int(), rate: z.number().nullable() }).describe('Solved tickets with an ended SLA clock; met = no breach'),
  drilldown: ticketDrilldown,
});

export const valueDto = z.object({
  ...answerHeader,
  by: valueGroups,
  hourly_rate: z.number().nullable(),
  currency: z.string().nullable(),
  total: valueRow.omit({ group_id: true, name: true, tier: true, value: true, drilldown: true }),
  groups: z.array(valueRow).describe('Tiers by rank (highest first); organizations by tier rank, then name; tickets without a group last'),
  truncated: truncation,
});
export type ValueDto = z.infer<typeof valueDto>;
export type ValueRow = z.infer<typeof valueRow>;
