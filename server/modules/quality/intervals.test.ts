import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './intervals.ts';

describe('wilsonInterval', () => {
  it('gives the spec’s example: 170 of 200 → [0.7939, 0.8929]', () => {
    const interval = wilsonInterval(170, 200);
    expect(interval?.lower).toBeCloseTo(0.7939, 4);
    expect(interval?.upper).toBeCloseTo(0.8929, 4);
  });

  // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Statistics in
  // Medicine 17:857–872, Table II, method 3 (score interval without continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('matches Newcombe’s published interval for %i/%i', (x, n, lower, upper) => {
    const interval = wilsonInterval(x, n);
    expect(interval?.lower).toBeCloseTo(lower, 4);
    expect(interval?.upper).toBeCloseTo(upper, 4);
  });

  it('matches a hand computation with z = 2', () => {
    // x = 5, n = 10, z = 2: p̂ = 0.5; centre = 0.5 + 4/20 = 0.7;
    // half width = 2·√(0.25/10 + 4/400) = 2·√0.035 = 0.3741657; denominator = 1 + 4/10 = 1.4;
    // → (0.7 ∓ 0.3741657)/1.4 = [0.2327388, 0.7672612].
    const interval = wilsonInterval(5, 10, { z: 2 });
    expect(interval?.lower).toBeCloseTo((0.7 - 2 * Math.sqrt(0.035)) / 1.4, 12);
    expect(interval?.upper).toBeCloseTo(0.7672612, 7);
  });

  it('is exact at the ends and null at n = 0', () => {
    expect(wilsonInterval(0, 50)?.lower).toBe(0);
    expect(wilsonInterval(50, 50)?.upper).toBe(1);
    expect(wilsonInterval(0, 0)).toBeNull();
    // The hand value at x = n = 1: (1 + z²/2 + z²/2)/(1 + z²) = 1 exactly, lower = 1/(1 + z²).
    expect(wilsonInterval(1, 1)?.lower).toBeCloseTo(1 / (1 + 1.959964 ** 2), 6);
  });

  it('refuses impossible counts', () => {
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 2, { z: 0 })).toThrow(RangeError);
  });

  const counts = fc.integer({ min: 1, max: 100_000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));

  it('contains p̂, stays in [0, 1], and mirrors for failures', () => {
    fc.assert(
      fc.property(counts, ([x, n]) => {
        const interval = wilsonInterval(x, n);
        const mirror = wilsonInterval(n - x, n);
        if (!interval || !mirror) throw new Error('expected intervals');
        expect(interval.lower).toBeGreaterThanOrEqual(0);
        expect(interval.upper).toBeLessThanOrEqual(1);
        expect(interval.lower).toBeLessThanOrEqual(x / n);
        expect(interval.upper).toBeGreaterThanOrEqual(x / n);
        expect(interval.lower).toBeCloseTo(1 - mirror.upper, 12);
      }),
    );
  });

  it('widens with z and narrows as n grows at the same p̂', () => {
    fc.assert(
      fc.property(counts, fc.integer({ min: 2, max: 10 }), ([x, n], factor) => {
        const base = wilsonInterval(x, n) as { lower: number; upper: number };
        const wider = wilsonInterval(x, n, { z: 2.576 }) as { lower: number; upper: number };
        const larger = wilsonInterval(x * factor, n * factor) as { lower: number; upper: number };
        expect(wider.upper - wider.lower).toBeGreaterThan(base.upper - base.lower);
        expect(larger.upper - larger.lower).toBeLessThan(base.upper - base.lower);
      }),
    );
  });
});
