import type { FieldIssue } from '../../platform/errors.ts';
import { type TimeBuckets, type TimeUnit, timeBuckets } from '../surveys/time-buckets.ts';

/**
 * Pure rules of the analytics API (no I/O): the bounds of a query, the periods of a range in a
 * time zone, and the percentile definition the SQL uses.
 */

/** At most this many groups (periods or attribute values) in one answer. */
export const MAX_GROUPS = 500;
/** A range may span at most this many calendar years (UTC). */
export const MAX_RANGE_YEARS = 2;

export type PeriodUnit = TimeUnit;

/** The filters every ticket analytics request takes, as the repositories name them. */
export interface FactFilters {
  tierId?: string | undefined;
  organizationId?: string | undefined;
  channel?: string | undefined;
  priority?: string | undefined;
  category?: string | undefined;
  teamId?: string | undefined;
  branchId?: string | undefined;
  assigneeId?: string | undefined;
  tag?: string | undefined;
}

/** The filter parameters of an analytics query string (contracts/analytics*.ts). */
export interface FilterParams {
  tier_id?: string | undefined;
  organization_id?: string | undefined;
  channel?: string | undefined;
  priority?: string | undefined;
  category?: string | undefined;
  team_id?: string | undefined;
  branch_id?: string | undefined;
  assignee_id?: string | undefined;
  tag?: string | undefined;
}

export function factFiltersOf(query: FilterParams): FactFilters {
  return {
    tierId: query.tier_id,
    organizationId: query.organization_id,
    channel: query.channel,
    priority: query.priority,
    category: query.category,
    teamId: query.team_id,
    branchId: query.branch_id,
    assigneeId: query.assignee_id,
    tag: query.tag,
  };
}

export function isPeriod(group: string): group is PeriodUnit {
  return group === 'day' || group === 'week' || group === 'month';
}

/** Why [from, to) is not an acceptable range, or null. `from` + 2 years is the last allowed `to`. */
export function rangeIssue(from: Date, to: Date): FieldIssue | null {
  if (from.getTime() >= to.getTime()) return { path: 'querystring.from', message: 'must be before to' };
  const limit = new Date(from.getTime());
  limit.setUTCFullYear(limit.getUTCFullYear() + MAX_RANGE_YEARS);
  if (to.getTime() > limit.getTime()) return { path: 'querystring.to', message: `must be at most ${MAX_RANGE_YEARS} years after from` };
  return null;
}

/**
 * The periods of `unit` that overlap [from, to) in `timeZone` (local days, ISO weeks from Monday,
 * months). The first may start before `from` and is labelled by its own local start date. The
 * SQL places a time in its period with `width_bucket(time, starts)`; `periodIndex` is the same
 * rule in code.
 */
export function periodsOf(unit: PeriodUnit, timeZone: string, from: Date, to: Date): TimeBuckets {
  return timeBuckets(unit, timeZone, from, new Date(to.getTime() - 1));
}

/** 1-based index of the last start ≤ instant (0: before the first), as PostgreSQL `width_bucket` over sorted starts. */
export function periodIndex(starts: readonly Date[], instant: Date): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] as Date).getTime() <= instant.getTime()) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Why a grouping would give too many groups, or null. */
export function groupCountIssue(count: number): FieldIssue | null {
  return count > MAX_GROUPS ? { path: 'querystring.group_by', message: `gives ${count} groups, more than ${MAX_GROUPS}; narrow the range or the filters` } : null;
}

/**
 * Continuous percentile with linear interpolation between the closest ranks — the definition of
 * PostgreSQL's `percentile_cont`, which the analytics and SLA reports compute in SQL. Null for no values.
 */
export function percentileCont(values: readonly number[], fraction: number): number | null {
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`fraction must be within [0, 1], got ${fraction}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = fraction * (sorted.length - 1);
  const below = Math.floor(rank);
  const low = sorted[below] as number;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return low + (rank - below) * (high - low);
}

export interface DurationSummary {
  n: number;
  median: number | null;
  p90: number | null;
  mean: number | null;
}

/** n, median, p90 and mean of a set of durations, as the analytics SQL reports them. */
export function summarize(values: readonly number[]): DurationSummary {
  return {
    n: values.length,
    median: percentileCont(values, 0.5),
    p90: percentileCont(values, 0.9),
    mean: values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length,
  };
}

/** Group keys in answer order: periods by their number, other keys as text, null last. */
export function compareGroupKeys(a: string | null, b: string | null, numeric: boolean): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (numeric) return Number(a) - Number(b);
  return a < b ? -1 : 1;
}
