import { describe, expect, it } from 'vitest';
import { limitLists, positiveOrNull, splitStratumKey, splitUnits, stratumKey } from './consistency-rules.ts';
import { DEFAULT_SERVICE_LEVEL_DEFINITIONS as D, describeDefinitions, type ServiceLevel, serviceLevel, slackMeets, type TicketOutcome } from './service-levels-rules.ts';
import { costOf, hoursOf, ratioOrNull } from './value-rules.ts';

describe('serviceLevel', () => {
  const t = (hasSla: boolean, breached: boolean, slackMet: boolean, csat: number | null): TicketOutcome => ({ hasSla, breached, slackMet, csat });
  it.each<[string, TicketOutcome, Partial<typeof D>, ServiceLevel]>([
    ['no clock, no answer', t(false, false, false, null), {}, 'unknown'],
    ['no clock, no answer, nothing required', t(false, false, false, null), { requireCsatToExceed: false }, 'unknown'],
    ['breach', t(true, true, false, 5), {}, 'below'],
    ['CSAT 2', t(true, false, true, 2), {}, 'below'],
    ['CSAT 2 with below ≤ 1', t(true, false, true, 2), { belowCsatMax: 1 }, 'met'],
    ['CSAT 1 without clocks', t(false, false, false, 1), {}, 'below'],
    ['slack and CSAT 5', t(true, false, true, 5), {}, 'exceeded'],
    ['slack, CSAT 4', t(true, false, true, 4), {}, 'met'],
    ['slack, CSAT 4, exceed from 4', t(true, false, true, 4), { exceedCsatMin: 4 }, 'exceeded'],
    ['little slack, CSAT 5', t(true, false, false, 5), {}, 'met'],
    ['slack, no answer', t(true, false, true, null), {}, 'met'],
    ['slack, no answer, answer not required', t(true, false, true, null), { requireCsatToExceed: false }, 'exceeded'],
    ['no clocks, CSAT 5', t(false, false, false, 5), {}, 'exceeded'],
    ['no clocks, CSAT 5, SLA required', t(false, false, false, 5), { requireSlaToExceed: true }, 'met'],
    ['CSAT 3', t(false, false, false, 3), {}, 'met'],
  ])('%s', (_, outcome, overrides, level) => {
    expect(serviceLevel(outcome, { ...D, ...overrides })).toBe(level);
  });

  it('judges slack against the ratio, inclusive, and never without an achieved clock', () => {
    expect(slackMeets(0.25, D)).toBe(true);
    expect(slackMeets(0.2499, D)).toBe(false);
    expect(slackMeets(null, D)).toBe(false);
    expect(slackMeets(0, { ...D, exceedSlackRatio: 0 })).toBe(true);
  });

  it('says the rules in words with the numbers used', () => {
    expect(describeDefinitions(D)).toEqual({
      below: 'An SLA target breached, or CSAT ≤ 2',
      met: 'Judged (an ended SLA clock or a CSAT answer), neither below nor exceeded',
      exceeded: 'Not below, every SLA clock achieved with at least 25% of its target left (or no SLA clock), and CSAT ≥ 5',
      unknown: 'No ended SLA clock and no CSAT answer: not judged, left out of the shares',
    });
    const other = describeDefinitions({ ...D, exceedSlackRatio: 0.125, requireSlaToExceed: true, requireCsatToExceed: false, exceedCsatMin: 4 });
    expect(other.exceeded).toBe('Not below, every SLA clock achieved with at least 12.5% of its target left, and CSAT ≥ 4 (or no answer)');
  });
});

describe('consistency rules', () => {
  it('splits units: no unit, below the minimum, included', () => {
    const split = splitUnits(
      [
        { unitId: 'a', n: 5 },
        { unitId: null, n: 40 },
        { unitId: 'b', n: 4 },
        { unitId: 'c', n: 100 },
      ],
      5,
    );
    expect(split.included.map((u) => u.unitId)).toEqual(['a', 'c']);
    expect(split.excluded.map((e) => [e.unit.unitId, e.reason])).toEqual([
      [null, 'no_unit'],
      ['b', 'n_below_minimum'],
    ]);
  });

  it.each([
    // charted sizes, excluded sizes, limit → kept charted, kept excluded, omitted
    [[3, 1, 2], [5], 10, [3, 2, 1], [5], 0],
    [[3, 1, 2], [5], 2, [3, 2], [], 2],
    [[3, 1], [5, 9, 7], 4, [3, 1], [9, 7], 1],
    [[], [], 500, [], [], 0],
  ])('limits lists to the largest units: %j + %j within %i', (charted, excluded, limit, keptCharted, keptExcluded, omitted) => {
    const result = limitLists(
      charted.map((n) => ({ n })),
      excluded.map((n) => ({ n })),
      limit,
    );
    expect(result.charted.map((u) => u.n)).toEqual(keptCharted);
    expect(result.excluded.map((u) => u.n)).toEqual(keptExcluded);
    expect(result.omitted).toBe(omitted);
  });

  it.each([
    [[1, 2], [1, 2]],
    [[1], null],
    [[0.5, 0], null],
    [[], null],
  ])('CV input of %j is %j', (values, expected) => {
    expect(positiveOrNull(values)).toEqual(expected);
  });

  it('round-trips stratum keys', () => {
    expect(splitStratumKey(stratumKey('high', 'web_form'))).toEqual({ priority: 'high', channel: 'web_form' });
  });
});

describe('value rules', () => {
  it.each([
    [5400, 40, 1.5, 60],
    [100 * 60, 30, 100 / 60, 50],
    [1, 0.01, 1 / 3600, 0],
    [0, 25, 0, 0],
  ])('%i s at %d/h: %d h, cost %d', (seconds, rate, hours, cost) => {
    expect(hoursOf(seconds)).toBeCloseTo(hours, 12);
    expect(costOf(hoursOf(seconds), rate)).toBe(cost);
  });

  it('has no cost without a rate and no ratio at n = 0', () => {
    expect(costOf(3, null)).toBeNull();
    expect(costOf(10 / 3, 1)).toBe(3.33);
    expect(ratioOrNull(1, 0)).toBeNull();
    expect(ratioOrNull(1, 4)).toBe(0.25);
  });
});
