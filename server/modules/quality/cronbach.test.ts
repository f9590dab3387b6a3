import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cronbachAlpha } from './cronbach.ts';

describe('cronbachAlpha', () => {
  it('matches a hand computation', () => {
    // Items (columns) for 4 respondents. Item variances (n − 1): [1,2,3,4] → 5/3; [2,3,3,5] → 4.75/3;
    // [2,3,4,5] → 5/3; Σ = 14.75/3 = 4.91667. Row totals 5, 8, 10, 14: mean 9.25,
    // Σ(dev²) = 42.75 → s_T² = 14.25. α = 3/2·(1 − 4.91667/14.25) = 0.982456.
    const result = cronbachAlpha([
      [1, 2, 2],
      [2, 3, 3],
      [3, 3, 4],
      [4, 5, 5],
    ]);
    expect(result).toMatchObject({ items: 3, respondents: 4, excluded: 0, acceptable: true });
    expect(result.alpha).toBeCloseTo(1.5 * (1 - 14.75 / 3 / 14.25), 12);
    expect(result.alpha).toBeCloseTo(0.982456, 6);
  });

  it('can be negative for items that pull against each other', () => {
    // [1,2,3,4] and [3,4,1,2]: item variances 5/3 each; totals 4,6,4,6 → s_T² = 4/3;
    // α = 2·(1 − (10/3)/(4/3)) = 2·(1 − 2.5) = −3.
    const result = cronbachAlpha([
      [1, 3],
      [2, 4],
      [3, 1],
      [4, 2],
    ]);
    expect(result.alpha).toBeCloseTo(-3, 12);
    expect(result.acceptable).toBe(false);
  });

  it('drops rows with a missing item (listwise) and says how many', () => {
    const result = cronbachAlpha([[1, 2, 2], [2, 3, 3], [3, null, 4], [3, 3, 4], [4, 5, 5], [undefined, 1, 1]]);
    expect(result).toMatchObject({ items: 3, respondents: 4, excluded: 2 });
    expect(result.alpha).toBeCloseTo(0.982456, 6);
  });

  it('is null when undefined: one item, one respondent, or no variation', () => {
    expect(cronbachAlpha([])).toEqual({ alpha: null, items: 0, respondents: 0, excluded: 0, acceptable: null });
    expect(cronbachAlpha([[1], [2], [3]]).alpha).toBeNull();
    expect(cronbachAlpha([[1, 2, 3]]).alpha).toBeNull();
    expect(cronbachAlpha([[2, 2], [2, 2]]).alpha).toBeNull();
    expect(() => cronbachAlpha([[1, Number.NaN]])).toThrow(RangeError);
  });

  const matrix = fc.integer({ min: 2, max: 6 }).chain((k) =>
    fc.array(fc.array(fc.integer({ min: 1, max: 7 }), { minLength: k, maxLength: k }), { minLength: 2, maxLength: 40 }),
  );

  it('is at most 1, exactly 1 for identical items, and unchanged by shifting an item', () => {
    fc.assert(
      fc.property(matrix, fc.integer({ min: -5, max: 5 }), (rows, shift) => {
        const result = cronbachAlpha(rows);
        if (result.alpha === null) return;
        expect(result.alpha).toBeLessThanOrEqual(1 + 1e-12);
        const shifted = cronbachAlpha(rows.map((row) => row.map((value, i) => (i === 0 ? value + shift : value))));
        expect(shifted.alpha).toBeCloseTo(result.alpha, 9);
        const copies = cronbachAlpha(rows.map((row) => [row[0], row[0], row[0]]));
        if (copies.alpha !== null) expect(copies.alpha).toBeCloseTo(1, 12);
      }),
    );
  });
});
