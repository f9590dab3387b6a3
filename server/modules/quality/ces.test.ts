import { describe, expect, it } from 'vitest';
import { cesSummary } from './ces.ts';

describe('cesSummary', () => {
  it('averages CES 2.0 answers on 1–7', () => {
    // By hand: mean = (7+6+6+5+3+1)/6 = 28/6; deviations² from 14/3: 5.444, 1.778, 1.778, 0.111,
    // 2.778, 13.444 → Σ = 25.333; s² = 25.333/5 = 5.0667; s = 2.2509.
    const summary = cesSummary([7, 6, 6, 5, 3, 1]);
    expect(summary).toMatchObject({ n: 6, invalid: 0, scale: { min: 1, max: 7, direction: 'higher_is_easier' } });
    expect(summary.mean).toBeCloseTo(28 / 6, 12);
    expect(summary.easeMean).toBe(summary.mean);
    expect(summary.standardDeviation).toBeCloseTo(Math.sqrt(76 / 15), 12);
    expect(summary.counts).toEqual({ 1: 1, 2: 0, 3: 1, 4: 0, 5: 1, 6: 2, 7: 1 });
  });

  it('keeps an older reversed scale’s mean and orients easeMean so higher is easier', () => {
    // 1–5 "how much effort": answers 1, 2, 2 → mean 5/3; ease = 6 − 5/3 = 13/3.
    const summary = cesSummary([1, 2, 2, 6], { scale: { min: 1, max: 5, direction: 'higher_is_harder' } });
    expect(summary.n).toBe(3);
    expect(summary.invalid).toBe(1);
    expect(summary.mean).toBeCloseTo(5 / 3, 12);
    expect(summary.easeMean).toBeCloseTo(13 / 3, 12);
  });

  it('returns nulls for no answer and refuses a malformed scale', () => {
    expect(cesSummary([null, 8])).toMatchObject({ n: 0, invalid: 2, mean: null, easeMean: null, standardDeviation: null });
    expect(cesSummary([4]).standardDeviation).toBeNull();
    expect(() => cesSummary([1], { scale: { min: 7, max: 1, direction: 'higher_is_easier' } })).toThrow(RangeError);
  });
});
