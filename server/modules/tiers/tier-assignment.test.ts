import { describe, expect, it } from 'vitest';
import { assignTier, chooseTier, compareDecimals, type CustomerValue, type TierRule } from './tier-assignment.ts';

const tier = (id: string, rank: number, rules: Partial<Omit<TierRule, 'id' | 'rank'>> = {}): TierRule => ({
  id,
  rank,
  autoAssign: true,
  minAnnualRevenue: null,
  minMargin: null,
  minTicketsPerYear: null,
  ...rules,
});

const tiers: TierRule[] = [
  tier('platinum', 30, { minAnnualRevenue: '5000000', minMargin: '0.30' }),
  tier('gold', 20, { minAnnualRevenue: '1000000' }),
  tier('frequent', 15, { minTicketsPerYear: 12 }),
  tier('standard', 1, { minTicketsPerYear: 0 }),
  // Hand-tagging only: not auto-assigned, or no thresholds at all.
  tier('vip', 100, { autoAssign: false, minAnnualRevenue: '0' }),
  tier('partner', 50),
  tier('key-account', 40, { autoAssign: false }),
  tier('small-account', 5, { autoAssign: false }),
];

const value = (v: Partial<CustomerValue> = {}): CustomerValue => ({ annualRevenue: null, margin: null, ticketsLastYear: 0, organizationTierId: null, ...v });

describe('assignTier', () => {
  const cases: [string, CustomerValue, string | null, 'rule' | 'organization'][] = [
    ['a first contact with nothing known gets the zero-threshold default', value(), 'standard', 'rule'],
    ['revenue at the threshold meets it', value({ annualRevenue: '1000000' }), 'gold', 'rule'],
    ['revenue a cent below does not', value({ annualRevenue: '999999.99' }), 'standard', 'rule'],
    ['every set threshold must be met (margin too low)', value({ annualRevenue: '9000000', margin: '0.29' }), 'gold', 'rule'],
    ['all thresholds met: the highest rank wins', value({ annualRevenue: '9000000', margin: '0.3' }), 'platinum', 'rule'],
    ['an unknown margin does not meet a margin threshold', value({ annualRevenue: '9000000' }), 'gold', 'rule'],
    ['ticket volume at the threshold', value({ ticketsLastYear: 12 }), 'frequent', 'rule'],
    ['ticket volume below it', value({ ticketsLastYear: 11 }), 'standard', 'rule'],
    ['revenue outranks volume', value({ annualRevenue: '1000000', ticketsLastYear: 50 }), 'gold', 'rule'],
    ['an organization tier ranking higher applies (even if not auto-assign)', value({ annualRevenue: '1000000', organizationTierId: 'key-account' }), 'key-account', 'organization'],
    ['an organization tier ranking lower does not', value({ annualRevenue: '1000000', organizationTierId: 'small-account' }), 'gold', 'rule'],
    ['an organization tier beats the default', value({ organizationTierId: 'small-account' }), 'small-account', 'organization'],
    ['on equal rank the value tier is kept', value({ annualRevenue: '1000000', organizationTierId: 'gold' }), 'gold', 'rule'],
    ['an unknown organization tier is ignored', value({ organizationTierId: 'gone' }), 'standard', 'rule'],
  ];
  it.each(cases)('%s', (_name, customer, expected, source) => {
    expect(assignTier(tiers, customer)).toBe(expected);
    expect(chooseTier(tiers, customer)).toEqual({ tierId: expected, source });
  });

  it('never assigns a tier without thresholds or without auto-assign, and may assign none', () => {
    const handTagged = [tier('vip', 100, { autoAssign: false, minAnnualRevenue: '0' }), tier('partner', 50)];
    expect(assignTier(handTagged, value({ annualRevenue: '1', ticketsLastYear: 1000 }))).toBeNull();
    expect(assignTier([], value())).toBeNull();
    expect(chooseTier([], value())).toEqual({ tierId: null, source: 'rule' });
  });

  it('breaks rank ties by list order (the repository lists by rank, then id)', () => {
    const tied = [tier('a', 10, { minTicketsPerYear: 1 }), tier('b', 10, { minTicketsPerYear: 1 })];
    expect(assignTier(tied, value({ ticketsLastYear: 1 }))).toBe('a');
    expect(assignTier([...tied].reverse(), value({ ticketsLastYear: 1 }))).toBe('b');
  });
});

describe('compareDecimals', () => {
  const cases: [string, string, number][] = [
    ['1', '1', 0],
    ['1.0', '1', 0],
    ['001.50', '1.5', 0],
    ['-0', '0.00', 0],
    ['2', '10', -1],
    ['10', '9.999', 1],
    ['0.3', '0.29', 1],
    ['-1', '0', -1],
    ['-2', '-10', 1],
    ['-0.5', '-0.25', -1],
    ['12345678901234567890.01', '12345678901234567890.001', 1],
    ['9007199254740993', '9007199254740992', 1],
    ['1e+21', '999999999999999999999', 1],
    ['1e-7', '0.0000001', 0],
    ['1.5e3', '1500', 0],
  ];
  it.each(cases)('%s vs %s', (a, b, expected) => {
    expect(compareDecimals(a, b)).toBe(expected);
    expect(compareDecimals(b, a)).toBe(-expected || 0);
  });

  it('refuses what is not a decimal', () => {
    expect(() => compareDecimals('lots', '1')).toThrow('not a decimal');
  });
});
