import { z } from 'zod';
import { channels, pageQuery, page, ticketPriorities, timeZone, timestamp } from './common.ts';
import { servqualDimensions, surveyTypes } from './surveys.ts';

/**
 * Satisfaction analytics (issue 7): CSAT, CES and NPS with intervals per group or period, the
 * comment stream, SERVQUAL gaps and Kano results. The range/filter/group_by shape is the one of
 * `GET /analytics/tickets` (contracts/analytics.ts), copied so the two can change separately.
 *
 * Attribution: tier, organization, channel, team, branch and agent are the response's own
 * snapshot columns (as they were when the customer answered; `assignee_id` = the agent the
 * response is attributed to). Priority, category and tag are the ticket's as it is now, so they
 * need the ticket: responses without one (anonymous responses, relationship surveys sent to a
 * customer) count only when none of priority / category / tag is set (filter or group_by), and
 * the answer says so in `ticket_filter_excludes_unlinked`. Anonymous responses also have no agent
 * and no organization (they never match those filters; in those groupings they fall under
 * `group: null`), and their time is kept to the day (its start in the workspace's time zone).
 *
 * Headline scores count every live survey of the workspace that asks them (a CSAT survey with the
 * optional CES question adds to CES too); a named `survey_id` may be a deleted survey. SERVQUAL and
 * Kano read one survey (`survey_id`, else the workspace's latest live one of that type) and score
 * every response in scope against its current version's items (answers to items no longer in it
 * are ignored).
 */

export const satisfactionGroups = z.enum(['none', 'tier', 'organization', 'channel', 'priority', 'category', 'team', 'branch', 'agent', 'day', 'week', 'month']);
export type SatisfactionGroup = z.infer<typeof satisfactionGroups>;

/** The common range, time zone, grouping and filters of the satisfaction endpoints. */
export const satisfactionFilters = {
  from: z.iso.datetime({ offset: true }).optional().describe('Start of the period (inclusive); default: 30 days before `to`'),
  to: z.iso.datetime({ offset: true }).optional().describe('End of the period (exclusive); default: now. After `from` (else 400), at most 2 years after it (else 400)'),
  tz: timeZone.optional().describe('IANA time zone for day/week/month periods; default: the workspace’s'),
  tier_id: z.uuid().optional(),
  organization_id: z.uuid().optional(),
  channel: channels.optional(),
  priority: ticketPriorities.optional().describe('The ticket’s priority now; leaves out responses without a ticket'),
  category: z.string().trim().min(1).max(100).optional().describe('The ticket’s category now; leaves out responses without a ticket'),
  team_id: z.uuid().optional(),
  branch_id: z.uuid().optional(),
  assignee_id: z.uuid().optional().describe('The agent the response is attributed to (the ticket’s assignee when the customer answered)'),
  tag: z.string().trim().min(1).max(100).optional().describe('A tag the ticket has now; leaves out responses without a ticket'),
  survey_id: z.uuid().optional().describe('Only this survey; default: every survey of the workspace that asks the measure'),
};

const groupBy = satisfactionGroups
  .default('none')
  .describe('A response attribute (see the contract’s notes) or a period (day/week ISO from Monday/month in `tz`) of submitted_at. At most 500 groups (else 400)');

// ---------------------------------------------------------------------------------------------
// GET /analytics/satisfaction

export const satisfactionQuery = z.object({ ...satisfactionFilters, group_by: groupBy }).strict();
export type SatisfactionQuery = z.output<typeof satisfactionQuery>;

export const interval = z.object({ lower: z.number(), upper: z.number() }).describe('95% interval, same unit as the value');

/** Why a figure has no interval: no answers at all, or fewer than `min_interval_n`. */
export const noIntervalReason = z.enum(['no_responses', 'n_below_minimum']);
export type NoIntervalReason = z.infer<typeof noIntervalReason>;

export const csatStats = z.object({
  n: z.number().int().describe('Valid CSAT answers (1–5): the base of every figure here'),
  satisfied: z.number().int().describe('Answers of 4 or 5'),
  percent: z.number().nullable().describe('100·satisfied/n; null when n = 0'),
  mean: z.number().nullable().describe('Mean answer (1–5); null when n = 0'),
  interval: interval.nullable().describe('Wilson score interval (z = 1.959964) in percent; null when n = 0'),
  min_interval_n: z.number().int().describe('Smallest n that gets an interval (1: Wilson is valid at any n)'),
  no_interval_reason: noIntervalReason.nullable(),
  note: z.string().nullable().describe('Why there is no interval, in English (the web app translates `no_interval_reason`)'),
});
export type CsatStats = z.infer<typeof csatStats>;

export const cesStats = z.object({
  n: z.number().int().describe('Valid CES answers'),
  mean: z.number().nullable().describe('Mean answer on `scale`; null when n = 0'),
  scale: z
    .object({ min: z.number().int(), max: z.number().int(), direction: z.enum(['higher_is_easier', 'higher_is_harder']) })
    .describe('The scale of `mean`: the surveys’ own when they share one; CES 2.0 (1–7, higher is easier) when answers on different scales were rescaled onto it'),
  rescaled: z.boolean().describe('True when surveys with different CES scales were mixed and every answer was rescaled linearly onto 1–7, higher is easier'),
  standard_deviation: z.number().nullable().describe('Sample standard deviation (n − 1) on `scale`; null below n = 2'),
  interval: interval.nullable().describe('mean ± 1.96·s/√n; null below `min_interval_n`'),
  min_interval_n: z.number().int(),
  no_interval_reason: noIntervalReason.nullable(),
  note: z.string().nullable(),
});
export type CesStats = z.infer<typeof cesStats>;

export const npsStats = z.object({
  n: z.number().int().describe('Valid NPS answers (0–10); passives count in n'),
  promoters: z.number().int().describe('Answers of 9–10'),
  passives: z.number().int().describe('Answers of 7–8'),
  detractors: z.number().int().describe('Answers of 0–6'),
  score: z.number().nullable().describe('100·(promoters − detractors)/n in [−100, 100]; null when n = 0'),
  standard_error: z.number().nullable(),
  interval: interval.nullable().describe('score ± 1.96·SE clipped to [−100, 100]; null below `min_interval_n` (30, as the spec says)'),
  min_interval_n: z.number().int(),
  no_interval_reason: noIntervalReason.nullable(),
  note: z.string().nullable(),
});
export type NpsStats = z.infer<typeof npsStats>;

export const satisfactionRow = z.object({
  group: z.string().nullable().describe('The group’s id or value (null: responses without one, or no grouping); for periods the local start date "YYYY-MM-DD"'),
  period_start: timestamp.nullable().describe('For periods: the start instant of the period (UTC); otherwise null'),
  responses: z.number().int().describe('Responses in the group (any survey counted, with or without a headline score)'),
  csat: csatStats,
  ces: cesStats,
  nps: npsStats,
});
export type SatisfactionRow = z.infer<typeof satisfactionRow>;

export const satisfactionDto = z.object({
  from: timestamp,
  to: timestamp,
  time_zone: z.string(),
  group_by: satisfactionGroups,
  survey_id: z.uuid().nullable(),
  ticket_filter_excludes_unlinked: z
    .boolean()
    .describe('True when priority/category/tag (filter or group_by) is set: responses without a ticket (anonymous ones among them) are left out'),
  overall: satisfactionRow.describe('The whole filtered range, ungrouped (group null)'),
  groups: z.array(satisfactionRow).describe('Periods: every period of the range in order, empty ones with n = 0. Attributes: the groups that have responses, by key, null last. group_by none: one row equal to overall'),
});
export type SatisfactionDto = z.infer<typeof satisfactionDto>;

// ---------------------------------------------------------------------------------------------
// GET /analytics/comments

export const npsCategories = z.enum(['promoters', 'passives', 'detractors']);
export const commentsQuery = z
  .object({
    ...satisfactionFilters,
    ...pageQuery,
    survey_type: surveyTypes.optional(),
    csat_min: z.coerce.number().int().min(1).max(5).optional().describe('CSAT answer at least this (responses without a CSAT answer are left out)'),
    csat_max: z.coerce.number().int().min(1).max(5).optional().describe('CSAT answer at most this, e.g. 2 for the dissatisfied'),
    ces_min: z.coerce.number().int().min(-10).max(100).optional().describe('CES answer (on its survey’s own scale) at least this'),
    ces_max: z.coerce.number().int().min(-10).max(100).optional(),
    nps_category: npsCategories.optional().describe('Only promoters (9–10), passives (7–8) or detractors (0–6)'),
    q: z.string().trim().min(2).max(100).optional().describe('Case-insensitive substring of the comment'),
  })
  .strict();
export type CommentsQuery = z.output<typeof commentsQuery>;

const named = z.object({ id: z.uuid(), name: z.string() });

export const commentDto = z.object({
  id: z.uuid().describe('The response'),
  survey_id: z.uuid(),
  survey_name: z.string(),
  survey_type: surveyTypes,
  comment: z.string(),
  csat: z.number().nullable(),
  ces: z.number().nullable(),
  nps: z.number().nullable(),
  ticket: z.object({ id: z.uuid(), number: z.number().int(), subject: z.string() }).nullable().describe('null for anonymous responses and responses without a ticket'),
  customer: named.nullable().describe('null for anonymous responses'),
  agent: named.nullable(),
  team: named.nullable(),
  branch: named.nullable(),
  channel: z.string().nullable(),
  locale: z.string().nullable(),
  anonymous: z.boolean().describe('The survey was anonymous: no ticket, customer or agent, time to the day'),
  submitted_at: timestamp,
});
export type CommentDto = z.infer<typeof commentDto>;
export const commentsPage = page(commentDto).describe('Newest first (submitted_at, then id)');
export type CommentsPage = z.infer<typeof commentsPage>;

// ---------------------------------------------------------------------------------------------
// GET /analytics/servqual

/** Why a SERVQUAL or Kano answer is empty. */
export const emptyReason = z.enum(['no_survey', 'no_responses']);

export const servqualQuery = z.object({ ...satisfactionFilters, group_by: groupBy }).strict();
export type ServqualQuery = z.output<typeof servqualQuery>;

const text = z.record(z.string(), z.string()).describe('Text per locale (en, th, vi, cs, ms), as written in the survey');
const alpha = z.object({ alpha: z.number().nullable(), acceptable: z.boolean().nullable(), respondents: z.number().int() });

export const servqualDimensionDto = z.object({
  dimension: servqualDimensions,
  expectation: z.number().nullable().describe('Mean expectation; null in the three-column form (no expectation column: read `tolerance`)'),
  perception: z.number().nullable(),
  gap: z.number().nullable().describe('Mean over respondents of their mean item gap P − E; null when nobody answered both (three-column form: see `tolerance`)'),
  n: z.number().int().describe('Respondents with a gap in this dimension'),
  incomplete: z.number().int().describe('Of those, respondents who answered only some of its items'),
  items: z.number().int(),
  alpha: z.object({ perception: alpha, expectation: alpha, gap: alpha }).describe('Cronbach’s α over the dimension’s items (≥ 0.7 acceptable)'),
  tolerance: z
    .object({ adequate: z.number(), desired: z.number(), perceived: z.number(), adequacy_gap: z.number(), superiority_gap: z.number(), zone: z.enum(['below_adequate', 'within_tolerance', 'above_desired']), n: z.number().int() })
    .nullable()
    .describe('Zone of tolerance (three-column form only)'),
});

export const servqualItemDto = z.object({
  id: z.string(),
  dimension: servqualDimensions,
  text: text.describe('The perception statement'),
  expectation: z.number().nullable(),
  perception: z.number().nullable(),
  gap: z.number().nullable(),
  n: z.number().int().describe('Respondents who answered both columns'),
});

export const servqualResultDto = z.object({
  n: z.number().int().describe('Responses'),
  dimensions: z.array(servqualDimensionDto).describe('The five dimensions in canonical order (tangibles … empathy)'),
  items: z.array(servqualItemDto).describe('Sorted by gap, most negative first (items without a gap last)'),
  unweighted: z.number().nullable().describe('Mean of the five dimension gaps; null unless every dimension has one'),
  weighted: z.object({ score: z.number().nullable(), n: z.number().int(), renormalized: z.number().int(), mean_weights: z.record(servqualDimensions, z.number()).nullable() }),
  servperf: z.object({ score: z.number().nullable(), n: z.number().int() }).describe('Mean perception (performance only)'),
  note: z.string().nullable(),
});
export type ServqualResultDto = z.infer<typeof servqualResultDto>;

export const surveyRef = z.object({ id: z.uuid(), name: z.string(), version: z.number().int().describe('The version whose items are shown (the current one)') });

export const servqualDto = z.object({
  survey: surveyRef.nullable().describe('null: the workspace has no SERVQUAL survey'),
  reason: emptyReason.nullable().describe('Why the result is empty; null when there are responses'),
  note: z.string().nullable(),
  from: timestamp,
  to: timestamp,
  time_zone: z.string(),
  group_by: satisfactionGroups,
  form: z.enum(['gap', 'three_column']),
  scale: z.object({ min: z.number().int(), max: z.number().int() }),
  overall: servqualResultDto,
  groups: z.array(servqualResultDto.extend({ group: z.string().nullable(), period_start: timestamp.nullable() })),
});
export type ServqualDto = z.infer<typeof servqualDto>;

// ---------------------------------------------------------------------------------------------
// GET /analytics/kano

export const kanoQuery = z.object({ ...satisfactionFilters }).strict();
export type KanoQuery = z.output<typeof kanoQuery>;

export const kanoCategories = z.enum(['A', 'O', 'M', 'I', 'R', 'Q']);
export const kanoFeatureDto = z.object({
  id: z.string(),
  feature: text,
  n: z.number().int().describe('Respondents who answered both questions of the pair'),
  counts: z.record(kanoCategories, z.number().int()),
  category: kanoCategories.nullable().describe('A attractive · O one-dimensional · M must-be · I indifferent · R reverse · Q questionable; null when n = 0'),
  close_categories: z.array(kanoCategories).describe('Categories within 5 points of the top (the tie rule M > O > A > I chose among them)'),
  category_strength: z.number().nullable(),
  total_strength: z.number().nullable(),
  better: z.number().nullable().describe('(A+O)/(A+O+M+I), 0 … 1 (x of the scatter); null when the denominator is 0'),
  worse: z.number().nullable().describe('−(O+M)/(A+O+M+I), −1 … 0 (y of the scatter); null when the denominator is 0'),
  questionable_rate: z.number().nullable(),
  fong_significant: z.boolean().nullable().describe('Fong test (z = 1.65): the top two categories’ counts differ significantly; null when n = 0'),
});
export type KanoFeatureDto = z.infer<typeof kanoFeatureDto>;

export const kanoDto = z.object({
  survey: surveyRef.nullable().describe('null: the workspace has no Kano survey'),
  reason: emptyReason.nullable(),
  note: z.string().nullable(),
  from: timestamp,
  to: timestamp,
  n: z.number().int().describe('Responses'),
  features: z.array(kanoFeatureDto).describe('In the survey’s question order'),
});
export type KanoDto = z.infer<typeof kanoDto>;
