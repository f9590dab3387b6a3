/**
 * From a validated request to the stored shapes: canonical conditions (no empty or repeated
 * list entries) and the ids a policy refers to, each with the request field that names it. Pure.
 */
import type { z } from 'zod';
import type { escalationRules, pauseStatuses, policyConditions, policyTargets } from '../../../contracts/sla-policies.ts';
import { CLOCK_METRICS } from '../sla/clocks/clock-types.ts';
import type { EscalationRule, PolicyConditions, PolicyPauseStatuses, PolicyTargets } from './policy-types.ts';

type ConditionsInput = z.output<typeof policyConditions>;
type TargetsInput = z.output<typeof policyTargets>;
type RulesInput = z.output<typeof escalationRules>;

/** An empty list places no condition, like a missing one: it is dropped, so stored lists are never empty. */
export function normalizeConditions(input: ConditionsInput): PolicyConditions {
  const out: PolicyConditions = {};
  for (const [key, value] of Object.entries(input) as [keyof ConditionsInput, unknown][]) {
    if (key === 'custom_fields') continue;
    if (Array.isArray(value) && value.length > 0) (out as Record<string, unknown>)[key] = [...new Set(value)];
  }
  const fields = Object.entries(input.custom_fields ?? {});
  if (fields.length > 0) {
    out.custom_fields = Object.fromEntries(fields.map(([k, v]) => [k, Array.isArray(v) ? [...new Set(v)] : v]));
  }
  return out;
}

/** Keeps the metrics given (each list without repeats); the rest pause by default. */
export function normalizePauseStatuses(input: z.output<typeof pauseStatuses>): PolicyPauseStatuses {
  const out: PolicyPauseStatuses = {};
  for (const metric of CLOCK_METRICS) {
    const list = input[metric];
    if (list) out[metric] = [...new Set(list)];
  }
  return out;
}

/** The contract guarantees the target shapes (exactly one of minutes/seconds, calendar_id iff business). */
export function toStoredTargets(input: TargetsInput): PolicyTargets {
  return input as PolicyTargets;
}

export function toStoredRules(input: RulesInput): EscalationRule[] {
  return input.map((rule) => ({
    metric: rule.metric,
    offset_minutes: rule.offset_minutes,
    actions: rule.actions.map((a) => (a.type === 'notify' && a.user_ids ? { ...a, user_ids: [...new Set(a.user_ids)] } : a)) as EscalationRule['actions'],
  }));
}

export type ReferenceKind = 'tiers' | 'organizations' | 'teams' | 'branches' | 'calendars' | 'users';

export interface PolicyReference {
  kind: ReferenceKind;
  id: string;
  /** The request field, e.g. `targets.urgent.resolution.calendar_id`. */
  path: string;
}

const CONDITION_REFERENCES = [
  ['tier_ids', 'tiers'],
  ['organization_ids', 'organizations'],
  ['team_ids', 'teams'],
  ['branch_ids', 'branches'],
] as const;

/** Every id the given parts of a policy name. */
export function policyReferences(parts: { conditions?: PolicyConditions; targets?: PolicyTargets; escalation_rules?: EscalationRule[] }): PolicyReference[] {
  const refs: PolicyReference[] = [];
  for (const [field, kind] of CONDITION_REFERENCES) {
    for (const id of parts.conditions?.[field] ?? []) refs.push({ kind, id, path: `conditions.${field}` });
  }
  for (const [priority, byMetric] of Object.entries(parts.targets ?? {})) {
    for (const [metric, target] of Object.entries(byMetric ?? {})) {
      if (target?.mode === 'business') refs.push({ kind: 'calendars', id: target.calendar_id, path: `targets.${priority}.${metric}.calendar_id` });
    }
  }
  (parts.escalation_rules ?? []).forEach((rule, i) => {
    rule.actions.forEach((action, j) => {
      const at = `escalation_rules.${i}.actions.${j}`;
      if (action.type === 'reassign') refs.push({ kind: 'teams', id: action.team_id, path: `${at}.team_id` });
      if (action.type === 'notify' && action.to === 'users') for (const id of action.user_ids) refs.push({ kind: 'users', id, path: `${at}.user_ids` });
    });
  });
  return refs;
}
