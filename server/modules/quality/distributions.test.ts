import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chiSquareCdf,
  chiSquareSurvival,
  lnGamma,
  normalCdf,
  normalQuantile,
  regularizedGammaP,
  regularizedGammaQ,
  Z_95,
  zForConfidence,
} from './distributions.ts';

function closeRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.max(Math.abs(expected), Number.MIN_VALUE));
}

describe('chi-square', () => {
  // Upper critical values as printed in standard tables (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.4),
  // three decimals: the survival function there must be the table's α to within the rounding.
  it.each([
    [3.841, 1, 0.05],
    [5.991, 2, 0.05],
    [7.815, 3, 0.05],
    [11.07, 5, 0.05],
    [18.307, 10, 0.05],
    [31.41, 20, 0.05],
    [6.635, 1, 0.01],
    [15.086, 5, 0.01],
    [2.706, 1, 0.1],
    [0.711, 4, 0.95],
  ])('χ² = %f on %i df has an upper tail of %f (table)', (x, df, alpha) => {
    expect(chiSquareSurvival(x, df)).toBeCloseTo(alpha, 4);
    expect(chiSquareCdf(x, df)).toBeCloseTo(1 - alpha, 4);
  });

  it('matches full-precision critical values and deep tails (SciPy 1.17.1 chi2.sf, 1e-12 relative)', () => {
    closeRelative(chiSquareSurvival(3.841458820694124, 1), 0.05, 1e-12);
    closeRelative(chiSquareSurvival(18.307038053275146, 10), 0.05, 1e-12);
    closeRelative(chiSquareSurvival(100, 3), 1.5541594313896026e-21, 1e-12);
    closeRelative(chiSquareSurvival(1000, 4), 3.5694127797773694e-215, 1e-12);
    closeRelative(chiSquareSurvival(300, 250), 0.016518273157868715, 1e-12);
  });

  it('equals the closed forms for 2 and 4 degrees of freedom', () => {
    // χ²(2): P(X > x) = e^(−x/2); χ²(4): P(X > x) = e^(−x/2)(1 + x/2). Independent of the gamma code.
    fc.assert(
      fc.property(fc.double({ min: 0, max: 600, noNaN: true }), (x) => {
        closeRelative(chiSquareSurvival(x, 2), Math.exp(-x / 2), 1e-12);
        closeRelative(chiSquareSurvival(x, 4), Math.exp(-x / 2) * (1 + x / 2), 1e-12);
      }),
    );
  });

  it('has CDF + survival = 1, both in [0, 1], CDF rising in x', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        fc.integer({ min: 1, max: 200 }),
        (x, dx, df) => {
          const cdf = chiSquareCdf(x, df);
          expect(cdf + chiSquareSurvival(x, df)).toBeCloseTo(1, 12);
          expect(cdf).toBeGreaterThanOrEqual(0);
          expect(cdf).toBeLessThanOrEqual(1);
          expect(chiSquareCdf(x + dx, df)).toBeGreaterThanOrEqual(cdf - 1e-15);
        },
      ),
    );
  });

  it('is 1 at and below zero, and refuses bad degrees of freedom', () => {
    expect(chiSquareSurvival(0, 3)).toBe(1);
    expect(chiSquareSurvival(-1, 3)).toBe(1);
    expect(chiSquareCdf(0, 3)).toBe(0);
    expect(() => chiSquareSurvival(1, 0)).toThrow(RangeError);
    expect(() => chiSquareSurvival(Number.NaN, 1)).toThrow(RangeError);
  });
});

describe('normal distribution', () => {
  // Quantiles as tabulated (Abramowitz & Stegun 26.2), to the 16 digits they are known to.
  it.each([
    [0.975, 1.959963984540054],
    [0.95, 1.6448536269514722],
    [0.995, 2.5758293035489004],
    [0.999, 3.090232306167813],
    [0.5, 0],
    [0.025, -1.959963984540054],
    [1e-10, -6.361340902404056],
  ])('Φ⁻¹(%f) = %f', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 12);
  });

  it('Φ matches tabulated values', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 14);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 14);
    closeRelative(normalCdf(-5), 2.866515718791933e-7, 1e-12);
    closeRelative(normalCdf(-10), 7.61985302416047e-24, 1e-12);
  });

  it('inverts: Φ(Φ⁻¹(p)) = p, and is odd about 1/2', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), (p) => {
        const z = normalQuantile(p);
        closeRelative(normalCdf(z), p, 1e-12);
        // 1 − p is exact only for p ≥ 1/2, so test the symmetry from that side.
        const upper = Math.max(p, 1 - p);
        expect(normalQuantile(upper)).toBeCloseTo(-normalQuantile(1 - upper), 12);
      }),
    );
  });

  it('gives the spec’s z for 95% and refuses levels outside (0, 1)', () => {
    expect(Z_95.toFixed(6)).toBe('1.959964');
    expect(zForConfidence(0.95)).toBeCloseTo(Z_95, 14);
    expect(zForConfidence(0.9)).toBeCloseTo(1.6448536269514722, 12);
    expect(() => zForConfidence(1)).toThrow(RangeError);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('gamma functions', () => {
  it('lnΓ matches factorials and Γ(1/2) = √π', () => {
    let factorial = 1;
    for (let n = 1; n <= 20; n++) {
      closeRelative(lnGamma(n + 1), Math.log((factorial *= n)), 1e-13);
    }
    expect(lnGamma(1)).toBeCloseTo(0, 14);
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14);
    expect(lnGamma(0.1)).toBeCloseTo(2.252712651734206, 13);
  });

  it('P + Q = 1, and P(1, x) = 1 − e^(−x)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 100, noNaN: true }), fc.double({ min: 0, max: 200, noNaN: true }), (a, x) => {
        expect(regularizedGammaP(a, x) + regularizedGammaQ(a, x)).toBeCloseTo(1, 12);
        expect(regularizedGammaP(1, x)).toBeCloseTo(1 - Math.exp(-x), 12);
      }),
    );
  });
});
