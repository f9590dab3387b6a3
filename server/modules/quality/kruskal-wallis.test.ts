import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chiSquareHomogeneity } from './homogeneity.ts';
import { kruskalWallis, kruskalWallisFromRankSums, midRanks } from './kruskal-wallis.ts';
import { coefficientOfVariation } from './variation.ts';

describe('kruskalWallis', () => {
  it('reproduces the textbook example: Hollander & Wolfe (1973, p. 116), no ties', () => {
    // Mucociliary clearance half-times; also R's ?kruskal.test example (H = 0.7714, df 2, p = 0.68).
    // Pooled ranks: normal 4, 5, 8, 9, 10 → 36; airway disease 3, 6, 13, 14 → 36; asbestosis 1, 2, 7, 11, 12 → 33.
    // H = 12/(14·15)·(36²/5 + 36²/4 + 33²/5) − 3·15 = (12/210)·801 − 45 = 0.771429.
    // df = 2, so p = e^(−H/2) = 0.679965.
    const result = kruskalWallis([
      [2.9, 3.0, 2.5, 2.6, 3.2],
      [3.8, 2.7, 4.0, 2.4],
      [2.8, 3.4, 3.7, 2.2, 2.0],
    ]);
    expect(result.groups.map((group) => group.rankSum)).toEqual([36, 36, 33]);
    expect(result).toMatchObject({ n: 14, k: 3, df: 2, tieCorrection: 1 });
    expect(result.h).toBeCloseTo((12 / 210) * 801 - 45, 12);
    expect(result.pValue).toBeCloseTo(Math.exp(-(result.h as number) / 2), 12);
    expect(result.pValue).toBeCloseTo(0.68, 2);
  });

  it('applies the tie correction (hand computation, confirmed with SciPy 1.17.1 stats.kruskal)', () => {
    // Pooled 1, 2, 2, 2, 3, 4: the three 2s share ranks 2–4 → 3. Groups [1,2,2] → 1+3+3 = 7,
    // [2,3,4] → 3+5+6 = 14. H = 12/42·(49/3 + 196/3) − 21 = 2.333333.
    // C = 1 − (3³ − 3)/(6³ − 6) = 1 − 24/210 = 0.885714; H/C = 2.634409; p (df 1) = 0.104571.
    const result = kruskalWallis([
      [1, 2, 2],
      [2, 3, 4],
    ]);
    expect(result.hUncorrected).toBeCloseTo(7 / 3, 12);
    expect(result.tieCorrection).toBeCloseTo(1 - 24 / 210, 12);
    expect(result.h).toBeCloseTo(2.634408602150532, 12);
    expect(result.pValue).toBeCloseTo(0.104570993064373, 10);
  });

  it('gives mid-ranks and Σ(t³ − t)', () => {
    expect(midRanks([10, 20, 20, 5, 20])).toEqual({ ranks: [2, 4, 4, 1, 4], tieSum: 24 });
  });

  it('ignores empty groups and returns nulls when there is nothing to compare', () => {
    const withEmpty = kruskalWallis([[1, 2], [], [3, 4]]);
    expect(withEmpty).toMatchObject({ k: 2, df: 1 });
    expect(withEmpty.groups[1]).toEqual({ n: 0, rankSum: null, meanRank: null });
    expect(kruskalWallis([])).toMatchObject({ n: 0, k: 0, h: null, pValue: null });
    expect(kruskalWallis([[1, 2, 3], []])).toMatchObject({ k: 1, h: null, df: null });
    // Every value equal: C = 0, H is 0/0.
    expect(kruskalWallis([[5, 5], [5]])).toMatchObject({ h: null, pValue: null, tieCorrection: 0 });
    expect(() => kruskalWallis([[1, Number.POSITIVE_INFINITY]])).toThrow(RangeError);
  });

  const groups = fc.array(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 15 }), {
    minLength: 2,
    maxLength: 5,
  });

  it('depends only on ranks: unchanged by strictly increasing transforms and by group order', () => {
    fc.assert(
      fc.property(groups, (sampled) => {
        const result = kruskalWallis(sampled);
        const transformed = kruskalWallis(sampled.map((group) => group.map((x) => Math.exp(x / 10) + x ** 3)));
        const reordered = kruskalWallis([...sampled].reverse());
        if (result.h === null) {
          expect(transformed.h).toBeNull();
          return;
        }
        expect(result.h).toBeGreaterThanOrEqual(0);
        expect(transformed.h).toBeCloseTo(result.h, 9);
        expect(reordered.h).toBeCloseTo(result.h, 9);
        expect(result.pValue).toBeGreaterThanOrEqual(0);
        expect(result.pValue).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('equals the spec’s formula 12/(N(N+1))·Σ Rᵢ²/nᵢ − 3(N+1), divided by C', () => {
    fc.assert(
      fc.property(groups, (sampled) => {
        const result = kruskalWallis(sampled);
        const N = result.n;
        const sum = result.groups.reduce((s, g) => s + (g.rankSum as number) ** 2 / g.n, 0);
        expect(result.hUncorrected).toBeCloseTo((12 / (N * (N + 1))) * sum - 3 * (N + 1), 8);
      }),
    );
  });
});

describe('chiSquareHomogeneity', () => {
  it('matches a hand computation (and SciPy chi2_contingency without continuity correction)', () => {
    // 90/100 vs 80/100: pooled 0.85; each column contributes 5²/(100·0.85·0.15) = 1.960784 → χ² = 3.921569,
    // df 1, p = 0.047670.
    const result = chiSquareHomogeneity([
      { x: 90, n: 100 },
      { x: 80, n: 100 },
      { x: 0, n: 0 },
    ]);
    expect(result).toMatchObject({ k: 2, pooled: 0.85, df: 1 });
    expect(result.statistic).toBeCloseTo(50 / 12.75, 12);
    expect(result.pValue).toBeCloseTo(0.04767038065616147, 10);
    expect(result.minExpected).toBeCloseTo(15, 12);
  });

  it('returns nulls when the proportion does not vary or there is one group', () => {
    expect(chiSquareHomogeneity([{ x: 10, n: 10 }, { x: 5, n: 5 }]).statistic).toBeNull();
    expect(chiSquareHomogeneity([{ x: 3, n: 10 }]).statistic).toBeNull();
    expect(() => chiSquareHomogeneity([{ x: 11, n: 10 }])).toThrow(RangeError);
  });
});

describe('coefficientOfVariation', () => {
  it('matches a hand computation', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, Σ(x − 5)² = 32, s = √(32/7) = 2.13809, CV = 0.427618.
    const result = coefficientOfVariation([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(result).toMatchObject({ n: 8, mean: 5 });
    expect(result.standardDeviation).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(result.cv).toBeCloseTo(Math.sqrt(32 / 7) / 5, 12);
  });

  it('is for positive values only and null below two values', () => {
    expect(() => coefficientOfVariation([3, 0])).toThrow(RangeError);
    expect(() => coefficientOfVariation([3, -2])).toThrow(RangeError);
    expect(coefficientOfVariation([4])).toEqual({ n: 1, mean: 4, standardDeviation: null, cv: null });
    expect(coefficientOfVariation([])).toEqual({ n: 0, mean: null, standardDeviation: null, cv: null });
  });

  it('does not change with the unit of time', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.1, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 50 }), (seconds) => {
        const inSeconds = coefficientOfVariation(seconds).cv as number;
        expect(coefficientOfVariation(seconds.map((s) => s / 60)).cv).toBeCloseTo(inSeconds, 9);
      }),
    );
  });
});

describe('kruskalWallisFromRankSums', () => {
  it('gives what kruskalWallis gives from the groups’ sizes, rank sums and the tie sum', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 15 }), { minLength: 1, maxLength: 6 }), (groups) => {
        const direct = kruskalWallis(groups);
        const { ranks, tieSum } = midRanks(groups.flat());
        let offset = 0;
        const sums = groups.map((g) => {
          const rankSum = ranks.slice(offset, offset + g.length).reduce((a, b) => a + b, 0);
          offset += g.length;
          return { n: g.length, rankSum };
        });
        expect(kruskalWallisFromRankSums(sums, tieSum)).toEqual(direct);
      }),
    );
  });

  it('hand example: ranks 1–3 against 4–6 without ties gives H = 3.857 on 1 df', () => {
    // H = 12/(6·7)·(6²/3 + 15²/3) − 3·7 = (12/42)·(12 + 75) − 21 = 3.857142…
    const result = kruskalWallisFromRankSums([{ n: 3, rankSum: 6 }, { n: 3, rankSum: 15 }], 0);
    expect(result.h).toBeCloseTo(27 / 7, 12);
    expect(result.df).toBe(1);
    expect(result.tieCorrection).toBe(1);
  });
});
