import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../test/seeded-random.ts';
import { percentileCont } from './analytics-rules.ts';
import {
  addValue,
  bucketOf,
  type Distribution,
  EXACT_LIMIT,
  emptyDistribution,
  GAMMA,
  meanOf,
  mergeInto,
  mergeStoredInto,
  percentilesOf,
  rankSums,
  representativeOf,
  settle,
  storeDistribution,
} from './distribution-rules.ts';

const of = (values: readonly number[]): Distribution => {
  const d = emptyDistribution();
  for (const v of values) addValue(d, v);
  settle(d);
  return d;
};

describe('distribution rules', () => {
  it.each([
    { values: [5], fractions: [0.5, 0.9], want: [5, 5] },
    { values: [1, 2], fractions: [0.5, 0.9], want: [1.5, 1.9] },
    { values: [10, 20, 20, 30, 100], fractions: [0, 0.5, 0.9, 1], want: [10, 20, 72, 100] },
    { values: [3600, 60, 7200, 60], fractions: [0.5], want: [1830] },
    { values: [0, 0, 4], fractions: [0.5, 0.9], want: [0, 3.2] },
  ])('while exact, percentiles are percentile_cont: $values', ({ values, fractions, want }) => {
    const d = of(values);
    expect(d.exact).not.toBeNull();
    expect(percentilesOf(d, fractions)).toEqual(want);
    expect(fractions.map((f) => percentileCont(values, f))).toEqual(want);
  });

  it('values added are counted on the first read, the same as one by one', () => {
    const lazy = emptyDistribution();
    for (const v of [5, 1, 5, 3]) addValue(lazy, v);
    expect(lazy.pending).toHaveLength(4);
    expect(percentilesOf(lazy, [0.5])).toEqual([4]);
    expect(lazy.pending).toBeUndefined();
    expect([...(lazy.exact as Map<number, number>)]).toEqual([
      [1, 1],
      [3, 1],
      [5, 2],
    ]);
  });

  it('counts, sums and means are exact and nulls are not counted', () => {
    const d = emptyDistribution();
    for (const v of [1, null, 2, undefined, 3, Number.NaN]) addValue(d, v);
    expect([d.n, d.sum, meanOf(d)]).toEqual([3, 6, 2]);
    expect(percentilesOf(emptyDistribution(), [0.5])).toEqual([null]);
    expect(meanOf(emptyDistribution())).toBeNull();
  });

  it('buckets hold (γ^(i−1), γ^i] and read back within 1% of every value in them', () => {
    for (const v of [0.5, 1, 1.01, 59.9, 60, 3600, 86_400, 31_536_000]) {
      const b = bucketOf(v);
      expect(GAMMA ** (b - 1)).toBeLessThan(v * (1 + 1e-12));
      expect(GAMMA ** b).toBeGreaterThanOrEqual(v * (1 - 1e-12));
      expect(Math.abs(representativeOf(b) - v) / v).toBeLessThanOrEqual(0.01);
    }
    expect(representativeOf(bucketOf(0))).toBe(0);
  });

  it('past EXACT_LIMIT distinct values it is bucketed, and percentiles stay within 1% of the exact ones', () => {
    const random = seededRandom(7);
    for (const size of [EXACT_LIMIT + 1, 1000, 25_000]) {
      const values = Array.from({ length: size }, () => 60 + random() * random() * 200_000);
      const d = of(values);
      expect(d.exact).toBeNull();
      expect(d.n).toBe(size);
      for (const fraction of [0.1, 0.5, 0.9, 0.99]) {
        const exact = percentileCont(values, fraction) as number;
        const approx = percentilesOf(d, [fraction])[0] as number;
        expect(Math.abs(approx - exact) / exact, `${size} ${fraction}`).toBeLessThanOrEqual(0.01);
      }
      expect(meanOf(d)).toBeCloseTo(values.reduce((a, b) => a + b, 0) / size, 6);
    }
  });

  it('merging gives the same distribution in any order, exact while the union is small', () => {
    const random = seededRandom(11);
    const parts = Array.from({ length: 6 }, () => Array.from({ length: 60 }, () => Math.round(random() * 500) * 60));
    const forward = emptyDistribution();
    for (const p of parts) mergeInto(forward, of(p));
    const backward = emptyDistribution();
    for (const p of [...parts].reverse()) mergeInto(backward, of(p));
    const all = parts.flat();
    expect(percentilesOf(forward, [0.5, 0.9])).toEqual(percentilesOf(backward, [0.5, 0.9]));
    expect(percentilesOf(forward, [0.5, 0.9])).toEqual(percentilesOf(of(all), [0.5, 0.9]));
    expect(forward.n).toBe(all.length);

    const small = emptyDistribution();
    mergeInto(small, of([1, 2, 3]));
    mergeInto(small, of([3, 4]));
    expect(small.exact).not.toBeNull();
    expect(percentilesOf(small, [0.5])).toEqual([3]);
    const source = of([5, 6]);
    mergeInto(of([1]), source);
    expect([...(source.exact as Map<number, number>).keys()]).toEqual([5, 6]);
  });

  it('stores both forms and reads them back unchanged (JSON round trip)', () => {
    for (const d of [of([1.25, 3600, 3600, 0]), of(Array.from({ length: 300 }, (_, i) => i * 7.5))]) {
      const back = emptyDistribution();
      mergeStoredInto(back, JSON.parse(JSON.stringify(storeDistribution(d))));
      expect(back).toEqual(d);
    }
  });

  it('rank sums and ties are those of mid-ranks over the pooled values', () => {
    // Pooled: 1 2 2 3 5 5 5 → ranks 1, 2.5, 2.5, 4, 6, 6, 6; ties: runs of 2 and 3.
    const { rankSums: sums, tieSum } = rankSums([of([1, 2, 5]), of([2, 3, 5, 5])]);
    expect(sums).toEqual([1 + 2.5 + 6, 2.5 + 4 + 6 + 6]);
    expect(tieSum).toBe(2 ** 3 - 2 + (3 ** 3 - 3));
  });
});

describe('stored distributions', () => {
  it('merge into a distribution as the distribution they store would', () => {
    const random = seededRandom(5);
    for (const sizes of [[3, 4], [150, 100], [500, 2], [2, 500]]) {
      const parts = sizes.map((size) => Array.from({ length: size }, () => Math.round(random() * 5000)));
      const direct = emptyDistribution();
      const stored = emptyDistribution();
      for (const p of parts) {
        mergeInto(direct, of(p));
        mergeStoredInto(stored, JSON.parse(JSON.stringify(storeDistribution(of(p)))));
      }
      expect(stored).toEqual(direct);
    }
  });
});
