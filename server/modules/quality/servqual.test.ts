import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SERVQUAL_ITEMS,
  normalizeAllocation,
  SERVQUAL_DIMENSIONS,
  type ServqualDimension,
  type ServqualItem,
} from './servqual-items.ts';
import type { ServqualItemAnswer } from './servqual-answers.ts';
import { type ServqualResponse, servqualScores } from './servqual.ts';

const idsOf = (dimension: ServqualDimension) =>
  DEFAULT_SERVQUAL_ITEMS.filter((item) => item.dimension === dimension).map((item) => item.id);

/** Every item of the given dimensions answered with the same expectation and perception. */
function answers(
  spec: Partial<Record<ServqualDimension, ServqualItemAnswer>>,
): Record<string, ServqualItemAnswer> {
  const result: Record<string, ServqualItemAnswer> = {};
  for (const [dimension, answer] of Object.entries(spec)) {
    for (const id of idsOf(dimension as ServqualDimension)) result[id] = answer;
  }
  return result;
}

function dimension(scores: ReturnType<typeof servqualScores>, name: ServqualDimension) {
  const found = scores.dimensions.find((d) => d.dimension === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
}

describe('SERVQUAL item set', () => {
  it('has 22 items: tangibles 4, reliability 5, responsiveness 4, assurance 4, empathy 5', () => {
    expect(DEFAULT_SERVQUAL_ITEMS).toHaveLength(22);
    expect(SERVQUAL_DIMENSIONS.map((d) => idsOf(d).length)).toEqual([4, 5, 4, 4, 5]);
    expect(idsOf('reliability')).toEqual(['q5', 'q6', 'q7', 'q8', 'q9']);
    expect(DEFAULT_SERVQUAL_ITEMS.every((item) => !item.isReversed)).toBe(true);
  });
});

describe('servqualScores', () => {
  it('reproduces the spec’s example: dimension gaps −0.65, −1.10, −0.83, −0.70, −1.01 → −0.858', () => {
    // 100 respondents; within a dimension each gives every item the same gap (E = 6, P = 6 + g):
    // tangibles 65 at −1 and 35 at 0; reliability 10 at −2 and 90 at −1; responsiveness 83 at −1
    // and 17 at 0; assurance 70 at −1 and 30 at 0; empathy 1 at −2 and 99 at −1.
    const gap = (i: number, counts: [number, number][]): number => {
      let limit = 0;
      for (const [count, value] of counts) if (i < (limit += count)) return value;
      throw new Error('counts must cover 100');
    };
    const responses: ServqualResponse[] = Array.from({ length: 100 }, (_, i) => {
      const pair = (g: number) => ({ expectation: 6, perception: 6 + g });
      return {
        answers: answers({
          tangibles: pair(gap(i, [[65, -1], [35, 0]])),
          reliability: pair(gap(i, [[10, -2], [90, -1]])),
          responsiveness: pair(gap(i, [[83, -1], [17, 0]])),
          assurance: pair(gap(i, [[70, -1], [30, 0]])),
          empathy: pair(gap(i, [[1, -2], [99, -1]])),
        }),
      };
    });
    const scores = servqualScores(responses);
    expect(scores.dimensions.map((d) => d.gap?.toFixed(2))).toEqual(['-0.65', '-1.10', '-0.83', '-0.70', '-1.01']);
    expect(scores.unweighted).toBeCloseTo(-0.858, 12);
    // Not the mean of the 22 items, which weights the five-item dimensions more: −19.27/22 = −0.8759.
    const itemMean = scores.items.reduce((sum, item) => sum + (item.gap as number), 0) / 22;
    expect(itemMean).toBeCloseTo(-19.27 / 22, 12);
    expect(scores.dimensions.every((d) => d.respondents === 100 && d.incompleteRespondents === 0)).toBe(true);
  });

  // Hand-worked sample with partial answers and every kind of allocation (see the comments).
  const sample: ServqualResponse[] = [
    // A: everything E 6 / P 5 (gap −1) except reliability P 3 (gap −3). Weights sum to 100.
    {
      answers: answers({
        tangibles: { expectation: 6, perception: 5 },
        reliability: { expectation: 6, perception: 3 },
        responsiveness: { expectation: 6, perception: 5 },
        assurance: { expectation: 6, perception: 5 },
        empathy: { expectation: 6, perception: 5 },
      }),
      weights: { tangibles: 10, reliability: 40, responsiveness: 20, assurance: 20, empathy: 10 },
    },
    // B: half the items. q1, q2 gap +2; q5 gap −3; responsiveness all gap 0; q14 gap +1; no empathy.
    // Weights 1/1/2 → renormalized to 25/25/50.
    {
      answers: {
        q1: { expectation: 4, perception: 6 },
        q2: { expectation: 4, perception: 6 },
        q5: { expectation: 7, perception: 4 },
        ...answers({ responsiveness: { expectation: 5, perception: 5 } }),
        q14: { expectation: 5, perception: 6 },
      },
      weights: { tangibles: 1, reliability: 1, responsiveness: 2 },
    },
    // C: every gap 0, but q1's perception 9 is out of scale and q99 is not an item. All-zero weights.
    {
      answers: {
        ...answers(Object.fromEntries(SERVQUAL_DIMENSIONS.map((d) => [d, { expectation: 5, perception: 5 }]))),
        q1: { expectation: 5, perception: 9 },
        q99: { expectation: 5, perception: 5 },
      },
      weights: { tangibles: 0 },
    },
    // D: tangibles only, gap 0, but all 100 points on empathy, which D did not answer.
    { answers: answers({ tangibles: { expectation: 7, perception: 7 } }), weights: { empathy: 100 } },
    // E: nothing answered, a negative allocation. F: nothing at all.
    { answers: {}, weights: { tangibles: -5, reliability: 105 } },
    { answers: {} },
  ];

  it('scores dimensions from the items answered and reports incomplete respondents', () => {
    const scores = servqualScores(sample);
    // Tangibles: A −1, B +2 (2 of 4 items), C 0 (q1 invalid → 3 of 4), D 0 → 1/4.
    expect(dimension(scores, 'tangibles')).toMatchObject({ respondents: 4, incompleteRespondents: 2 });
    expect(dimension(scores, 'tangibles').gap).toBeCloseTo(0.25, 12);
    // Reliability: A −3, B −3 (1 of 5), C 0 → −2.
    expect(dimension(scores, 'reliability')).toMatchObject({ gap: -2, respondents: 3, incompleteRespondents: 1 });
    // Responsiveness: A −1, B 0, C 0 → −1/3. Assurance: A −1, B +1 (1 of 4), C 0 → 0. Empathy: A −1, C 0.
    expect(dimension(scores, 'responsiveness').gap).toBeCloseTo(-1 / 3, 12);
    expect(dimension(scores, 'assurance')).toMatchObject({ gap: 0, incompleteRespondents: 1 });
    expect(dimension(scores, 'empathy')).toMatchObject({ gap: -0.5, respondents: 2 });
    // (0.25 − 2 − 1/3 + 0 − 0.5)/5 = −0.516667.
    expect(scores.unweighted).toBeCloseTo((0.25 - 2 - 1 / 3 - 0.5) / 5, 12);
    expect(scores).toMatchObject({ respondents: 6, invalidAnswers: 1, unknownItemAnswers: 1 });
  });

  it('scores items: E and P over whoever answered them, the gap over whoever answered both', () => {
    const q1 = servqualScores(sample).items.find((item) => item.id === 'q1');
    // E: A 6, B 4, C 5, D 7 → 5.5. P: A 5, B 6, D 7 → 6 (C's 9 is out). Gaps: −1, +2, 0 → 1/3.
    expect(q1).toMatchObject({ dimension: 'tangibles', expectation: 5.5, perception: 6, n: 3 });
    expect(q1?.gap).toBeCloseTo(1 / 3, 12);
  });

  it('weights by each respondent’s renormalized allocation and drops the others from that score only', () => {
    const { weighted } = servqualScores(sample);
    // A: 0.1·−1 + 0.4·−3 + 0.2·−1 + 0.2·−1 + 0.1·−1 = −1.8. B: 0.25·2 + 0.25·−3 + 0.5·0 = −0.25.
    expect(weighted.score).toBeCloseTo((-1.8 - 0.25) / 2, 12);
    expect(weighted).toMatchObject({
      respondents: 2,
      renormalized: 1,
      excluded: { missing: 1, all_zero: 1, invalid: 1, missing_dimension: 1 },
    });
    expect(weighted.meanWeights).toEqual({
      tangibles: 17.5,
      reliability: 32.5,
      responsiveness: 35,
      assurance: 10,
      empathy: 5,
    });
  });

  it('computes SERVPERF as the mean over respondents of their mean perception', () => {
    const { servperf } = servqualScores(sample);
    // A: (17·5 + 5·3)/22; B: (6 + 6 + 4 + 4·5 + 6)/8 = 5.25; C: 21 items at 5 → 5; D: 7.
    expect(servperf.respondents).toBe(4);
    expect(servperf.score).toBeCloseTo((100 / 22 + 5.25 + 5 + 7) / 4, 12);
  });

  it('scores a reversed item as 8 − x, and averages only the dimensions the item set has', () => {
    const items: ServqualItem[] = [
      { id: 'a', dimension: 'tangibles', isReversed: true },
      { id: 'b', dimension: 'tangibles', isReversed: false },
    ];
    // a: E 2 → 6, P 6 → 2, gap −4. b: gap +1. Tangibles = −1.5.
    const scores = servqualScores(
      [{ answers: { a: { expectation: 2, perception: 6 }, b: { expectation: 5, perception: 6 } } }],
      { items },
    );
    expect(scores.items.map((item) => [item.expectation, item.perception, item.gap])).toEqual([
      [6, 2, -4],
      [5, 6, 1],
    ]);
    expect(scores.dimensions).toHaveLength(1);
    expect(scores.unweighted).toBe(-1.5);
  });

  it('reports Cronbach’s α per dimension on perceptions, expectations and gaps', () => {
    const items: ServqualItem[] = ['a', 'b', 'c'].map((id) => ({ id, dimension: 'empathy', isReversed: false }));
    // Perceptions are the matrix of cronbach.test.ts (α = 0.982456); E is a constant 4, so the gaps
    // P − 4 have the same α and the expectations have no variance (α undefined).
    const perceptions = [
      [1, 2, 2],
      [2, 3, 3],
      [3, 3, 4],
      [4, 5, 5],
    ];
    const responses = perceptions.map((row) => ({
      answers: Object.fromEntries(items.map((item, i) => [item.id, { expectation: 4, perception: row[i] }])),
    }));
    const { reliability } = dimension(servqualScores(responses, { items }), 'empathy');
    expect(reliability.perception.alpha).toBeCloseTo(0.982456, 6);
    expect(reliability.gap.alpha).toBeCloseTo(0.982456, 6);
    expect(reliability.gap.acceptable).toBe(true);
    expect(reliability.expectation).toMatchObject({ alpha: null, respondents: 4 });
  });

  it('classifies the three-column form against the zone of tolerance', () => {
    const row = (adequate: number, desired: number, perception: number) => ({
      answers: answers({ tangibles: { adequate, desired, perception } }),
    });
    // Respondents: below (P 3 < A 4), within (3 ≤ 5 ≤ 6), above (P 6 > D 5).
    // Means: A 10/3, D 17/3, P 14/3 → adequacy gap +4/3, superiority gap −1 → within tolerance.
    const scores = servqualScores([row(4, 6, 3), row(3, 6, 5), row(3, 5, 6)]);
    const tolerance = dimension(scores, 'tangibles').tolerance;
    expect(tolerance).toMatchObject({
      respondents: 3,
      zone: 'within_tolerance',
      respondentZones: { below_adequate: 1, within_tolerance: 1, above_desired: 1 },
    });
    expect(tolerance?.adequacyGap).toBeCloseTo(4 / 3, 12);
    expect(tolerance?.superiorityGap).toBeCloseTo(-1, 12);
    expect(dimension(scores, 'empathy').tolerance).toBeNull();
    expect(servqualScores([row(5, 6, 4)]).dimensions[0]?.tolerance?.zone).toBe('below_adequate');
    expect(servqualScores([row(3, 5, 7)]).dimensions[0]?.tolerance?.zone).toBe('above_desired');
    // No expectations were asked: no gaps, no SERVQUAL score.
    expect(scores.unweighted).toBeNull();
  });

  it('returns nulls, not a crash, for no responses and for malformed ones', () => {
    const empty = servqualScores([]);
    expect(empty).toMatchObject({ respondents: 0, unweighted: null, servperf: { score: null, respondents: 0 } });
    expect(empty.weighted).toMatchObject({ score: null, respondents: 0, meanWeights: null });
    expect(empty.dimensions.every((d) => d.gap === null && d.reliability.gap.alpha === null)).toBe(true);
    const malformed = servqualScores([
      { answers: null as never },
      { answers: { q1: { expectation: 'x' as never, perception: 2.5 } } },
    ]);
    expect(malformed).toMatchObject({ respondents: 2, invalidAnswers: 2, unweighted: null });
    expect(() => servqualScores([], { items: [...DEFAULT_SERVQUAL_ITEMS, DEFAULT_SERVQUAL_ITEMS[0] as ServqualItem] })).toThrow(
      RangeError,
    );
  });
});

describe('normalizeAllocation', () => {
  it.each([
    [{ tangibles: 20, reliability: 20, responsiveness: 20, assurance: 20, empathy: 20 }, 'ok'],
    [{ tangibles: 33.3, reliability: 33.3, responsiveness: 33.4 }, 'ok'],
    [{ tangibles: 50, reliability: 100 }, 'renormalized'],
    [{ tangibles: 0, empathy: 0 }, 'all_zero'],
    [{}, 'all_zero'],
    [{ tangibles: -1, empathy: 101 }, 'invalid'],
    [{ tangibles: Number.POSITIVE_INFINITY }, 'invalid'],
    [{ price: 100 }, 'invalid'],
    [null, 'missing'],
  ])('%o → %s', (weights, status) => {
    const result = normalizeAllocation(weights as never);
    expect(result.status).toBe(status);
    if (result.weights) {
      expect(Object.values(result.weights).reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
    }
  });

  it('scales to 100 keeping proportions', () => {
    expect(normalizeAllocation({ tangibles: 50, reliability: 100, empathy: 50 }).weights).toEqual({
      tangibles: 25,
      reliability: 50,
      responsiveness: 0,
      assurance: 0,
      empathy: 25,
    });
  });
});
