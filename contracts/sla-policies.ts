import { z } from 'zod';
import { clockMetrics } from './sla.ts';
import { channels, ticketPriorities, ticketStatuses, timestamp } from './common.ts';

/**
 * SLA policies: which tickets (conditions), what is promised (targets per
 * priority and metric, business or calendar time), what pauses the clocks,
 * and what happens around the due time (escalation rules). The shape and the
 * numbers are checked here; references (tiers, calendars, teams, users …)
 * and calendars that never open are checked by the service.
 */

export const slaMetrics = clockMetrics;

/** Ten years: a longer promise is a typo. */
const MAX_MINUTES = 10 * 366 * 24 * 60;
const MAX_IDS = 100;

const ids = z.array(z.uuid()).max(MAX_IDS);
const tag = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\s,]+$/, 'no spaces or commas')
  .transform((t) => t.toLowerCase());
const scalar = z.union([z.string().max(500), z.number(), z.boolean()]);

export const policyConditions = z
  .object({
    tier_ids: ids.optional(),
    organization_ids: ids.optional(),
    priorities: z.array(ticketPriorities).max(4).optional(),
    channels: z.array(channels).max(20).optional(),
    categories: z.array(z.string().trim().min(1).max(100)).max(MAX_IDS).optional().describe('Compared without regard to case'),
    team_ids: ids.optional(),
    branch_ids: ids.optional(),
    tags_any: z.array(tag).max(50).optional().describe('The ticket has at least one of these tags'),
    tags_all: z.array(tag).max(50).optional().describe('The ticket has all of these tags'),
    custom_fields: z
      .record(z.string().min(1).max(100), z.union([scalar, z.array(scalar).min(1).max(50)]))
      .optional()
      .describe('Field key → required value, or a list of accepted values'),
  })
  .strict()
  .describe('All optional. Within a field any value matches (OR); every given field must match (AND). No conditions: the fallback policy');

const minutes = z.number().int('must be a whole number of minutes').positive('must be more than zero').max(MAX_MINUTES);
const seconds = z.number().int('must be a whole number of seconds').positive('must be more than zero').max(MAX_MINUTES * 60);

export const policyTarget = z
  .object({
    minutes: minutes.optional(),
    seconds: seconds.optional().describe('Seconds precision, for chat metrics (greet within 60 s)'),
    mode: z.enum(['business', 'calendar']).describe('business: counted in the open hours of calendar_id; calendar: elapsed time, 24/7'),
    calendar_id: z.uuid().optional().describe('Required in business mode, not allowed in calendar mode'),
  })
  .strict()
  .superRefine((t, ctx) => {
    if ((t.minutes === undefined) === (t.seconds === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['minutes'], message: 'give exactly one of minutes or seconds' });
    }
    if (t.mode === 'business' && t.calendar_id === undefined) {
      ctx.addIssue({ code: 'custom', path: ['calendar_id'], message: 'is required for a business-mode target' });
    }
    if (t.mode === 'calendar' && t.calendar_id !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['calendar_id'], message: 'is only for business mode (calendar mode counts elapsed time)' });
    }
  });

const metricTargets = z.object(Object.fromEntries(slaMetrics.options.map((m) => [m, policyTarget.optional()])) as Record<z.infer<typeof slaMetrics>, z.ZodOptional<typeof policyTarget>>).strict();

export const policyTargets = z
  .object({ low: metricTargets.optional(), normal: metricTargets.optional(), high: metricTargets.optional(), urgent: metricTargets.optional() })
  .strict()
  .describe('Per priority, per metric; a metric without a target has no clock');

const statusList = z.array(ticketStatuses).max(6);
export const pauseStatuses = z
  .object(Object.fromEntries(slaMetrics.options.map((m) => [m, statusList.optional()])) as Record<z.infer<typeof slaMetrics>, z.ZodOptional<typeof statusList>>)
  .strict()
  .describe('Per metric, the statuses that pause it; a metric left out pauses as by default (pending for requester_wait, resolution and total_resolution; pending and on_hold for agent_work; nothing for the reply and chat metrics)');

export const escalationAction = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('notify'),
      to: z.enum(['assignee', 'team', 'users']).describe("The ticket's assignee, its team, or the named users"),
      user_ids: z.array(z.uuid()).min(1).max(50).optional().describe('Only with to=users, and required then'),
    })
    .strict()
    .superRefine((a, ctx) => {
      if (a.to === 'users' && !a.user_ids) ctx.addIssue({ code: 'custom', path: ['user_ids'], message: 'is required when to is users' });
      if (a.to !== 'users' && a.user_ids) ctx.addIssue({ code: 'custom', path: ['user_ids'], message: 'is only for to=users' });
    }),
  z.object({ type: z.literal('raise_priority').describe('One level up, up to urgent') }).strict(),
  z.object({ type: z.literal('reassign'), team_id: z.uuid() }).strict(),
  z.object({ type: z.literal('add_tag'), tag }).strict(),
]);

export const escalationRule = z
  .object({
    metric: slaMetrics,
    offset_minutes: z
      .number()
      .int()
      .min(-MAX_MINUTES)
      .max(MAX_MINUTES)
      .describe('Relative to the due time: negative warns before it, zero or more escalates after it; business-mode targets count business minutes'),
    actions: z.array(escalationAction).min(1).max(5),
  })
  .strict();

export const escalationRules = z
  .array(escalationRule)
  .max(8)
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    const levels = new Map<string, number>();
    rules.forEach((rule, i) => {
      const key = `${rule.metric} ${rule.offset_minutes}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'offset_minutes'], message: `another rule of ${rule.metric} has this offset` });
      seen.add(key);
      if (rule.offset_minutes < 0) return;
      const level = (levels.get(rule.metric) ?? 0) + 1;
      levels.set(rule.metric, level);
      if (level > 4) ctx.addIssue({ code: 'custom', path: [i, 'offset_minutes'], message: `at most 4 escalation levels (offset >= 0) per metric; this is the ${level}th of ${rule.metric}` });
    });
  })
  .describe('Up to 8 rules; up to 4 escalation levels per metric; (metric, offset_minutes) unique');

const policyFields = {
  name: z.string().trim().min(1).max(200),
  active: z.boolean().describe('Inactive policies are kept but never applied'),
  conditions: policyConditions,
  targets: policyTargets,
  pause_statuses: pauseStatuses,
  solve_while_waiting: z.enum(['fulfil', 'cancel']).describe('What solving does to a running reply clock'),
  escalation_rules: escalationRules,
};

export const createSlaPolicyBody = z
  .object({
    name: policyFields.name,
    active: policyFields.active.default(true),
    conditions: policyFields.conditions.default({}),
    targets: policyFields.targets.default({}),
    pause_statuses: policyFields.pause_statuses.default({}),
    solve_while_waiting: policyFields.solve_while_waiting.default('fulfil'),
    escalation_rules: policyFields.escalation_rules.default([]),
  })
  .strict()
  .describe('A new policy goes to the end of the list (POST /sla-policies/reorder moves it)');

export const updateSlaPolicyBody = z
  .object({
    name: policyFields.name.optional(),
    active: policyFields.active.optional(),
    conditions: policyFields.conditions.optional(),
    targets: policyFields.targets.optional(),
    pause_statuses: policyFields.pause_statuses.optional(),
    solve_while_waiting: policyFields.solve_while_waiting.optional(),
    escalation_rules: policyFields.escalation_rules.optional(),
  })
  .strict()
  .describe('Each given field replaces the stored one as a whole');

export const reorderSlaPoliciesBody = z
  .object({ ids: z.array(z.uuid()).min(1).max(1000).describe('Every policy of the workspace, each once, in the new order') })
  .strict();

const targetDto = z.object({
  minutes: z.number().optional(),
  seconds: z.number().optional(),
  mode: z.enum(['business', 'calendar']),
  calendar_id: z.uuid().optional(),
});
const actionDto = z.object({
  type: z.enum(['notify', 'raise_priority', 'reassign', 'add_tag']),
  to: z.enum(['assignee', 'team', 'users']).optional(),
  user_ids: z.array(z.uuid()).optional(),
  team_id: z.uuid().optional(),
  tag: z.string().optional(),
});

export const slaPolicyDto = z.object({
  id: z.uuid(),
  name: z.string(),
  position: z.number().int().describe('Evaluation order (ascending); the first matching active policy applies'),
  active: z.boolean(),
  conditions: z.object({
    tier_ids: z.array(z.uuid()).optional(),
    organization_ids: z.array(z.uuid()).optional(),
    priorities: z.array(ticketPriorities).optional(),
    channels: z.array(z.string()).optional(),
    categories: z.array(z.string()).optional(),
    team_ids: z.array(z.uuid()).optional(),
    branch_ids: z.array(z.uuid()).optional(),
    tags_any: z.array(z.string()).optional(),
    tags_all: z.array(z.string()).optional(),
    custom_fields: z.record(z.string(), z.unknown()).optional(),
  }),
  targets: z.partialRecord(ticketPriorities, z.partialRecord(slaMetrics, targetDto)),
  pause_statuses: z.record(slaMetrics, z.array(ticketStatuses)).describe('Effective pause statuses of every metric (defaults filled in)'),
  solve_while_waiting: z.enum(['fulfil', 'cancel']),
  escalation_rules: z.array(z.object({ metric: slaMetrics, offset_minutes: z.number().int(), actions: z.array(actionDto) })),
  created_at: timestamp,
  updated_at: timestamp,
});
export type SlaPolicyDto = z.infer<typeof slaPolicyDto>;
