import { Z_95 } from './distributions.ts';
import { checkCount } from './scale.ts';

/** A two-sided interval, in the units of the estimate it brackets. */
export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

export interface WilsonOptions {
  /** Normal quantile; default 1.959964 (95%). Use zForConfidence() for other levels. */
  readonly z?: number;
}

/**
 * Wilson score interval for a proportion of x successes in n trials:
 * (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n). Null when n = 0.
 * At x = 0 the lower bound is exactly 0 and at x = n the upper bound is exactly 1 (the formula
 * gives those values; we pin them so rounding cannot leave 1e-17 or 0.9999999999999999).
 */
export function wilsonInterval(x: number, n: number, options: WilsonOptions = {}): Interval | null {
  checkCount(x, 'x');
  checkCount(n, 'n');
  if (x > n) throw new RangeError(`x (${x}) cannot exceed n (${n})`);
  const z = options.z ?? Z_95;
  if (!(z > 0) || !Number.isFinite(z)) throw new RangeError(`z must be finite and > 0, got ${z}`);
  if (n === 0) return null;
  const p = x / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = p + z2 / (2 * n);
  const halfWidth = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const lower = x === 0 ? 0 : Math.max(0, (centre - halfWidth) / denominator);
  const upper = x === n ? 1 : Math.min(1, (centre + halfWidth) / denominator);
  return { lower, upper };
}
