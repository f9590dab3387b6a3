import { describe, expect, it } from 'vitest';
import { timeBuckets } from './time-buckets.ts';

describe('timeBuckets', () => {
  const cases = [
    {
      name: 'months in Bangkok (UTC+7): 1 February starts at 17:00 UTC the day before',
      unit: 'month' as const,
      zone: 'Asia/Bangkok',
      min: '2026-01-15T03:00:00Z',
      max: '2026-01-31T17:30:00Z',
      starts: ['2025-12-31T17:00:00.000Z', '2026-01-31T17:00:00.000Z'],
      labels: ['2026-01-01', '2026-02-01'],
    },
    {
      name: 'ISO weeks start on Monday',
      unit: 'week' as const,
      zone: 'UTC',
      min: '2026-03-04T10:00:00Z',
      max: '2026-03-10T10:00:00Z',
      starts: ['2026-03-02T00:00:00.000Z', '2026-03-09T00:00:00.000Z'],
      labels: ['2026-03-02', '2026-03-09'],
    },
    {
      name: 'days across a DST change in Prague',
      unit: 'day' as const,
      zone: 'Europe/Prague',
      min: '2026-03-28T12:00:00Z',
      max: '2026-03-29T12:00:00Z',
      starts: ['2026-03-27T23:00:00.000Z', '2026-03-28T23:00:00.000Z'],
      labels: ['2026-03-28', '2026-03-29'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const b = timeBuckets(c.unit, c.zone, new Date(c.min), new Date(c.max));
      expect(b.starts.map((d) => d.toISOString())).toEqual(c.starts);
      expect(b.labels).toEqual(c.labels);
    });
  }
});
