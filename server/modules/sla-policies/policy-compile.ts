/**
 * Stored SLA policies → what the clock engine runs on: one `ClockPolicy` per policy (targets in
 * seconds, business targets carrying their compiled calendar). Each calendar is compiled once,
 * however many targets use it. Pure.
 *
 * Ids in a policy have no foreign keys, so a tier, organization, team, branch or calendar may be
 * deleted after the policy named it. Such a policy is not silently changed in meaning:
 * - a deleted id in a condition list no longer matches anything (the rest of the list still does);
 * - a business target whose calendar is gone, or not usable (no open hours), cannot be computed:
 *   the policy is not applied (the next matching one is).
 * Both are reported as issues, for the caller to show.
 */
import { type BusinessCalendar, createCalendar, type NormalizedCalendarDefinition } from '../sla/calendar.ts';
import { CLOCK_METRICS, type ClockMetric, type ClockPolicy, type ClockTarget, type ClockTicketPriority } from '../sla/clocks/clock-types.ts';
import type { OrderedPolicy } from './policy-match.ts';
import type { PolicyConditions, PolicyTarget, StoredPolicy } from './policy-types.ts';

export interface CompiledPolicy extends OrderedPolicy {
  readonly name: string;
  readonly clock: ClockPolicy;
  /** Escalation rule offsets per metric, in seconds relative to due_at, ascending (negative ones warn). */
  readonly ruleOffsets: ReadonlyMap<ClockMetric, readonly number[]>;
}

export interface PolicyIssue {
  readonly policy_id: string;
  /** Field of the policy, as in the API: `conditions.tier_ids`, `targets.urgent.resolution.calendar_id`. */
  readonly path: string;
  readonly message: string;
  /** true: the policy is not applied at all. */
  readonly skipped: boolean;
}

export interface CompileInput {
  readonly policies: readonly StoredPolicy[];
  /** The calendars the policies name, by id (missing = deleted). */
  readonly calendars: ReadonlyMap<string, NormalizedCalendarDefinition>;
  /** Tier, organization, team and branch ids that still exist; null = do not check. */
  readonly liveIds: ReadonlySet<string> | null;
}

const PRIORITIES: readonly ClockTicketPriority[] = ['low', 'normal', 'high', 'urgent'];
const REFERENCE_LISTS = ['tier_ids', 'organization_ids', 'team_ids', 'branch_ids'] as const;

/** Active policies only are expected; inactive ones are the caller's to leave out. */
export function compilePolicies(input: CompileInput): { policies: CompiledPolicy[]; issues: PolicyIssue[] } {
  const calendars = new CalendarCache(input.calendars);
  const policies: CompiledPolicy[] = [];
  const issues: PolicyIssue[] = [];
  for (const stored of input.policies) {
    const problems: PolicyIssue[] = [];
    const clock = toClockPolicy(stored, calendars, problems);
    const conditions = input.liveIds ? withoutDeleted(stored, input.liveIds, problems) : stored.conditions;
    issues.push(...problems);
    if (problems.some((p) => p.skipped)) continue;
    policies.push({ id: stored.id, name: stored.name, position: stored.position, conditions, clock, ruleOffsets: ruleOffsets(stored) });
  }
  return { policies, issues };
}

function toClockPolicy(stored: StoredPolicy, calendars: CalendarCache, problems: PolicyIssue[]): ClockPolicy {
  const targets: Partial<Record<ClockTicketPriority, ClockTarget[]>> = {};
  for (const priority of PRIORITIES) {
    const byMetric = stored.targets[priority];
    if (!byMetric) continue;
    const list: ClockTarget[] = [];
    for (const metric of CLOCK_METRICS) {
      const target = byMetric[metric];
      if (!target) continue;
      const seconds = targetSeconds(target);
      if (target.mode === 'calendar') {
        list.push({ metric, seconds, mode: 'calendar' });
        continue;
      }
      const found = calendars.get(target.calendar_id);
      if (typeof found === 'string') {
        problems.push({ policy_id: stored.id, path: `targets.${priority}.${metric}.calendar_id`, message: found, skipped: true });
        continue;
      }
      list.push({ metric, seconds, mode: 'business', calendar: found });
    }
    targets[priority] = list;
  }
  return {
    targets,
    pauseStatuses: stored.pause_statuses,
    solveWhileWaiting: stored.solve_while_waiting,
  };
}

function ruleOffsets(stored: StoredPolicy): Map<ClockMetric, number[]> {
  const offsets = new Map<ClockMetric, number[]>();
  for (const rule of stored.escalation_rules) {
    const list = offsets.get(rule.metric) ?? [];
    list.push(rule.offset_minutes * 60);
    offsets.set(rule.metric, list);
  }
  for (const list of offsets.values()) list.sort((a, b) => a - b);
  return offsets;
}

export function targetSeconds(target: PolicyTarget): number {
  return target.seconds ?? (target.minutes as number) * 60;
}

function withoutDeleted(stored: StoredPolicy, liveIds: ReadonlySet<string>, problems: PolicyIssue[]): PolicyConditions {
  let conditions = stored.conditions;
  for (const field of REFERENCE_LISTS) {
    const list = conditions[field];
    if (!list) continue;
    const live = list.filter((id) => liveIds.has(id));
    if (live.length === list.length) continue;
    const gone = list.filter((id) => !liveIds.has(id));
    problems.push({
      policy_id: stored.id,
      path: `conditions.${field}`,
      message: `refers to ${gone.join(', ')}, which no longer exist${gone.length === 1 ? 's' : ''}; ${live.length ? 'the other ids still match' : 'the condition matches no ticket'}`,
      skipped: false,
    });
    conditions = { ...conditions, [field]: live };
  }
  return conditions;
}

/** Compiles each calendar at most once; a calendar that cannot be used maps to the reason. */
class CalendarCache {
  private readonly compiled = new Map<string, BusinessCalendar | string>();
  constructor(private readonly definitions: ReadonlyMap<string, NormalizedCalendarDefinition>) {}

  get(id: string): BusinessCalendar | string {
    let entry = this.compiled.get(id);
    if (entry === undefined) {
      entry = this.compile(id);
      this.compiled.set(id, entry);
    }
    return entry;
  }

  private compile(id: string): BusinessCalendar | string {
    const definition = this.definitions.get(id);
    if (!definition) return `calendar ${id} no longer exists; the policy is not applied`;
    try {
      // The library refuses a definition without open hours too (it stores none, but a stored
      // definition may predate a rule): such a target would never come due.
      return createCalendar(definition);
    } catch (error) {
      return `calendar ${id} cannot be used (${(error as Error).message}); the policy is not applied`;
    }
  }
}
