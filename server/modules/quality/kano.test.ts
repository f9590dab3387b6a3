import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  KANO_ANSWERS,
  KANO_CATEGORIES,
  type KanoAnswer,
  type KanoCategory,
  type KanoPair,
  kanoCategory,
  kanoSummary,
} from './kano.ts';

/** One answer pair that maps to each category, to build samples with chosen counts. */
const PAIR_FOR: Record<KanoCategory, KanoPair> = {
  A: { functional: 'like', dysfunctional: 'neutral' },
  O: { functional: 'like', dysfunctional: 'dislike' },
  M: { functional: 'neutral', dysfunctional: 'dislike' },
  I: { functional: 'neutral', dysfunctional: 'neutral' },
  R: { functional: 'dislike', dysfunctional: 'like' },
  Q: { functional: 'like', dysfunctional: 'like' },
};

function sample(counts: Partial<Record<KanoCategory, number>>): KanoPair[] {
  return Object.entries(counts).flatMap(([category, count]) =>
    Array.from({ length: count }, () => PAIR_FOR[category as KanoCategory]),
  );
}

describe('kanoCategory', () => {
  // The spec's evaluation table, row by row (functional), columns like · expect · neutral · live with · dislike.
  const table: Record<KanoAnswer, string> = {
    like: 'Q A A A O',
    expect: 'R I I I M',
    neutral: 'R I I I M',
    live_with: 'R I I I M',
    dislike: 'R R R R Q',
  };

  it.each(KANO_ANSWERS)('maps the functional answer “%s” row as the spec’s table', (functional) => {
    expect(KANO_ANSWERS.map((dysfunctional) => kanoCategory(functional, dysfunctional)).join(' ')).toBe(table[functional]);
  });

  it('refuses an unknown answer', () => {
    expect(() => kanoCategory('love' as KanoAnswer, 'like')).toThrow(RangeError);
  });
});

describe('kanoSummary', () => {
  it('matches a hand-worked feature where the 5-point rule turns A into M', () => {
    // n = 40: A 13 (32.5%), M 12 (30%), O 8 (20%), I 4 (10%), R 2 (5%), Q 1 (2.5%).
    // The mode is A, but M is within 5 points, and M is preferred → M.
    const summary = kanoSummary(sample({ A: 13, M: 12, O: 8, I: 4, R: 2, Q: 1 }));
    expect(summary).toMatchObject({ n: 40, invalid: 0, category: 'M', closeCategories: ['M', 'A'] });
    expect(summary.percent).toEqual({ A: 32.5, O: 20, M: 30, I: 10, R: 5, Q: 2.5 });
    expect(summary.categoryStrength).toBeCloseTo(2.5, 12); // 32.5 − 30
    expect(summary.totalStrength).toBeCloseTo(82.5, 12); // 32.5 + 20 + 30
    // Better = (13 + 8)/(13 + 8 + 12 + 4) = 21/37; Worse = −(8 + 12)/37.
    expect(summary.better).toBeCloseTo(21 / 37, 12);
    expect(summary.worse).toBeCloseTo(-20 / 37, 12);
    // Fong: m1 = 13, m2 = 12; 1.65·√(25·(80 − 25)/80) = 1.65·√17.1875 = 6.8405 > |13 − 12| → not significant.
    expect(summary.fong).toMatchObject({ first: 'A', second: 'M', m1: 13, m2: 12, significant: false });
    expect(summary.fong?.threshold).toBeCloseTo(6.8405, 4);
    expect(summary.questionableRate).toBeCloseTo(1 / 40, 12);
  });

  it('treats exactly 5 points apart as within, and more as not', () => {
    // n = 20: one answer is 5 points. A 6 (30%) vs O 5 (25%) → O preferred; A 7 (35%) vs O 5 → A.
    expect(kanoSummary(sample({ A: 6, O: 5, I: 5, R: 4 })).category).toBe('O');
    expect(kanoSummary(sample({ A: 7, O: 5, I: 4, R: 4 })).category).toBe('A');
    expect(kanoSummary(sample({ A: 6, O: 5, I: 5, R: 4 }), { tieMargin: 0 }).category).toBe('A');
    // The full order M > O > A > I: O 6 (30%) vs M 5 (25%) → M; I 6 vs A 5 → A; A 6, O 5, M 5 → M.
    expect(kanoSummary(sample({ O: 6, M: 5, I: 5, R: 4 })).category).toBe('M');
    expect(kanoSummary(sample({ I: 6, A: 5, Q: 5, R: 4 })).category).toBe('A');
    expect(kanoSummary(sample({ A: 6, O: 5, M: 5, I: 4 })).closeCategories).toEqual(['M', 'O', 'A']);
  });

  it('flags a clear winner with the Fong test', () => {
    // A 30, I 10, n = 40: 1.65·√(40·40/80) = 1.65·√20 = 7.379 ≤ 20 → significant.
    const summary = kanoSummary(sample({ A: 30, I: 10 }));
    expect(summary).toMatchObject({ category: 'A', categoryStrength: 50, better: 0.75 });
    expect(Object.is(summary.worse, 0)).toBe(true);
    expect(summary.fong).toMatchObject({ first: 'A', second: 'I', significant: true });
    expect(summary.fong?.threshold).toBeCloseTo(1.65 * Math.sqrt(20), 12);
  });

  it('leaves Better and Worse undefined when only R and Q were given; shows a high Q rate', () => {
    const summary = kanoSummary(sample({ R: 3, Q: 5 }));
    expect(summary).toMatchObject({ category: 'Q', better: null, worse: null, questionableRate: 5 / 8 });
  });

  it('counts incomplete pairs as invalid and returns nulls with no valid pair', () => {
    const pairs = [
      { functional: 'like', dysfunctional: null },
      { functional: undefined, dysfunctional: 'like' },
      { functional: 'adore', dysfunctional: 'like' },
    ] as KanoPair[];
    expect(kanoSummary(pairs)).toEqual({
      n: 0,
      invalid: 3,
      counts: { A: 0, O: 0, M: 0, I: 0, R: 0, Q: 0 },
      percent: null,
      category: null,
      closeCategories: [],
      categoryStrength: null,
      totalStrength: null,
      better: null,
      worse: null,
      fong: null,
      questionableRate: null,
    });
  });

  const pairs = fc.array(
    fc.record({ functional: fc.constantFrom(...KANO_ANSWERS), dysfunctional: fc.constantFrom(...KANO_ANSWERS) }),
    { minLength: 1, maxLength: 200 },
  );

  it('keeps percentages summing to 100, Better in [0, 1], Worse in [−1, 0], category among the close ones', () => {
    fc.assert(
      fc.property(pairs, (sampled) => {
        const summary = kanoSummary(sampled);
        const percent = summary.percent as Record<KanoCategory, number>;
        expect(KANO_CATEGORIES.reduce((sum, c) => sum + percent[c], 0)).toBeCloseTo(100, 9);
        expect(summary.closeCategories).toContain(summary.category);
        expect(summary.categoryStrength).toBeGreaterThanOrEqual(0);
        const top = Math.max(...KANO_CATEGORIES.map((c) => percent[c]));
        expect(top - percent[summary.category as KanoCategory]).toBeLessThanOrEqual(5 + 1e-9);
        if (summary.better !== null) {
          expect(summary.better).toBeGreaterThanOrEqual(0);
          expect(summary.better).toBeLessThanOrEqual(1);
          expect(summary.worse).toBeGreaterThanOrEqual(-1);
          expect(summary.worse).toBeLessThanOrEqual(0);
        }
      }),
    );
  });
});
