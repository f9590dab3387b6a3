/**
 * Shared checks for survey answers and measurements. Survey answers come from stored responses,
 * so a bad one is counted and left out (never a crash); measurements and counts come from our own
 * queries, so a bad one is a programming error and throws a RangeError.
 */

/** An inclusive integer answer scale, e.g. 1–5 for CSAT or 0–10 for NPS. */
export interface AnswerScale {
  readonly min: number;
  readonly max: number;
}

export function isScaleAnswer(value: unknown, scale: AnswerScale): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= scale.min && value <= scale.max;
}

export function checkScale(scale: AnswerScale, what: string): void {
  if (!Number.isInteger(scale.min) || !Number.isInteger(scale.max) || scale.min >= scale.max) {
    throw new RangeError(`${what} scale must have integer min < max, got ${scale.min}–${scale.max}`);
  }
}

/** Counts per answer value, every value of the scale present (zero when never given). */
export function emptyCounts(scale: AnswerScale): Record<number, number> {
  const counts: Record<number, number> = {};
  for (let value = scale.min; value <= scale.max; value++) counts[value] = 0;
  return counts;
}

export function checkCount(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number >= 0, got ${value}`);
}

export function checkFinite(values: readonly number[], what: string): void {
  for (const value of values) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new RangeError(`${what} must be finite numbers, got ${String(value)}`);
    }
  }
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Sample variance (divisor n − 1); null below two values. Two-pass for accuracy. */
export function sampleVariance(values: readonly number[]): number | null {
  const m = mean(values);
  if (m === null || values.length < 2) return null;
  let sum = 0;
  for (const value of values) sum += (value - m) ** 2;
  return sum / (values.length - 1);
}
