import { describe, expect, it } from 'vitest';
import { compareGroupKeys, groupCountIssue, MAX_GROUPS, percentileCont, periodIndex, periodsOf, rangeIssue, summarize } from './analytics-rules.ts';

describe('percentileCont (PostgreSQL percentile_cont)', () => {
  const cases: { name: string; values: number[]; fraction: number; expected: number | null }[] = [
    { name: 'no values', values: [], fraction: 0.5, expected: null },
    { name: 'one value', values: [7], fraction: 0.9, expected: 7 },
    { name: 'median of an odd count', values: [5, 1, 3], fraction: 0.5, expected: 3 },
    { name: 'median of an even count interpolates', values: [4, 1, 2, 3], fraction: 0.5, expected: 2.5 },
    { name: 'p90 of 1, 2, 5 (rank 1.8)', values: [1, 2, 5], fraction: 0.9, expected: 4.4 },
    { name: 'p90 of 1..10 (rank 8.1)', values: [10, 9, 8, 7, 6, 5, 4, 3, 2, 1], fraction: 0.9, expected: 9.1 },
    { name: 'fraction 0 is the minimum', values: [3, 9, 1], fraction: 0, expected: 1 },
    { name: 'fraction 1 is the maximum', values: [3, 9, 1], fraction: 1, expected: 9 },
    { name: 'ties', values: [2, 2, 2, 8], fraction: 0.5, expected: 2 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = percentileCont(c.values, c.fraction);
      if (c.expected === null) expect(got).toBeNull();
      else expect(got).toBeCloseTo(c.expected, 10);
    });
  }
  it('refuses a fraction outside [0, 1]', () => {
    expect(() => percentileCont([1], 1.5)).toThrow(RangeError);
  });
  it('summarize gives n, median, p90 and mean; nulls for none', () => {
    expect(summarize([])).toEqual({ n: 0, median: null, p90: null, mean: null });
    const s = summarize([1, 2, 5]);
    expect(s.n).toBe(3);
    expect(s.median).toBe(2);
    expect(s.p90).toBeCloseTo(4.4, 10);
    expect(s.mean).toBeCloseTo(8 / 3, 10);
  });
});

describe('periodsOf and periodIndex (periods of [from, to) in a zone)', () => {
  const cases = [
    {
      name: 'months in Bangkok: 1 February starts at 17:00 UTC on 31 January',
      unit: 'month' as const,
      zone: 'Asia/Bangkok',
      from: '2025-12-31T17:00:00Z',
      to: '2026-02-28T17:00:00Z',
      labels: ['2026-01-01', '2026-02-01'],
      starts: ['2025-12-31T17:00:00.000Z', '2026-01-31T17:00:00.000Z'],
      times: { '2026-01-31T16:59:59Z': 1, '2026-01-31T17:00:00Z': 2 },
    },
    {
      name: 'the same months in UTC',
      unit: 'month' as const,
      zone: 'UTC',
      from: '2026-01-01T00:00:00Z',
      to: '2026-03-01T00:00:00Z',
      labels: ['2026-01-01', '2026-02-01'],
      starts: ['2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'],
      times: { '2026-01-31T17:00:00Z': 1, '2026-02-01T00:00:00Z': 2 },
    },
    {
      name: 'ISO weeks from Monday; a range starting mid-week keeps its whole first week',
      unit: 'week' as const,
      zone: 'UTC',
      from: '2026-03-04T10:00:00Z',
      to: '2026-03-16T00:00:00Z',
      labels: ['2026-03-02', '2026-03-09'],
      starts: ['2026-03-02T00:00:00.000Z', '2026-03-09T00:00:00.000Z'],
      times: { '2026-03-08T23:59:59Z': 1, '2026-03-09T00:00:00Z': 2, '2026-03-15T23:59:59Z': 2 },
    },
    {
      name: 'days across the spring DST change in Prague (23-hour day)',
      unit: 'day' as const,
      zone: 'Europe/Prague',
      from: '2026-03-28T12:00:00Z',
      to: '2026-03-30T00:00:00Z',
      labels: ['2026-03-28', '2026-03-29', '2026-03-30'],
      starts: ['2026-03-27T23:00:00.000Z', '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z'],
      times: { '2026-03-29T21:59:59Z': 2, '2026-03-29T22:00:00Z': 3 },
    },
    {
      name: 'an exclusive end at a period start adds no period',
      unit: 'day' as const,
      zone: 'UTC',
      from: '2026-01-01T00:00:00Z',
      to: '2026-01-03T00:00:00Z',
      labels: ['2026-01-01', '2026-01-02'],
      starts: ['2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z'],
      times: { '2025-12-31T23:59:59Z': 0, '2026-01-02T12:00:00Z': 2 },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const p = periodsOf(c.unit, c.zone, new Date(c.from), new Date(c.to));
      expect(p.labels).toEqual(c.labels);
      expect(p.starts.map((d) => d.toISOString())).toEqual(c.starts);
      for (const [time, index] of Object.entries(c.times)) expect([time, periodIndex(p.starts, new Date(time))]).toEqual([time, index]);
    });
  }
});

describe('bounds', () => {
  const cases = [
    { name: 'a normal range', from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z', issue: null },
    { name: 'exactly two years', from: '2024-02-29T00:00:00Z', to: '2026-03-01T00:00:00Z', issue: null },
    { name: 'two years and a second', from: '2024-01-01T00:00:00Z', to: '2026-01-01T00:00:01Z', issue: 'querystring.to' },
    { name: 'to before from', from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z', issue: 'querystring.from' },
    { name: 'an empty range', from: '2026-02-01T00:00:00Z', to: '2026-02-01T00:00:00Z', issue: 'querystring.from' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(rangeIssue(new Date(c.from), new Date(c.to))?.path ?? null).toBe(c.issue);
    });
  }
  it('at most MAX_GROUPS groups', () => {
    expect(groupCountIssue(MAX_GROUPS)).toBeNull();
    expect(groupCountIssue(MAX_GROUPS + 1)?.path).toBe('querystring.group_by');
    // Two years by day is over the bound, by week it is not.
    expect(periodsOf('day', 'UTC', new Date('2024-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z')).starts.length).toBeGreaterThan(MAX_GROUPS);
    expect(periodsOf('week', 'UTC', new Date('2024-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z')).starts.length).toBeLessThanOrEqual(MAX_GROUPS);
  });
  it('orders period numbers numerically, values as text, null last', () => {
    expect(['10', null, '9', '1'].sort((a, b) => compareGroupKeys(a, b, true))).toEqual(['1', '9', '10', null]);
    expect(['b', null, 'a'].sort((a, b) => compareGroupKeys(a, b, false))).toEqual(['a', 'b', null]);
  });
});
