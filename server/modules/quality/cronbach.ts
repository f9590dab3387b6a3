import { sampleVariance } from './scale.ts';

/** Cronbach's α of 0.7 or more is the conventional "acceptable" internal consistency. */
export const ALPHA_ACCEPTABLE = 0.7;

export interface CronbachAlpha {
  /** k/(k−1)·(1 − Σ s_i² / s_T²); null when k < 2, fewer than 2 complete rows, or s_T² = 0. */
  readonly alpha: number | null;
  /** Items (columns). */
  readonly items: number;
  /** Respondents with every item answered (the rows used). */
  readonly respondents: number;
  /** Respondents left out because an item was missing (listwise deletion). */
  readonly excluded: number;
  /** alpha ≥ 0.7; null when alpha is null. */
  readonly acceptable: boolean | null;
}

/**
 * Cronbach's α for a respondents × items matrix. Rows with a missing item (null/undefined) are
 * left out (listwise deletion). Variances use n − 1; the divisor cancels in the ratio anyway.
 * Can be negative when items are negatively correlated (a sign of a mis-keyed item).
 */
export function cronbachAlpha(rows: ReadonlyArray<ReadonlyArray<number | null | undefined>>): CronbachAlpha {
  const k = rows.reduce((widest, row) => Math.max(widest, row.length), 0);
  const complete: number[][] = [];
  for (const row of rows) {
    const values: number[] = [];
    for (let i = 0; i < k; i++) {
      const value = row[i];
      if (value === null || value === undefined) break;
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new RangeError(`cronbachAlpha needs finite numbers or null, got ${String(value)}`);
      }
      values.push(value);
    }
    if (values.length === k) complete.push(values);
  }
  const result = { items: k, respondents: complete.length, excluded: rows.length - complete.length };
  if (k < 2 || complete.length < 2) return { ...result, alpha: null, acceptable: null };
  let itemVarianceSum = 0;
  for (let i = 0; i < k; i++) itemVarianceSum += sampleVariance(complete.map((row) => row[i] as number)) ?? 0;
  const totalVariance = sampleVariance(complete.map((row) => row.reduce((sum, value) => sum + value, 0))) ?? 0;
  if (totalVariance === 0) return { ...result, alpha: null, acceptable: null };
  const alpha = (k / (k - 1)) * (1 - itemVarianceSum / totalVariance);
  return { ...result, alpha, acceptable: alpha >= ALPHA_ACCEPTABLE };
}
