import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csatSummary } from './csat.ts';
import { wilsonInterval } from './intervals.ts';

function repeat(value: number, times: number): number[] {
  return Array.from({ length: times }, () => value);
}

describe('csatSummary', () => {
  it('counts 4 and 5 as satisfied: 170 of 200 → 85% with the spec’s interval', () => {
    const ratings = [...repeat(5, 120), ...repeat(4, 50), ...repeat(3, 10), ...repeat(2, 10), ...repeat(1, 10)];
    const summary = csatSummary(ratings);
    expect(summary).toMatchObject({ n: 200, invalid: 0, satisfied: 170, csat: 0.85 });
    expect(summary.counts).toEqual({ 1: 10, 2: 10, 3: 10, 4: 50, 5: 120 });
    // Mean by hand: (120·5 + 50·4 + 10·3 + 10·2 + 10·1)/200 = 860/200 = 4.3.
    expect(summary.mean).toBeCloseTo(4.3, 12);
    expect(summary.interval?.lower).toBeCloseTo(0.7939, 4);
    expect(summary.interval?.upper).toBeCloseTo(0.8929, 4);
  });

  it('leaves out answers that are missing, fractional or outside 1–5, and says how many', () => {
    const summary = csatSummary([5, 4, 3, 2, 1, 5, 0, 6, 4.5, null, undefined, Number.NaN]);
    // Valid: 5,4,3,2,1,5 → satisfied 3 of 6, mean 20/6.
    expect(summary).toMatchObject({ n: 6, invalid: 6, satisfied: 3, csat: 0.5 });
    expect(summary.mean).toBeCloseTo(20 / 6, 12);
    expect(summary.interval).toEqual(wilsonInterval(3, 6));
  });

  it('returns nulls for no valid answer', () => {
    expect(csatSummary([])).toEqual({
      n: 0,
      invalid: 0,
      counts: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
      satisfied: 0,
      csat: null,
      mean: null,
      interval: null,
    });
  });

  it('keeps CSAT in [0, 1] inside its interval and the mean in [1, 5]', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 300 }), (ratings) => {
        const summary = csatSummary(ratings);
        const csat = summary.csat as number;
        expect(csat).toBeGreaterThanOrEqual(summary.interval?.lower as number);
        expect(csat).toBeLessThanOrEqual(summary.interval?.upper as number);
        expect(summary.mean).toBeGreaterThanOrEqual(1);
        expect(summary.mean).toBeLessThanOrEqual(5);
      }),
    );
  });
});
