import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { npsDifference, npsSummary } from './nps.ts';

function responses(promoters: number, passives: number, detractors: number): number[] {
  return [
    ...Array.from({ length: promoters }, (_, i) => (i % 2 === 0 ? 10 : 9)),
    ...Array.from({ length: passives }, (_, i) => (i % 2 === 0 ? 8 : 7)),
    ...Array.from({ length: detractors }, (_, i) => i % 7),
  ];
}

describe('npsSummary', () => {
  it('classifies 9–10 / 7–8 / 0–6 and counts passives in n', () => {
    const summary = npsSummary([10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(summary).toMatchObject({ n: 11, promoters: 2, passives: 2, detractors: 7 });
    expect(summary.nps).toBeCloseTo((100 * (2 - 7)) / 11, 12);
  });

  it('matches a hand computation of the variance and 95% interval at n = 50', () => {
    // P = 25, passives 15, D = 10: p = 0.5, d = 0.2, NPS = 30.
    // Var = 100²·(0.5 + 0.2 − 0.3²)/50 = 10000·0.61/50 = 122; SE = √122 = 11.04536;
    // CI = 30 ± 1.96·11.04536 = 30 ± 21.64891 → [8.35109, 51.64891].
    const summary = npsSummary(responses(25, 15, 10));
    expect(summary.nps).toBeCloseTo(30, 12);
    expect(summary.variance).toBeCloseTo(122, 10);
    expect(summary.standardError).toBeCloseTo(11.04536, 5);
    expect(summary.interval?.lower).toBeCloseTo(8.35109, 5);
    expect(summary.interval?.upper).toBeCloseTo(51.64891, 5);
  });

  it('shows no interval below n = 30 but keeps the variance', () => {
    const small = npsSummary(responses(15, 10, 4));
    expect(small.n).toBe(29);
    expect(small.interval).toBeNull();
    expect(small.variance).not.toBeNull();
    expect(npsSummary(responses(15, 10, 5)).interval).not.toBeNull();
    expect(npsSummary(responses(15, 10, 4), { minIntervalN: 10 }).interval).not.toBeNull();
  });

  it('clips the interval to [−100, 100]', () => {
    // p = 0.95, d = 0.025, n = 40: NPS 92.5, SE = 100·√((0.975 − 0.925²)/40) = 5.4629,
    // 92.5 + 1.96·5.4629 = 103.21 → clipped to 100; the lower end is untouched: 81.793.
    const summary = npsSummary(responses(38, 1, 1));
    expect(summary.nps).toBeCloseTo(92.5, 12);
    expect(summary.interval?.upper).toBe(100);
    expect(summary.interval?.lower).toBeCloseTo(92.5 - 1.96 * 100 * Math.sqrt((0.975 - 0.925 ** 2) / 40), 10);
  });

  it('leaves out answers outside 0–10 and returns nulls for none', () => {
    expect(npsSummary([11, -1, 7.5, null, undefined, 10])).toMatchObject({ n: 1, invalid: 5, nps: 100, variance: 0 });
    expect(npsSummary([])).toEqual({
      n: 0,
      invalid: 0,
      promoters: 0,
      passives: 0,
      detractors: 0,
      nps: null,
      variance: null,
      standardError: null,
      interval: null,
    });
  });

  it('has the variance of the mean of per-respondent scores +100 / 0 / −100, stays in [−100, 100]', () => {
    // Independent derivation: NPS is the mean of X ∈ {+100, 0, −100}; its variance is σ²/n with the
    // population variance σ² — computed here directly from the scores.
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 500 }), (scores) => {
        const summary = npsSummary(scores);
        const x = scores.map((s): number => (s >= 9 ? 100 : s >= 7 ? 0 : -100));
        const m = x.reduce((a, b) => a + b, 0) / x.length;
        const sigma2 = x.reduce((a, b) => a + (b - m) ** 2, 0) / x.length;
        expect(summary.nps).toBeCloseTo(m, 9);
        expect(summary.variance).toBeCloseTo(sigma2 / x.length, 6);
        expect(summary.nps).toBeGreaterThanOrEqual(-100);
        expect(summary.nps).toBeLessThanOrEqual(100);
        if (summary.interval) {
          expect(summary.interval.lower).toBeGreaterThanOrEqual(-100);
          expect(summary.interval.upper).toBeLessThanOrEqual(100);
          expect(summary.interval.lower).toBeLessThanOrEqual(summary.nps as number);
          expect(summary.interval.upper).toBeGreaterThanOrEqual(summary.nps as number);
        }
      }),
    );
  });
});

describe('npsDifference', () => {
  it('uses SE = √(Var₁ + Var₂) for independent surveys', () => {
    // a: NPS 30, Var 122 (above). b: P = 20, passives 20, D = 20 of 60: NPS 0,
    // Var = 10000·(1/3 + 1/3 − 0)/60 = 111.111. Difference 30, SE = √233.111 = 15.2680,
    // CI = 30 ± 29.9253; z = 1.96489 → two-sided p = 0.04943.
    const a = npsSummary(responses(25, 15, 10));
    const b = npsSummary(responses(20, 20, 20));
    const difference = npsDifference(a, b);
    expect(difference.difference).toBeCloseTo(30, 10);
    expect(difference.standardError).toBeCloseTo(Math.sqrt(122 + 10000 / 90), 10);
    expect(difference.interval?.lower).toBeCloseTo(30 - 1.96 * Math.sqrt(122 + 10000 / 90), 10);
    expect(difference.pValue).toBeCloseTo(0.04943, 4);
  });

  it('gives no interval unless both surveys reach n = 30, and nulls when one is empty', () => {
    const a = npsSummary(responses(25, 15, 10));
    expect(npsDifference(a, npsSummary(responses(5, 5, 5))).interval).toBeNull();
    expect(npsDifference(a, npsSummary([]))).toEqual({ difference: null, standardError: null, interval: null, pValue: null });
  });
});
