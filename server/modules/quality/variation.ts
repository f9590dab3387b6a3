import { checkFinite, mean, sampleVariance } from './scale.ts';

export interface CoefficientOfVariation {
  readonly n: number;
  /** x̄; null when n = 0. */
  readonly mean: number | null;
  /** s with divisor n − 1; null below n = 2. */
  readonly standardDeviation: number | null;
  /** s / x̄ as a ratio (× 100 for percent); null below n = 2. */
  readonly cv: number | null;
}

/**
 * Coefficient of variation s/x̄ (s with n − 1) of positive quantities such as handling times.
 * Meaningless on scales with an arbitrary zero or negative values (NPS, SERVQUAL gaps), so any
 * value ≤ 0 is refused with a RangeError rather than quietly giving a nonsense ratio.
 */
export function coefficientOfVariation(values: readonly number[]): CoefficientOfVariation {
  checkFinite(values, 'coefficientOfVariation values');
  for (const value of values) {
    if (value <= 0) throw new RangeError(`coefficientOfVariation is for positive values only, got ${value}`);
  }
  const m = mean(values);
  const variance = sampleVariance(values);
  const standardDeviation = variance === null ? null : Math.sqrt(variance);
  return {
    n: values.length,
    mean: m,
    standardDeviation,
    cv: standardDeviation === null || m === null ? null : standardDeviation / m,
  };
}
