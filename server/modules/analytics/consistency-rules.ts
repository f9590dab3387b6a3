import { MAX_GROUPS } from './analytics-rules.ts';

/**
 * Pure rules of the consistency analytics (issue 7, item 2): which units take part, which are
 * listed as excluded and why, and how long lists are cut to MAX_GROUPS.
 */

export type ExclusionReason = 'no_unit' | 'n_below_minimum' | 'expected_count_below_5';

export interface UnitSize {
  /** null: tickets without a unit (no team / branch / assignee). */
  readonly unitId: string | null;
  readonly n: number;
}

export interface UnitSplit<T extends UnitSize> {
  /** Units with an id and n ≥ minN: the process the charts and tests describe. */
  readonly included: T[];
  readonly excluded: { unit: T; reason: ExclusionReason }[];
}

/** Splits units by the minimum n; tickets without a unit are never a unit of their own. */
export function splitUnits<T extends UnitSize>(units: readonly T[], minN: number): UnitSplit<T> {
  const included: T[] = [];
  const excluded: { unit: T; reason: ExclusionReason }[] = [];
  for (const unit of units) {
    if (unit.unitId === null) excluded.push({ unit, reason: 'no_unit' });
    else if (unit.n < minN) excluded.push({ unit, reason: 'n_below_minimum' });
    else included.push(unit);
  }
  return { included, excluded };
}

/**
 * Keeps at most `limit` items of two lists together (charted units first, then excluded ones),
 * each list keeping its largest n: the figures still cover every unit, only the listing is cut.
 */
export function limitLists<A extends { n: number }, B extends { n: number }>(
  charted: readonly A[],
  excluded: readonly B[],
  limit = MAX_GROUPS,
): { charted: A[]; excluded: B[]; omitted: number } {
  const bySize = <T extends { n: number }>(items: readonly T[]) => [...items].sort((a, b) => b.n - a.n);
  const keptCharted = bySize(charted).slice(0, limit);
  const keptExcluded = bySize(excluded).slice(0, Math.max(0, limit - keptCharted.length));
  return {
    charted: keptCharted,
    excluded: keptExcluded,
    omitted: charted.length - keptCharted.length + excluded.length - keptExcluded.length,
  };
}

/** Coefficient-of-variation input: null when fewer than 2 values or any value is ≤ 0 (CV is for positive quantities only). */
export function positiveOrNull(values: readonly number[]): number[] | null {
  return values.length >= 2 && values.every((v) => v > 0) ? [...values] : null;
}

/** The stratum key of a (priority, channel) pair; "|" appears in neither. */
export function stratumKey(priority: string, channel: string): string {
  return `${priority}|${channel}`;
}

export function splitStratumKey(key: string): { priority: string; channel: string } {
  const [priority = '', channel = ''] = key.split('|');
  return { priority, channel };
}
