import { describe, expect, it } from 'vitest';
import { normalizeCalendarDefinition, type NormalizedCalendarDefinition } from '../sla/calendar.ts';
import { computeClocks } from '../sla/clocks/compute-clocks.ts';
import type { ClockInstance, ClockTicketState } from '../sla/clocks/clock-types.ts';
import { history } from '../sla/clocks/test-history.ts';
import { newYorkOffice } from '../sla/test-calendars.ts';
import { compilePolicies } from './policy-compile.ts';
import { createClockPolicyResolver } from './policy-resolver.ts';
import type { StoredPolicy } from './policy-types.ts';

/**
 * The compile step (stored policies + calendars → ClockPolicy objects) and the resolver over it,
 * driven through the clock engine. Times: week of Mon 2024-03-11, New York (EDT, UTC−4).
 */
const NY_CAL = '01900000-0000-7000-8000-0000000ca101';
const CLOSED_CAL = '01900000-0000-7000-8000-0000000ca102';
const GONE_CAL = '01900000-0000-7000-8000-0000000ca1ff';
const GOLD = '01900000-0000-7000-8000-00000000a001';
const GONE_TIER = '01900000-0000-7000-8000-00000000a0ff';

const calendars = new Map<string, NormalizedCalendarDefinition>([
  [NY_CAL, normalizeCalendarDefinition(newYorkOffice)],
  // The API refuses such a calendar; a stored one may predate that rule.
  [CLOSED_CAL, { timeZone: 'America/New_York', alwaysOpen: false, weeklyHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, shifts: [], breaks: [], holidays: [] }],
]);

function policy(id: string, position: number, fields: Partial<StoredPolicy>): StoredPolicy {
  return { id, name: id, position, active: true, conditions: {}, targets: {}, pause_statuses: {}, solve_while_waiting: 'fulfil', escalation_rules: [], ...fields };
}

const business = (minutes: number) => ({ minutes, mode: 'business' as const, calendar_id: NY_CAL });
const elapsed = (minutes: number) => ({ minutes, mode: 'calendar' as const });

const goldUrgent = policy('01900000-0000-7000-8000-000000000001', 1, {
  conditions: { tier_ids: [GOLD], priorities: ['urgent', 'high'] },
  targets: { urgent: { first_reply: business(60), resolution: business(240) }, high: { first_reply: business(120) } },
  pause_statuses: { resolution: ['pending', 'on_hold'] },
  solve_while_waiting: 'cancel',
});
const fallback = policy('01900000-0000-7000-8000-000000000002', 2, {
  targets: { urgent: { first_reply: elapsed(120) }, normal: { first_reply: elapsed(480), chat_greet: { seconds: 60, mode: 'calendar' } } },
});

const mon = (t: string) => `2024-03-11T${t}:00-04:00`;
const tue = (t: string) => `2024-03-12T${t}:00-04:00`;
const iso = (s: string) => new Date(s).toISOString();
const dueOf = (clocks: ClockInstance[], metric: string) => clocks.find((c) => c.metric === metric)?.due_at?.toISOString() ?? null;

const state = (over: Partial<ClockTicketState> = {}): ClockTicketState => ({
  status: 'new',
  priority: 'normal',
  tier_id: null,
  channel: 'email',
  team_id: null,
  branch_id: null,
  assignee_id: null,
  organization_id: null,
  category: null,
  tags: [],
  custom_fields: {},
  ...over,
});

describe('compilePolicies', () => {
  it('turns minutes and seconds into seconds, and compiles each calendar once for all its targets', () => {
    const { policies, issues } = compilePolicies({ policies: [goldUrgent, fallback], calendars, liveIds: null });
    expect(issues).toEqual([]);
    expect(policies.map((p) => p.id)).toEqual([goldUrgent.id, fallback.id]);
    const gold = policies[0]?.clock;
    const urgent = gold?.targets.urgent ?? [];
    expect(urgent.map((t) => [t.metric, t.seconds, t.mode])).toEqual([
      ['first_reply', 3600, 'business'],
      ['resolution', 14_400, 'business'],
    ]);
    const calendarsUsed = [...urgent, ...(gold?.targets.high ?? [])].map((t) => (t.mode === 'business' ? t.calendar : null));
    expect(calendarsUsed[0]?.timeZone).toBe('America/New_York');
    expect(calendarsUsed[1]).toBe(calendarsUsed[0]);
    expect(calendarsUsed[2]).toBe(calendarsUsed[0]);
    expect(gold?.pauseStatuses).toEqual({ resolution: ['pending', 'on_hold'] });
    expect(gold?.solveWhileWaiting).toBe('cancel');
    expect(policies[1]?.clock.targets.normal?.map((t) => [t.metric, t.seconds, t.mode])).toEqual([
      ['first_reply', 28_800, 'calendar'],
      ['chat_greet', 60, 'calendar'],
    ]);
  });

  it('leaves out a policy whose business calendar is deleted or never open, naming the field', () => {
    const broken = policy('01900000-0000-7000-8000-000000000003', 1, {
      targets: { urgent: { first_reply: { minutes: 30, mode: 'business', calendar_id: GONE_CAL } } },
    });
    const closed = policy('01900000-0000-7000-8000-000000000004', 1, {
      targets: { low: { resolution: { minutes: 30, mode: 'business', calendar_id: CLOSED_CAL } } },
    });
    const { policies, issues } = compilePolicies({ policies: [broken, closed, fallback], calendars, liveIds: null });
    expect(policies.map((p) => p.id)).toEqual([fallback.id]);
    expect(issues).toEqual([
      { policy_id: broken.id, path: 'targets.urgent.first_reply.calendar_id', message: expect.stringContaining('no longer exists'), skipped: true },
      { policy_id: closed.id, path: 'targets.low.resolution.calendar_id', message: expect.stringContaining('no open hours'), skipped: true },
    ]);
    // The ticket gets the next matching policy's clocks rather than none.
    const resolver = createClockPolicyResolver(policies, issues);
    expect(resolver.policyIdFor('urgent', null, state({ priority: 'urgent' }))).toBe(fallback.id);
    expect(resolver.issues).toHaveLength(2);
  });

  it('a deleted tier in the conditions matches nothing any more; the rest of the list still does', () => {
    const both = policy('01900000-0000-7000-8000-000000000005', 1, { conditions: { tier_ids: [GONE_TIER, GOLD] } });
    const onlyGone = policy('01900000-0000-7000-8000-000000000006', 0, { conditions: { tier_ids: [GONE_TIER] } });
    const { policies, issues } = compilePolicies({ policies: [onlyGone, both, fallback], calendars, liveIds: new Set([GOLD]) });
    expect(issues.map((i) => [i.policy_id, i.path, i.skipped])).toEqual([
      [onlyGone.id, 'conditions.tier_ids', false],
      [both.id, 'conditions.tier_ids', false],
    ]);
    expect(issues[0]?.message).toContain('matches no ticket');
    const resolver = createClockPolicyResolver(policies, issues);
    // History may still carry the deleted tier's id: it no longer picks the policy that named it.
    expect(resolver.policyIdFor('normal', GONE_TIER, state({ tier_id: GONE_TIER }))).toBe(fallback.id);
    expect(resolver.policyIdFor('normal', GOLD, state({ tier_id: GOLD }))).toBe(both.id);
  });
});

describe('clock policy resolver', () => {
  const { policies } = compilePolicies({ policies: [fallback, goldUrgent], calendars, liveIds: null });
  const resolver = createClockPolicyResolver(policies);

  it('Gold/urgent gets the Gold targets in business time on its calendar; others the fallback in elapsed time', () => {
    // Created Mon 16:30: 30 business minutes left on Monday, the other 30 on Tuesday from 09:00.
    const gold = history(mon('16:30'), { priority: 'urgent', tier: GOLD }).events;
    const goldClocks = computeClocks(gold, resolver.policyFor, new Date(mon('17:00')));
    expect(goldClocks.map((c) => c.metric)).toEqual(['first_reply', 'resolution']);
    expect(dueOf(goldClocks, 'first_reply')).toBe(iso(tue('09:30')));
    expect(dueOf(goldClocks, 'resolution')).toBe(iso(tue('12:30')));

    const plain = history(mon('16:30'), { priority: 'urgent', tier: null }).events;
    const plainClocks = computeClocks(plain, resolver.policyFor, new Date(mon('17:00')));
    expect(plainClocks.map((c) => c.metric)).toEqual(['first_reply']);
    expect(dueOf(plainClocks, 'first_reply')).toBe(iso(mon('18:30')));

    // Gold but normal priority: the Gold policy's priorities do not match, the fallback does.
    const goldNormal = history(mon('16:30'), { priority: 'normal', tier: GOLD }).events;
    expect(dueOf(computeClocks(goldNormal, resolver.policyFor, new Date(mon('17:00'))), 'first_reply')).toBe(iso(tue('00:30')));
  });

  it('names the policy that matched, and returns one ClockPolicy object per policy', () => {
    const urgentGold = state({ priority: 'urgent', tier_id: GOLD });
    const highGold = state({ priority: 'high', tier_id: GOLD });
    expect(resolver.policyIdFor('urgent', GOLD, urgentGold)).toBe(goldUrgent.id);
    expect(resolver.policyIdFor('normal', GOLD, state({ tier_id: GOLD }))).toBe(fallback.id);
    expect(resolver.policyFor('urgent', GOLD, urgentGold)).toBe(resolver.policyFor('high', GOLD, highGold));
    expect(resolver.policyFor('urgent', GOLD, urgentGold)).toBe(resolver.policyFor('urgent', GOLD, { ...urgentGold }));
    // The arguments win over the state they came with.
    expect(resolver.policyIdFor('low', GOLD, urgentGold)).toBe(fallback.id);
    expect(resolver.policyIdFor('urgent', GOLD, urgentGold)).toBe(goldUrgent.id);
  });

  it("gives each policy's escalation rule offsets per metric, in seconds, ascending", () => {
    const withRules = policy('01900000-0000-7000-8000-000000000008', 1, {
      escalation_rules: [
        { metric: 'first_reply', offset_minutes: 30, actions: [{ type: 'raise_priority' }] },
        { metric: 'first_reply', offset_minutes: -15, actions: [{ type: 'notify', to: 'assignee' }] },
        { metric: 'resolution', offset_minutes: 0, actions: [{ type: 'add_tag', tag: 'late' }] },
        { metric: 'first_reply', offset_minutes: -60, actions: [{ type: 'notify', to: 'team' }] },
      ],
    });
    const r = createClockPolicyResolver(compilePolicies({ policies: [withRules], calendars, liveIds: null }).policies);
    expect(r.warningOffsetsFor?.(withRules.id, 'first_reply')).toEqual([-3600, -900, 1800]);
    expect(r.warningOffsetsFor?.(withRules.id, 'resolution')).toEqual([0]);
    expect(r.warningOffsetsFor?.(withRules.id, 'next_reply')).toEqual([]);
    expect(r.warningOffsetsFor?.(fallback.id, 'first_reply')).toEqual([]);
  });

  it('a tier upgrade mid-way keeps the start and applies the Gold target', () => {
    // Created Mon 09:00 urgent with no tier (fallback: 120 min elapsed); Gold from 09:20 (60 business min).
    const events = history(mon('09:00'), { priority: 'urgent', tier: null }).tier(mon('09:20'), GOLD).events;
    const clocks = computeClocks(events, resolver.policyFor, new Date(mon('09:30')));
    expect(dueOf(clocks, 'first_reply')).toBe(iso(mon('10:00')));
    expect(dueOf(clocks, 'resolution')).toBe(iso(mon('13:00')));
  });

  it('conditions on tags, category and custom fields follow the ticket through its events', () => {
    const vip = policy('01900000-0000-7000-8000-000000000007', 0, {
      conditions: { tags_any: ['vip'], categories: ['billing'], custom_fields: { region: 'north' } },
      targets: { normal: { first_reply: elapsed(30) } },
    });
    const compiled = compilePolicies({ policies: [vip, fallback], calendars, liveIds: null });
    const r = createClockPolicyResolver(compiled.policies);
    const events = history(mon('09:00'))
      .event('category_changed', mon('09:05'), { from: null, to: 'Billing' })
      .event('custom_fields_changed', mon('09:06'), { from: {}, to: { region: 'north' } })
      .event('tags_changed', mon('09:10'), { from: [], to: ['vip'] }).events;
    expect(dueOf(computeClocks(events, r.policyFor, new Date(mon('09:08'))), 'first_reply')).toBe(iso(mon('17:00')));
    expect(dueOf(computeClocks(events, r.policyFor, new Date(mon('09:15'))), 'first_reply')).toBe(iso(mon('09:30')));
    const untagged = [...events, { type: 'tags_changed', actor_type: 'user' as const, data: { from: ['vip'], to: [] }, occurred_at: new Date(mon('09:20')), seq: 99 }];
    expect(dueOf(computeClocks(untagged, r.policyFor, new Date(mon('09:25'))), 'first_reply')).toBe(iso(mon('17:00')));
  });
});
