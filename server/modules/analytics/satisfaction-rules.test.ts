import { describe, expect, it } from 'vitest';
import { byGap, cesScaleOf, cesStats, csatStats, needsTicket, npsStats, rescaleCes } from './satisfaction-rules.ts';

const counts = (entries: [number, number][]) => new Map(entries);

describe('csatStats (counts → CSAT % with its Wilson interval)', () => {
  it('170 of 200 satisfied is 85% in [79.39, 89.29] (quality.md example)', () => {
    const s = csatStats(counts([[5, 100], [4, 70], [2, 20], [1, 10]]));
    expect(s).toMatchObject({ n: 200, satisfied: 170, percent: 85, no_interval_reason: null, note: null, min_interval_n: 1 });
    expect(s.interval?.lower).toBeCloseTo(79.39, 2);
    expect(s.interval?.upper).toBeCloseTo(89.29, 2);
  });
  const cases: { name: string; counts: [number, number][]; n: number; satisfied: number; percent: number | null; reason: string | null }[] = [
    { name: 'no answers', counts: [], n: 0, satisfied: 0, percent: null, reason: 'no_responses' },
    { name: 'one answer already has an interval', counts: [[3, 1]], n: 1, satisfied: 0, percent: 0, reason: null },
    { name: 'all satisfied', counts: [[4, 2], [5, 3]], n: 5, satisfied: 5, percent: 100, reason: null },
    { name: 'answers outside 1–5 are left out', counts: [[0, 4], [6, 1], [5, 1]], n: 1, satisfied: 1, percent: 100, reason: null },
    { name: 'zero counts are ignored', counts: [[5, 0], [1, 2]], n: 2, satisfied: 0, percent: 0, reason: null },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const s = csatStats(counts(c.counts));
      expect(s).toMatchObject({ n: c.n, satisfied: c.satisfied, percent: c.percent, no_interval_reason: c.reason });
      expect(s.interval === null).toBe(c.n === 0);
    });
  }
});

describe('npsStats (counts → NPS with an interval from n = 30)', () => {
  const cases: { name: string; counts: [number, number][]; n: number; score: number | null; reason: string | null }[] = [
    { name: 'no answers', counts: [], n: 0, score: null, reason: 'no_responses' },
    { name: '29 answers: no interval', counts: [[10, 10], [8, 9], [3, 10]], n: 29, score: 0, reason: 'n_below_minimum' },
    { name: '30 answers: an interval', counts: [[10, 10], [8, 10], [3, 10]], n: 30, score: 0, reason: null },
    { name: 'all promoters', counts: [[9, 40]], n: 40, score: 100, reason: null },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const s = npsStats(counts(c.counts));
      expect(s).toMatchObject({ n: c.n, score: c.score, no_interval_reason: c.reason, min_interval_n: 30 });
      expect(s.interval === null).toBe(c.reason !== null);
      if (c.reason === 'n_below_minimum') expect(s.note).toBe(`${c.n} NPS answers: no interval is shown below n = 30.`);
    });
  }
  it('30 answers, 10/10/10: 0 ± 1.96·√(10000·(2/3)/30)', () => {
    const s = npsStats(counts([[10, 10], [7, 10], [0, 10]]));
    const half = 1.96 * Math.sqrt((10000 * (2 / 3)) / 30);
    expect(s.interval?.lower).toBeCloseTo(-half, 10);
    expect(s.interval?.upper).toBeCloseTo(half, 10);
  });
});

describe('CES', () => {
  const easy7 = cesScaleOf({ min: 1, max: 7, direction: 'higher_is_better' });
  const hard5 = cesScaleOf({ min: 1, max: 5, direction: 'higher_is_worse' });
  it('maps the survey scale direction', () => {
    expect(easy7).toEqual({ min: 1, max: 7, direction: 'higher_is_easier' });
    expect(hard5).toEqual({ min: 1, max: 5, direction: 'higher_is_harder' });
    expect(cesScaleOf(null)).toEqual({ min: 1, max: 7, direction: 'higher_is_easier' });
  });
  const rescales: [number, typeof easy7, number][] = [
    [1, easy7, 1],
    [7, easy7, 7],
    [1, hard5, 7],
    [5, hard5, 1],
    [3, hard5, 4],
    [4, hard5, 2.5],
    [3, { min: 1, max: 5, direction: 'higher_is_easier' }, 4],
  ];
  for (const [value, scale, expected] of rescales) {
    it(`rescales ${value} on ${scale.min}–${scale.max} ${scale.direction} to ${expected}`, () => expect(rescaleCes(value, scale)).toBeCloseTo(expected, 12));
  }
  it('one scale: the mean on it, standard deviation, no interval below 30', () => {
    const s = cesStats([{ scale: easy7, counts: counts([[7, 1], [6, 1], [3, 1], [5, 1], [2, 1]]) }]);
    expect(s).toMatchObject({ n: 5, mean: 4.6, rescaled: false, scale: easy7, interval: null, no_interval_reason: 'n_below_minimum' });
    expect(s.standard_deviation).toBeCloseTo(Math.sqrt(((7 - 4.6) ** 2 + (6 - 4.6) ** 2 + (3 - 4.6) ** 2 + (5 - 4.6) ** 2 + (2 - 4.6) ** 2) / 4), 10);
  });
  it('two surveys on the same scale merge without rescaling; from 30 answers the interval is mean ± 1.96·s/√n', () => {
    const s = cesStats([
      { scale: easy7, counts: counts([[6, 10], [4, 10]]) },
      { scale: { ...easy7 }, counts: counts([[5, 10]]) },
    ]);
    const sd = Math.sqrt((20 * 1) / 29);
    expect(s).toMatchObject({ n: 30, mean: 5, rescaled: false, no_interval_reason: null });
    expect(s.interval?.lower).toBeCloseTo(5 - (1.96 * sd) / Math.sqrt(30), 10);
    expect(s.interval?.upper).toBeCloseTo(5 + (1.96 * sd) / Math.sqrt(30), 10);
  });
  it('different scales: every answer rescaled onto 1–7, higher is easier, and a note', () => {
    const s = cesStats([
      { scale: easy7, counts: counts([[7, 1], [3, 1]]) },
      { scale: hard5, counts: counts([[1, 1], [4, 1], [9, 3]]) }, // 9 is outside 1–5: left out
    ]);
    expect(s).toMatchObject({ n: 4, mean: (7 + 3 + 7 + 2.5) / 4, rescaled: true, scale: { min: 1, max: 7, direction: 'higher_is_easier' } });
    expect(s.note).toContain('rescaled');
  });
  it('a survey whose answers are all zero counts does not make the scales mixed', () => {
    expect(cesStats([{ scale: hard5, counts: counts([[2, 0]]) }, { scale: easy7, counts: counts([[4, 2]]) }])).toMatchObject({ n: 2, mean: 4, rescaled: false, scale: easy7 });
  });
  it('no answers', () => {
    expect(cesStats([])).toMatchObject({ n: 0, mean: null, standard_deviation: null, interval: null, no_interval_reason: 'no_responses', rescaled: false });
  });
});

describe('byGap and needsTicket', () => {
  it('sorts items most negative first, ties by id, items without a gap last', () => {
    const items = [
      { id: 't1', gap: -1 / 3 },
      { id: 'x', gap: null },
      { id: 'r1', gap: -2.5 },
      { id: 'p1', gap: -1 / 3 },
      { id: 'e1', gap: 0.5 },
      { id: 'a', gap: null },
    ];
    expect(byGap(items).map((i) => i.id)).toEqual(['r1', 'p1', 't1', 'e1', 'a', 'x']);
  });
  const cases: [Parameters<typeof needsTicket>[0], boolean][] = [
    [{}, false],
    [{ group_by: 'team' }, false],
    [{ group_by: 'priority' }, true],
    [{ group_by: 'category' }, true],
    [{ priority: 'high' }, true],
    [{ category: 'billing' }, true],
    [{ tag: 'vip' }, true],
  ];
  for (const [query, expected] of cases) it(`needsTicket(${JSON.stringify(query)}) = ${expected}`, () => expect(needsTicket(query)).toBe(expected));
});
