import { chiSquareSurvival } from './distributions.ts';
import { checkCount } from './scale.ts';

export interface ProportionGroup {
  readonly x: number;
  readonly n: number;
}

export interface ChiSquareHomogeneity {
  /** Groups with n > 0 (the others take no part). */
  readonly k: number;
  /** Pooled proportion Σx/Σn; null when Σn = 0. */
  readonly pooled: number | null;
  /** Pearson χ² of the 2 × k table; null when k < 2 or the pooled proportion is 0 or 1. */
  readonly statistic: number | null;
  readonly df: number | null;
  readonly pValue: number | null;
  /** Smallest expected cell count; below 5 the chi-square approximation is doubtful. Null with statistic. */
  readonly minExpected: number | null;
}

/** Chi-square test that k groups (e.g. branches) share one proportion (e.g. SLA attainment). */
export function chiSquareHomogeneity(groups: readonly ProportionGroup[]): ChiSquareHomogeneity {
  for (const group of groups) {
    checkCount(group.x, 'x');
    checkCount(group.n, 'n');
    if (group.x > group.n) throw new RangeError(`x (${group.x}) cannot exceed n (${group.n})`);
  }
  const used = groups.filter((group) => group.n > 0);
  const totalX = used.reduce((sum, group) => sum + group.x, 0);
  const totalN = used.reduce((sum, group) => sum + group.n, 0);
  const pooled = totalN === 0 ? null : totalX / totalN;
  const empty = { k: used.length, pooled, statistic: null, df: null, pValue: null, minExpected: null };
  if (used.length < 2 || pooled === null || pooled === 0 || pooled === 1) return empty;
  // Σ over both cells of each column (O − E)²/E simplifies to (x − n·p̄)² / (n·p̄·(1 − p̄)).
  let statistic = 0;
  let minExpected = Number.POSITIVE_INFINITY;
  for (const group of used) {
    const expected = group.n * pooled;
    statistic += (group.x - expected) ** 2 / (expected * (1 - pooled));
    minExpected = Math.min(minExpected, expected, group.n - expected);
  }
  const df = used.length - 1;
  return { k: used.length, pooled, statistic, df, pValue: chiSquareSurvival(statistic, df), minExpected };
}
