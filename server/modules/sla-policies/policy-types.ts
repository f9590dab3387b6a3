/**
 * The shapes an SLA policy is stored in (jsonb columns of `sla_policies`) and
 * sent as. Validated by contracts/sla-policies.ts before they are stored, so
 * code reading them may trust them. Pure types.
 */
import type { ClockMetric, ClockTicketPriority, ClockTicketStatus, SolveWhileWaiting } from '../sla/clocks/clock-types.ts';

export type CustomFieldScalar = string | number | boolean;

/**
 * Which tickets a policy applies to. A field left out places no condition; a
 * listed field matches when the ticket has any of its values (OR), and every
 * listed field must match (AND). No field at all: the fallback policy.
 * Lists are never stored empty (the API drops empty lists).
 */
export interface PolicyConditions {
  tier_ids?: string[];
  organization_ids?: string[];
  priorities?: ClockTicketPriority[];
  channels?: string[];
  /** Compared without regard to case. */
  categories?: string[];
  team_ids?: string[];
  branch_ids?: string[];
  /** Lower-case, like ticket tags. The ticket has at least one of them. */
  tags_any?: string[];
  /** Lower-case. The ticket has all of them. */
  tags_all?: string[];
  /** Field key → the value it must have (or one of the values). */
  custom_fields?: Record<string, CustomFieldScalar | CustomFieldScalar[]>;
}

/** One promise: exactly one of `minutes` or `seconds` (seconds for chat metrics such as a 60 s greeting). */
export type PolicyTarget = ({ minutes: number; seconds?: never } | { seconds: number; minutes?: never }) &
  ({ mode: 'calendar'; calendar_id?: never } | { mode: 'business'; calendar_id: string });

export type PolicyTargets = Partial<Record<ClockTicketPriority, Partial<Record<ClockMetric, PolicyTarget>>>>;

/** Per metric, the statuses that pause it; a metric left out pauses as DEFAULT_PAUSE_STATUSES says. */
export type PolicyPauseStatuses = Partial<Record<ClockMetric, ClockTicketStatus[]>>;

export type EscalationAction =
  | { type: 'notify'; to: 'assignee' | 'team'; user_ids?: never }
  | { type: 'notify'; to: 'users'; user_ids: string[] }
  | { type: 'raise_priority' }
  | { type: 'reassign'; team_id: string }
  | { type: 'add_tag'; tag: string };

/**
 * Fires relative to a clock's due time: a negative offset warns before it,
 * zero or more escalates after it. (metric, offset_minutes) is unique within
 * a policy and identifies the rule (the key of "fires at most once").
 */
export interface EscalationRule {
  metric: ClockMetric;
  offset_minutes: number;
  actions: EscalationAction[];
}

export interface StoredPolicy {
  id: string;
  name: string;
  position: number;
  active: boolean;
  conditions: PolicyConditions;
  targets: PolicyTargets;
  pause_statuses: PolicyPauseStatuses;
  solve_while_waiting: SolveWhileWaiting;
  escalation_rules: EscalationRule[];
}

/** Limits the API enforces (contracts/sla-policies.ts). */
export const MAX_ESCALATION_RULES = 8;
export const MAX_ESCALATION_LEVELS_PER_METRIC = 4;
