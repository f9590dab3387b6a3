import { describe, expect, it } from 'vitest';
import { localDate, mergeDeltas, responseDeltas, splitRange } from './survey-rollup.ts';

const keys = { team_id: 'T', agent_id: null, branch_id: null, channel: 'chat', tier_id: 'R' };
const iso = (d: Date | undefined) => d?.toISOString();

describe('survey rollup (pure)', () => {
  it.each([
    // zone, instant, local date
    ['Asia/Bangkok', '2026-01-31T16:59:59Z', '2026-01-31'],
    ['Asia/Bangkok', '2026-01-31T17:00:00Z', '2026-02-01'],
    ['UTC', '2026-01-31T23:59:59Z', '2026-01-31'],
    ['Europe/Prague', '2026-03-29T22:30:00Z', '2026-03-30'], // after the spring change (UTC+2)
    ['America/New_York', '2026-11-01T04:30:00Z', '2026-11-01'],
  ])('local date in %s of %s is %s', (zone, instant, expected) => {
    expect(localDate(zone, new Date(instant))).toBe(expected);
  });

  it.each([
    // from, to → whole days, edges
    ['2026-01-10T17:00:00Z', '2026-01-12T17:00:00Z', { first: '2026-01-11', last: '2026-01-12' }, []],
    ['2026-01-10T18:00:00Z', '2026-01-12T17:00:00Z', { first: '2026-01-12', last: '2026-01-12' }, [['2026-01-10T18:00:00.000Z', '2026-01-11T17:00:00.000Z']]],
    ['2026-01-10T17:00:00Z', '2026-01-12T20:00:00Z', { first: '2026-01-11', last: '2026-01-12' }, [['2026-01-12T17:00:00.000Z', '2026-01-12T20:00:00.000Z']]],
    ['2026-01-10T18:00:00Z', '2026-01-11T20:00:00Z', null, [['2026-01-10T18:00:00.000Z', '2026-01-11T20:00:00.000Z']]],
    ['2026-01-10T18:00:00Z', '2026-01-11T17:00:00Z', null, [['2026-01-10T18:00:00.000Z', '2026-01-11T17:00:00.000Z']]],
    [undefined, '2026-01-11T20:00:00Z', { first: null, last: '2026-01-11' }, [['2026-01-11T17:00:00.000Z', '2026-01-11T20:00:00.000Z']]],
    ['2026-01-10T18:00:00Z', undefined, { first: '2026-01-12', last: null }, [['2026-01-10T18:00:00.000Z', '2026-01-11T17:00:00.000Z']]],
    [undefined, undefined, { first: null, last: null }, []],
  ] as const)('Bangkok: [%s, %s) → %j whole days', (from, to, days, edges) => {
    const split = splitRange('Asia/Bangkok', from ? new Date(from) : undefined, to ? new Date(to) : undefined);
    expect(split.days).toEqual(days);
    expect(split.edges.map((e) => [iso(e.from), iso(e.to)])).toEqual(edges);
  });

  it('a DST day in Prague is whole from local midnight to local midnight (23 hours)', () => {
    const split = splitRange('Europe/Prague', new Date('2026-03-28T23:00:00Z'), new Date('2026-03-29T22:00:00Z'));
    expect(split).toEqual({ days: { first: '2026-03-29', last: '2026-03-29' }, edges: [] });
  });

  it('a new response counts once in every dimension and adds its scores; an edit moves only the scores', () => {
    const created = responseDeltas(keys, '2026-01-10', { csat: 4, ces: null, nps: null }, null);
    expect(created).toHaveLength(12); // 6 dimensions × (responses + csat)
    expect(created.filter((d) => d.dimension === 'team')).toEqual([
      { dimension: 'team', key: 'T', day: '2026-01-10', measure: 'csat', score: 4, n: 1 },
      { dimension: 'team', key: 'T', day: '2026-01-10', measure: 'responses', score: 0, n: 1 },
    ]);
    expect(created.find((d) => d.dimension === 'agent')?.key).toBe('');
    const edited = responseDeltas(keys, '2026-01-10', { csat: 2, ces: null, nps: null }, { csat: 4, ces: null, nps: null });
    expect(edited.filter((d) => d.dimension === '').map((d) => [d.measure, d.score, d.n])).toEqual([
      ['csat', 2, 1],
      ['csat', 4, -1],
    ]);
    expect(responseDeltas(keys, '2026-01-10', { csat: 4, ces: null, nps: null }, { csat: 4, ces: null, nps: null })).toEqual([]);
  });

  it('merges deltas of one counter and sorts them in key order (one lock order for every writer)', () => {
    const d = (key: string, n: number) => ({ dimension: 'team' as const, key, day: '2026-01-01', measure: 'csat' as const, score: 5, n });
    expect(mergeDeltas([d('b', 1), d('a', 1), d('b', 1), d('c', 1), d('c', -1)])).toEqual([d('a', 1), d('b', 2)]);
  });
});
