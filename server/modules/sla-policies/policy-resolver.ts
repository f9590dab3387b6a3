import type { Kysely } from 'kysely';
import type { DB } from '../../platform/schema.ts';
import type { NormalizedCalendarDefinition } from '../sla/calendar.ts';
import type { ClockMetric, ClockTicketPriority, ClockTicketState, PolicyFor } from '../sla/clocks/clock-types.ts';
import { type CompiledPolicy, compilePolicies, type PolicyIssue } from './policy-compile.ts';
import { selectPolicy } from './policy-match.ts';
import * as repo from './sla-policies.repository.ts';
import { toStoredPolicy } from './sla-policies.service.ts';

export type { PolicyIssue } from './policy-compile.ts';

/**
 * The SLA policies of a workspace compiled into the clock engine's
 * `PolicyFor` (the first matching policy for the ticket as it is after each
 * event), plus the id of the policy that matched, for storage and reports.
 */
export interface ClockPolicyResolver {
  policyFor: PolicyFor;
  /** The id of the policy `policyFor` last returned (null when none matched). */
  policyIdFor(...args: Parameters<PolicyFor>): string | null;
  /**
   * What could not be applied as written: conditions naming deleted tiers, organizations, teams
   * or branches (those ids match nothing), and policies left out because a business target's
   * calendar is deleted or never open (`skipped`). Empty when all is well.
   */
  readonly issues?: readonly PolicyIssue[];
  /**
   * The offsets of a policy's escalation rules for a metric, in seconds relative to due_at,
   * ascending: negative ones warn (the earliest is "the first warning"), the rest escalate.
   */
  warningOffsetsFor?(policyId: string, metric: ClockMetric): readonly number[];
}

/**
 * Loads the workspace's active policies, the calendars their business targets use and which
 * ids their conditions name still exist (one query each), and compiles them once: the resolver
 * is then pure and cheap to call for every event of every ticket. Load a new one after a
 * policy or calendar changes.
 */
export async function loadClockPolicyResolver(db: Kysely<DB>, workspaceId: string): Promise<ClockPolicyResolver> {
  const policies = (await repo.listActivePolicies(db, workspaceId)).map(toStoredPolicy);
  const calendarIds = new Set<string>();
  const referenced = new Set<string>();
  for (const policy of policies) {
    for (const byMetric of Object.values(policy.targets)) {
      for (const target of Object.values(byMetric ?? {})) if (target?.mode === 'business') calendarIds.add(target.calendar_id);
    }
    const c = policy.conditions;
    for (const id of [...(c.tier_ids ?? []), ...(c.organization_ids ?? []), ...(c.team_ids ?? []), ...(c.branch_ids ?? [])]) referenced.add(id);
  }
  const calendarRows = await repo.findCalendars(db, workspaceId, [...calendarIds]);
  const calendars = new Map<string, NormalizedCalendarDefinition>(calendarRows.map((r) => [r.id, r.definition]));
  const liveIds = await repo.findLiveReferenceIds(db, workspaceId, [...referenced]);
  const compiled = compilePolicies({ policies, calendars, liveIds });
  return createClockPolicyResolver(compiled.policies, compiled.issues);
}

/**
 * The resolver over compiled policies. Each policy has one ClockPolicy object, so the same
 * object comes back for the same policy whatever the priority; the choice for a ticket state is
 * remembered per state object (the engine passes the same object until the ticket changes).
 */
export function createClockPolicyResolver(policies: readonly CompiledPolicy[], issues: readonly PolicyIssue[] = []): ClockPolicyResolver {
  const byId = new Map(policies.map((p) => [p.id, p]));
  const chosen = new WeakMap<ClockTicketState, { priority: ClockTicketPriority; tierId: string | null; policy: CompiledPolicy | null }>();
  const pick = (priority: ClockTicketPriority, tierId: string | null, ticket: ClockTicketState): CompiledPolicy | null => {
    const memo = chosen.get(ticket);
    if (memo && memo.priority === priority && memo.tierId === tierId) return memo.policy;
    const subject = ticket.priority === priority && ticket.tier_id === tierId ? ticket : { ...ticket, priority, tier_id: tierId };
    const policy = selectPolicy(policies, subject);
    chosen.set(ticket, { priority, tierId, policy });
    return policy;
  };
  return {
    policyFor: (priority, tierId, ticket) => pick(priority, tierId, ticket)?.clock ?? null,
    policyIdFor: (priority, tierId, ticket) => pick(priority, tierId, ticket)?.id ?? null,
    issues,
    warningOffsetsFor: (policyId, metric) => byId.get(policyId)?.ruleOffsets.get(metric) ?? NO_OFFSETS,
  };
}

const NO_OFFSETS: readonly number[] = Object.freeze([]);
