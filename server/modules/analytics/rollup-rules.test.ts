import { describe, expect, it } from 'vitest';
import {
  coverOf,
  dayPartsOf,
  dayStartOf,
  midnightDayOf,
  rollupSelection,
  slackBucketOf,
  slackThresholdBucket,
  weekOf,
} from './rollup-rules.ts';
import type { TicketFact } from './ticket-facts-rules.ts';
import { dayNumberOfIsoDate, isoDateOfDayNumber } from '../sla/zoned-time.ts';

const day = (date: string) => dayNumberOfIsoDate(date);

describe('rollup rules', () => {
  it('local days, ISO weeks and midnights in a zone', () => {
    expect(isoDateOfDayNumber(day('2026-03-04'))).toBe('2026-03-04');
    expect(isoDateOfDayNumber(weekOf(day('2026-03-04')))).toBe('2026-03-02'); // a Wednesday's Monday
    expect(isoDateOfDayNumber(weekOf(day('2026-03-02')))).toBe('2026-03-02');
    expect(isoDateOfDayNumber(weekOf(day('2026-03-08')))).toBe('2026-03-02'); // Sunday
    expect(new Date(dayStartOf('Asia/Bangkok', day('2026-03-02'))).toISOString()).toBe('2026-03-01T17:00:00.000Z');
    expect(midnightDayOf('Asia/Bangkok', new Date('2026-03-01T17:00:00Z'))).toBe(day('2026-03-02'));
    expect(midnightDayOf('Asia/Bangkok', new Date('2026-03-02T00:00:00Z'))).toBeNull();
    // Prague's spring change: the day of 29 March 2026 starts at 23:00 UTC the day before (UTC+1).
    expect(new Date(dayStartOf('Europe/Prague', day('2026-03-30'))).toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });

  it.each([
    { from: '2026-03-02', to: '2026-03-09', want: ['week 2026-03-02'] },
    { from: '2026-03-04', to: '2026-03-17', want: ['day 2026-03-04', 'day 2026-03-05', 'day 2026-03-06', 'day 2026-03-07', 'day 2026-03-08', 'week 2026-03-09', 'day 2026-03-16'] },
    { from: '2026-03-02', to: '2026-03-08', want: ['day 2026-03-02', 'day 2026-03-03', 'day 2026-03-04', 'day 2026-03-05', 'day 2026-03-06', 'day 2026-03-07'] },
    { from: '2026-03-02', to: '2026-03-02', want: [] },
  ])('covers [$from, $to) with whole weeks and the days around them', ({ from, to, want }) => {
    expect(coverOf(day(from), day(to)).map((p) => `${p.level} ${isoDateOfDayNumber(p.start)}`)).toEqual(want);
  });

  it.each([
    { group: null, filters: {}, want: { dim: 'all', keys: null } },
    { group: 'team', filters: {}, want: { dim: 'team', keys: null } },
    { group: null, filters: { teamId: 't1' }, want: { dim: 'team', keys: ['t1'] } },
    { group: 'team', filters: { teamId: 't1' }, want: { dim: 'team', keys: ['t1'] } },
    { group: null, filters: { tag: 'vip' }, want: { dim: 'tag', keys: ['vip'] } },
    { group: 'tag', filters: {}, want: { dim: 'tag', keys: null } },
    // Other tags of a vip ticket are groups too: only the facts know them.
    { group: 'tag', filters: { tag: 'vip' }, want: null },
    { group: 'team', filters: { priority: 'high' }, want: null },
    { group: null, filters: { priority: 'high', channel: 'email' }, want: null },
  ] as const)('answers group $group with filters $filters from $want', ({ group, filters, want }) => {
    expect(rollupSelection(group, filters)).toEqual(want);
  });

  it('slack ratios in hundredths; thresholds finer than that are not answered', () => {
    expect([0, 0.25, 0.29, 0.3, 1080 / 3600, 0.999, 1].map(slackBucketOf)).toEqual([0, 25, 29, 30, 30, 99, 100]);
    expect([0.25, 0.3, 0.1 + 0.2, 0.255, 0].map(slackThresholdBucket)).toEqual([25, 30, 30, null, 0]);
  });

  it('a fact adds to the days of its instants; the backlog opens and closes with its intervals', () => {
    const at = (iso: string) => new Date(iso);
    const base = {
      excluded: false,
      created_at: at('2026-03-02T10:00:00Z'),
      first_reply_at: at('2026-03-02T12:00:00Z'),
      next_reply_at: [at('2026-03-03T09:00:00Z'), at('2026-03-05T09:00:00Z')],
      first_solved_at: at('2026-03-03T10:00:00Z'),
      reopened_at: at('2026-03-04T10:00:00Z'),
      solved_at: null,
    } as unknown as TicketFact;
    const starts = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'].map((d) => Date.parse(`${d}T00:00:00Z`));
    const parts = dayPartsOf(base, starts);
    expect([...parts.keys()].sort()).toEqual([0, 1, 2, 3]);
    expect(parts.get(0)).toEqual({ created: true, firstReply: true, nextReplies: [], firstSolved: false, backlogDelta: 1 });
    expect(parts.get(1)).toEqual({ created: false, firstReply: false, nextReplies: [0], firstSolved: true, backlogDelta: -1 });
    expect(parts.get(2)?.backlogDelta).toBe(1);
    expect(parts.get(3)).toEqual({ created: false, firstReply: false, nextReplies: [1], firstSolved: false, backlogDelta: 0 });
    // Re-solved: the second interval closes; an excluded ticket only counts as created.
    expect(dayPartsOf({ ...base, solved_at: at('2026-03-05T10:00:00Z') }, starts).get(3)?.backlogDelta).toBe(-1);
    const excluded = dayPartsOf({ ...base, excluded: true }, starts);
    expect([...excluded.entries()]).toEqual([[0, { created: true, firstReply: false, nextReplies: [], firstSolved: false, backlogDelta: 0 }]]);
    // Instants outside the window are not anyone's day.
    expect(dayPartsOf(base, starts.slice(2)).get(0)?.backlogDelta).toBe(1);
  });
});
