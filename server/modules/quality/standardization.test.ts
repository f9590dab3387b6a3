import { describe, expect, it } from 'vitest';
import { indirectStandardization } from './standardization.ts';

describe('indirectStandardization', () => {
  it('explains a crude gap that is all case mix (ratio 1 for both units)', () => {
    // Stratum rates: easy 27/30 = 0.9, hard 16/40 = 0.4.
    // U1 (mostly easy): 22/30 = 0.733 crude; expected 20·0.9 + 10·0.4 = 22.
    // U2 (mostly hard): 21/40 = 0.525 crude; expected 10·0.9 + 30·0.4 = 21.
    const result = indirectStandardization([
      { unit: 'U1', stratum: 'easy', x: 18, n: 20 },
      { unit: 'U1', stratum: 'hard', x: 4, n: 10 },
      { unit: 'U2', stratum: 'easy', x: 9, n: 10 },
      { unit: 'U2', stratum: 'hard', x: 12, n: 30 },
    ]);
    expect(result.overallRate).toBeCloseTo(43 / 70, 12);
    expect(result.strata).toEqual([
      { stratum: 'easy', x: 27, n: 30, rate: 0.9 },
      { stratum: 'hard', x: 16, n: 40, rate: 0.4 },
    ]);
    const [u1, u2] = result.units;
    expect(u1).toMatchObject({ unit: 'U1', x: 22, n: 30 });
    expect(u1?.expected).toBeCloseTo(22, 12);
    expect(u1?.ratio).toBeCloseTo(1, 12);
    expect(u1?.z).toBeCloseTo(0, 12);
    expect(u2?.expected).toBeCloseTo(21, 12);
    expect(u2?.ratio).toBeCloseTo(1, 12);
    expect(u2?.standardizedRate).toBeCloseTo(43 / 70, 12);
  });

  it.each([
    // unit, x, expected, variance Σ n·r(1 − r)
    ['U1', 23, 22, 20 * 0.09 + 10 * 0.24],
    ['U2', 20, 21, 10 * 0.09 + 30 * 0.24],
  ])('computes observed/expected, standardized rate and z for %s', (unit, x, expected, variance) => {
    const result = indirectStandardization([
      { unit: 'U1', stratum: 'easy', x: 19, n: 20 },
      { unit: 'U1', stratum: 'hard', x: 4, n: 10 },
      { unit: 'U2', stratum: 'easy', x: 8, n: 10 },
      { unit: 'U2', stratum: 'hard', x: 12, n: 30 },
    ]);
    const row = result.units.find((u) => u.unit === unit);
    expect(row?.x).toBe(x);
    expect(row?.expected).toBeCloseTo(expected, 12);
    expect(row?.ratio).toBeCloseTo(x / expected, 12);
    expect(row?.standardizedRate).toBeCloseTo((x / expected) * (43 / 70), 12);
    expect(row?.z).toBeCloseTo((x - expected) / Math.sqrt(variance), 12);
    expect(row?.pValue).toBeGreaterThan(0.5);
  });

  it('adds up repeated (unit, stratum) rows and handles degenerate strata', () => {
    // Every ticket of the only stratum met: rate 1, variance 0 → z null; expected = n, ratio 1.
    const result = indirectStandardization([
      { unit: 'A', stratum: 's', x: 2, n: 2 },
      { unit: 'A', stratum: 's', x: 3, n: 3 },
      { unit: 'B', stratum: 'empty', x: 0, n: 0 },
    ]);
    expect(result.strata).toEqual([{ stratum: 's', x: 5, n: 5, rate: 1 }]);
    expect(result.units[0]).toMatchObject({ unit: 'A', x: 5, n: 5, expected: 5, ratio: 1, z: null, pValue: null });
    expect(result.units[1]).toMatchObject({ unit: 'B', n: 0, expected: 0, expectedRate: null, ratio: null, standardizedRate: null, z: null });
  });

  it('gives nothing for no rows and refuses impossible counts', () => {
    expect(indirectStandardization([])).toEqual({ overallRate: null, strata: [], units: [] });
    expect(() => indirectStandardization([{ unit: 'A', stratum: 's', x: 3, n: 2 }])).toThrow(RangeError);
    expect(() => indirectStandardization([{ unit: 'A', stratum: 's', x: 1.5, n: 2 }])).toThrow(RangeError);
  });
});
