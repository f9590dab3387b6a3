/**
 * Which SLA policy applies to a ticket (../../../../shared/specs/sla.md, "Policies"): the first
 * policy, by position and then by id (UUIDv7: creation order), whose conditions all hold. Pure.
 */
import type { ClockTicketState } from '../sla/clocks/clock-types.ts';
import type { CustomFieldScalar, PolicyConditions } from './policy-types.ts';

/** What conditions read of a ticket; the clock engine's ticket state carries all of it. */
export type MatchableTicket = Pick<
  ClockTicketState,
  'priority' | 'tier_id' | 'organization_id' | 'channel' | 'category' | 'team_id' | 'branch_id' | 'tags' | 'custom_fields'
>;

export interface OrderedPolicy {
  readonly id: string;
  readonly position: number;
  readonly conditions: PolicyConditions;
}

/**
 * Whether every given condition holds. Within a field any listed value will do; a ticket
 * without a value (no tier, no category …) matches no list. An empty id list matches nothing
 * (what is left of a list whose every id was deleted; the API never stores one).
 */
export function policyMatches(conditions: PolicyConditions, ticket: MatchableTicket): boolean {
  const c = conditions;
  return (
    within(c.priorities, ticket.priority) &&
    within(c.tier_ids, ticket.tier_id) &&
    within(c.organization_ids, ticket.organization_id) &&
    within(c.channels, ticket.channel) &&
    within(c.team_ids, ticket.team_id) &&
    within(c.branch_ids, ticket.branch_id) &&
    categoryMatches(c.categories, ticket.category) &&
    (c.tags_any === undefined || c.tags_any.some((tag) => ticket.tags.includes(tag))) &&
    (c.tags_all === undefined || c.tags_all.every((tag) => ticket.tags.includes(tag))) &&
    customFieldsMatch(c.custom_fields, ticket.custom_fields)
  );
}

/** The policy in force: the matching one with the lowest position, then the lowest id. */
export function selectPolicy<P extends OrderedPolicy>(policies: readonly P[], ticket: MatchableTicket): P | null {
  let best: P | null = null;
  for (const policy of policies) {
    if (best && !comesBefore(policy, best)) continue;
    if (policyMatches(policy.conditions, ticket)) best = policy;
  }
  return best;
}

function comesBefore(a: OrderedPolicy, b: OrderedPolicy): boolean {
  return a.position < b.position || (a.position === b.position && a.id < b.id);
}

function within<T>(list: readonly T[] | undefined, value: T | null): boolean {
  if (list === undefined) return true;
  return value !== null && list.includes(value);
}

function categoryMatches(categories: readonly string[] | undefined, category: string | null): boolean {
  if (categories === undefined) return true;
  if (category === null) return false;
  const wanted = category.trim().toLowerCase();
  return categories.some((c) => c.toLowerCase() === wanted);
}

/**
 * Each keyed field must hold the value, or one of the values listed. A multi-valued field (an
 * array on the ticket) matches when any of its values is accepted. Values compare exactly:
 * the number 5 is not the string "5".
 */
function customFieldsMatch(
  wanted: Readonly<Record<string, CustomFieldScalar | CustomFieldScalar[]>> | undefined,
  fields: Readonly<Record<string, unknown>>,
): boolean {
  if (wanted === undefined) return true;
  for (const [key, expected] of Object.entries(wanted)) {
    if (!Object.hasOwn(fields, key)) return false;
    const accepted: readonly unknown[] = Array.isArray(expected) ? expected : [expected];
    const actual = fields[key];
    const values: readonly unknown[] = Array.isArray(actual) ? actual : [actual];
    if (!values.some((v) => accepted.includes(v))) return false;
  }
  return true;
}
