import { describe, expect, it } from 'vitest';
import { type MatchableTicket, policyMatches, selectPolicy } from './policy-match.ts';
import type { PolicyConditions } from './policy-types.ts';

const GOLD = '01900000-0000-7000-8000-00000000a001';
const SILVER = '01900000-0000-7000-8000-00000000a002';
const ACME = '01900000-0000-7000-8000-00000000b001';
const TEAM = '01900000-0000-7000-8000-00000000c001';
const BRANCH = '01900000-0000-7000-8000-00000000d001';

const base: MatchableTicket = {
  priority: 'normal',
  tier_id: GOLD,
  organization_id: ACME,
  channel: 'email',
  category: 'Billing',
  team_id: TEAM,
  branch_id: BRANCH,
  tags: ['vip', 'printer'],
  custom_fields: { region: 'north', seats: 50, plan: ['pro', 'addon'], onsite: true },
};

describe('policyMatches', () => {
  const cases: { name: string; conditions: PolicyConditions; ticket?: Partial<MatchableTicket>; matches: boolean }[] = [
    { name: 'no conditions: the fallback matches every ticket', conditions: {}, matches: true },
    { name: 'no conditions matches a ticket with nothing set', conditions: {}, ticket: { tier_id: null, organization_id: null, category: null, tags: [], custom_fields: {} }, matches: true },
    { name: 'tier in the list', conditions: { tier_ids: [SILVER, GOLD] }, matches: true },
    { name: 'tier not in the list', conditions: { tier_ids: [SILVER] }, matches: false },
    { name: 'a ticket without a tier matches no tier list', conditions: { tier_ids: [GOLD] }, ticket: { tier_id: null }, matches: false },
    { name: 'an empty id list matches nothing', conditions: { tier_ids: [] }, matches: false },
    { name: 'organization', conditions: { organization_ids: [ACME] }, matches: true },
    { name: 'organization: none on the ticket', conditions: { organization_ids: [ACME] }, ticket: { organization_id: null }, matches: false },
    { name: 'priority: one of', conditions: { priorities: ['high', 'urgent'] }, ticket: { priority: 'urgent' }, matches: true },
    { name: 'priority: not listed', conditions: { priorities: ['high', 'urgent'] }, matches: false },
    { name: 'channel', conditions: { channels: ['chat', 'email'] }, matches: true },
    { name: 'channel not listed', conditions: { channels: ['chat'] }, matches: false },
    { name: 'category without regard to case', conditions: { categories: ['billing'] }, matches: true },
    { name: 'category: a ticket without one', conditions: { categories: ['billing'] }, ticket: { category: null }, matches: false },
    { name: 'category: another', conditions: { categories: ['Shipping'] }, matches: false },
    { name: 'team', conditions: { team_ids: [TEAM] }, matches: true },
    { name: 'team: unassigned ticket', conditions: { team_ids: [TEAM] }, ticket: { team_id: null }, matches: false },
    { name: 'branch', conditions: { branch_ids: [BRANCH] }, matches: true },
    { name: 'branch: another', conditions: { branch_ids: [TEAM] }, matches: false },
    { name: 'tags_any: one of them is enough', conditions: { tags_any: ['urgent', 'vip'] }, matches: true },
    { name: 'tags_any: none of them', conditions: { tags_any: ['urgent', 'outage'] }, matches: false },
    { name: 'tags_all: all present', conditions: { tags_all: ['vip', 'printer'] }, matches: true },
    { name: 'tags_all: one missing', conditions: { tags_all: ['vip', 'outage'] }, matches: false },
    { name: 'custom field: equal string', conditions: { custom_fields: { region: 'north' } }, matches: true },
    { name: 'custom field: one of several values', conditions: { custom_fields: { region: ['south', 'north'] } }, matches: true },
    { name: 'custom field: other value', conditions: { custom_fields: { region: 'south' } }, matches: false },
    { name: 'custom field: number compares exactly', conditions: { custom_fields: { seats: 50 } }, matches: true },
    { name: 'custom field: the string "50" is not the number 50', conditions: { custom_fields: { seats: '50' } }, matches: false },
    { name: 'custom field: boolean', conditions: { custom_fields: { onsite: true } }, matches: true },
    { name: 'custom field: a multi-valued field matches on any value', conditions: { custom_fields: { plan: 'addon' } }, matches: true },
    { name: 'custom field: missing on the ticket', conditions: { custom_fields: { tier: 'x' } }, matches: false },
    { name: 'custom field: inherited object keys are not fields', conditions: { custom_fields: { toString: 'x' } }, matches: false },
    { name: 'custom fields: every key must hold', conditions: { custom_fields: { region: 'north', onsite: false } }, matches: false },
    {
      name: 'across fields AND: all hold',
      conditions: { tier_ids: [GOLD], priorities: ['normal'], channels: ['email'], tags_any: ['vip'], custom_fields: { region: 'north' } },
      matches: true,
    },
    { name: 'across fields AND: one fails', conditions: { tier_ids: [GOLD], priorities: ['urgent'] }, matches: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(policyMatches(c.conditions, { ...base, ...c.ticket })).toBe(c.matches);
    });
  }
});

describe('selectPolicy', () => {
  const p = (id: string, position: number, conditions: PolicyConditions = {}) => ({ id, position, conditions });
  const gold = p('01900000-0000-7000-8000-000000000003', 1, { tier_ids: [GOLD] });
  const urgent = p('01900000-0000-7000-8000-000000000002', 2, { priorities: ['urgent'] });
  const fallback = p('01900000-0000-7000-8000-000000000001', 3);

  it('takes the first match by position, whatever the list order', () => {
    expect(selectPolicy([fallback, urgent, gold], { ...base, priority: 'urgent' })?.id).toBe(gold.id);
    expect(selectPolicy([fallback, urgent, gold], { ...base, tier_id: SILVER, priority: 'urgent' })?.id).toBe(urgent.id);
    expect(selectPolicy([fallback, urgent, gold], { ...base, tier_id: SILVER })?.id).toBe(fallback.id);
  });

  it('breaks a tie in position by id (the older policy)', () => {
    const older = p('01900000-0000-7000-8000-000000000010', 5);
    const newer = p('01900000-0000-7000-8000-000000000020', 5);
    expect(selectPolicy([newer, older], base)?.id).toBe(older.id);
    expect(selectPolicy([older, newer], base)?.id).toBe(older.id);
  });

  it('returns null when nothing matches (no fallback)', () => {
    expect(selectPolicy([gold, urgent], { ...base, tier_id: null })).toBeNull();
    expect(selectPolicy([], base)).toBeNull();
  });
});
