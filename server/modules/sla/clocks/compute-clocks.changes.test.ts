import { describe, expect, it } from 'vitest';
import type { ClockPolicy, PolicyFor } from './clock-types.ts';
import { computeClocks } from './compute-clocks.ts';
import { history, type TicketHistory } from './test-history.ts';
import {
  ALWAYS,
  business,
  type ClockSummary,
  calendarMode,
  everyPriority,
  expectClocks,
  fixed,
  type Mode,
  mon,
  PRAGUE,
  perPriority,
  tue,
} from './test-policies.ts';

/*
 * Priority, tier and policy changes mid-way; DST zones and the 24/7 calendar; chat clocks.
 * New York Mon–Fri 09:00–17:00 (week of Mon 2024-03-11, EDT) unless a row says otherwise.
 */

interface Case {
  name: string;
  events: TicketHistory;
  policy: ClockPolicy | PolicyFor;
  now: string;
  expected: Partial<ClockSummary>[];
}

function runCases(cases: Case[]) {
  it.each(cases)('$name', ({ events, policy, now, expected }) => {
    expectClocks(computeClocks(events.events, typeof policy === 'function' ? policy : fixed(policy), new Date(now)), expected);
  });
}

describe.each<[string, Mode]>([
  ['business mode', business()],
  ['calendar mode', calendarMode],
])('spec worked example, priority change (%s)', (_, mode) => {
  // Created 10:00 with 180 min (due 13:00); at 11:00 the priority makes it 120 min: start and the
  // 60 elapsed are kept, due = 11:00 + 60 = 12:00. Inside office hours both modes agree.
  const policy = perPriority({ normal: { first_reply: 180 }, high: { first_reply: 120 } }, { mode });
  const events = history(mon('10:00')).priority(mon('11:00'), 'high');
  runCases([
    { name: 'before the change: due 13:00', events, policy, now: mon('10:30'), expected: [{ metric: 'first_reply', due: mon('13:00'), elapsed: 30 }] },
    {
      name: 'after the change: due 12:00, start and elapsed kept',
      events, policy, now: mon('11:30'),
      expected: [{ metric: 'first_reply', started: mon('10:00'), due: mon('12:00'), elapsed: 90, breached: null }],
    },
  ]);
  it('the instance carries the new target', () => {
    const [clock] = computeClocks(events.events, fixed(policy), new Date(mon('11:30')));
    expect(clock?.target.seconds).toBe(7200);
  });
});

describe('targets changing mid-way', () => {
  const policy = perPriority({ normal: { first_reply: 180 }, urgent: { first_reply: 60 } });
  // 11:30 urgent: 150 elapsed > 60 → breached now (11:30), due 11:30. 11:45 normal: 165 → due
  // 12:00. 11:48 urgent again: over 60, but the breach is recorded once (stays 11:30). 11:49
  // normal: 169 → due 12:00. Reply 11:50: 170 ≤ 180, yet the recorded breach stands.
  const flapping = history(mon('09:00')).priority(mon('11:30'), 'urgent').priority(mon('11:45'), 'normal')
    .priority(mon('11:48'), 'urgent').priority(mon('11:49'), 'normal').reply(mon('11:50'));
  const gold = everyPriority({ first_reply: 30 });
  const silver = everyPriority({ first_reply: 120 });
  const byTier: PolicyFor = (_priority, tier) => (tier === 'gold' ? gold : silver);
  const notForLow: PolicyFor = (priority) => (priority === 'low' ? null : silver);
  runCases([
    {
      name: 'a target dropping below the elapsed time breaches at that moment',
      events: flapping, policy, now: mon('11:40'),
      expected: [{ metric: 'first_reply', state: 'active', due: mon('11:30'), breached: mon('11:30'), elapsed: 160 }],
    },
    {
      name: 'the breach is recorded once and stands after the target is raised again',
      events: flapping, policy, now: mon('12:30'),
      expected: [{ metric: 'first_reply', state: 'fulfilled', due: mon('12:00'), elapsed: 170, breached: mon('11:30'), outcome: 'breached' }],
    },
    {
      // Silver 120 until 09:20, then gold 30: 20 elapsed, 10 left → due 09:30.
      name: 'a tier change (tier_changed) retargets the running clock',
      events: history(mon('09:00'), { tier: 'silver' }).tier(mon('09:20'), 'gold'), policy: byTier, now: mon('09:25'),
      expected: [{ metric: 'first_reply', due: mon('09:30'), elapsed: 25 }],
    },
    {
      // No policy matches a low ticket: the clock is cancelled at 10:00 (60 elapsed) and stays
      // cancelled when the priority goes back; its wait is not measured twice.
      name: 'a policy that stops matching cancels the running clocks',
      events: history(mon('09:00')).priority(mon('10:00'), 'low').priority(mon('10:30'), 'normal'), policy: notForLow, now: mon('11:00'),
      expected: [{ metric: 'first_reply', n: 1, state: 'cancelled', cancelled: mon('10:00'), due: null, elapsed: 60 }],
    },
    {
      // Low has no first_reply target; urgent (30) from 10:00 with 60 already waited → breached at 10:00.
      name: 'a target appearing later measures the wait from the start (and breaches if over)',
      events: history(mon('09:00'), { priority: 'low' }).priority(mon('10:00'), 'urgent'),
      policy: perPriority({ urgent: { first_reply: 30 } }), now: mon('10:10'),
      expected: [{ metric: 'first_reply', started: mon('09:00'), state: 'active', due: mon('10:00'), breached: mon('10:00'), elapsed: 70 }],
    },
    {
      // Untargeted, requester_wait still followed the ticket: active 09:00–09:10, paused on pending
      // until 09:40, active again → 20 at 09:50, when urgent gives it 30: due 10:00.
      name: 'pauses before a target appeared are honoured',
      events: history(mon('09:00'), { priority: 'low' }).status(mon('09:10'), 'pending').status(mon('09:40'), 'open').priority(mon('09:50'), 'urgent'),
      policy: perPriority({ urgent: { requester_wait: 30 } }), now: mon('09:55'),
      expected: [{ metric: 'requester_wait', state: 'active', due: mon('10:00'), elapsed: 25, breached: null }],
    },
  ]);
});

describe('calendars: DST zones and 24/7', () => {
  runCases([
    {
      // Fri 16:00 EST: 60 min on Friday; the weekend (DST starts Sun 03-10) is closed; 60 more on
      // Monday → due Mon 10:00 EDT (14:00Z, an hour earlier in UTC than the same wall time on Friday).
      name: 'business, spring forward: Fri 16:00 EST + 120 → Mon 10:00 EDT',
      events: history('2024-03-08T16:00:00-05:00'), policy: everyPriority({ first_reply: 120 }), now: '2024-03-11T09:30:00-04:00',
      expected: [{ metric: 'first_reply', due: '2024-03-11T10:00:00-04:00', elapsed: 90 }],
    },
    {
      name: 'business, fall back: Fri 16:00 EDT + 120 → Mon 10:00 EST',
      events: history('2024-11-01T16:00:00-04:00'), policy: everyPriority({ first_reply: 120 }), now: '2024-11-04T09:30:00-05:00',
      expected: [{ metric: 'first_reply', due: '2024-11-04T10:00:00-05:00', elapsed: 90 }],
    },
    {
      // Calendar mode is absolute time: Sat 12:00 EST (17:00Z) + 24 h = Sun 17:00Z = 13:00 EDT,
      // not 12:00. At Sun 12:30 EDT, 23.5 h = 1410 min have elapsed.
      name: 'calendar mode across spring forward: + 24 h is 13:00 EDT the next day',
      events: history('2024-03-09T12:00:00-05:00'), policy: everyPriority({ resolution: 1440 }, { mode: calendarMode }), now: '2024-03-10T12:30:00-04:00',
      expected: [{ metric: 'resolution', due: '2024-03-10T13:00:00-04:00', elapsed: 1410 }],
    },
    {
      name: 'a 24/7 business calendar behaves as calendar mode',
      events: history('2024-03-09T12:00:00-05:00'), policy: everyPriority({ resolution: 1440 }, { mode: business(ALWAYS) }), now: '2024-03-10T12:30:00-04:00',
      expected: [{ metric: 'resolution', due: '2024-03-10T13:00:00-04:00', elapsed: 1410 }],
    },
    {
      // Prague 08:00–16:30: Good Friday (03-29) and Easter Monday (04-01) are holidays, DST starts
      // Sun 03-31. Created on the holiday, nothing counts until Tue 08:00 CEST → due 09:00.
      name: 'Prague: created on a holiday before Easter and DST → due Tue 09:00 CEST',
      events: history('2024-03-29T10:00:00+01:00'), policy: everyPriority({ first_reply: 60 }, { mode: business(PRAGUE) }), now: '2024-04-02T08:30:00+02:00',
      expected: [{ metric: 'first_reply', due: '2024-04-02T09:00:00+02:00', elapsed: 30 }],
    },
  ]);
});

describe('chat_greet and chat_hold', () => {
  const chatTargets = { chat_greet: 1, chat_hold: 0.5 }; // 60 s and 30 s
  runCases([
    {
      // Greet: started 10:00:00; the 10:00:20 internal note does not greet; 10:00:45 does (45 s).
      // Hold #1: customer 10:01:00 (10:01:10 is the same wait), answered 10:01:50: 50 s, due
      // 10:01:30, breached then. Hold #2: 10:03:00 → 10:03:20, 20 s.
      name: 'a live chat: greeting, then each wait for the agent',
      events: history(mon('10:00:00'), { channel: 'chat' }).note(mon('10:00:20')).reply(mon('10:00:45'))
        .customer(mon('10:01:00')).customer(mon('10:01:10')).reply(mon('10:01:50')).customer(mon('10:03:00')).reply(mon('10:03:20')),
      policy: everyPriority(chatTargets, { mode: calendarMode }), now: mon('10:05'),
      expected: [
        { metric: 'chat_greet', n: 1, ...fulfilled(mon('10:00:45')), due: mon('10:01:00'), elapsed: 45 / 60, outcome: 'achieved' },
        { metric: 'chat_hold', n: 1, started: mon('10:01:00'), ...fulfilled(mon('10:01:50')), elapsed: 50 / 60, breached: mon('10:01:30'), outcome: 'breached' },
        { metric: 'chat_hold', n: 2, started: mon('10:03:00'), ...fulfilled(mon('10:03:20')), elapsed: 20 / 60, outcome: 'achieved' },
      ],
    },
    {
      name: 'nobody greets: breached after 60 s',
      events: history(mon('10:00:00'), { channel: 'chat' }), policy: everyPriority(chatTargets, { mode: calendarMode }), now: mon('10:02'),
      expected: [{ metric: 'chat_greet', state: 'active', due: mon('10:01:00'), breached: mon('10:01:00'), elapsed: 2 }],
    },
    {
      // A chat at 16:59:30 gets 30 s today and the other 30 s from Tue 09:00.
      name: 'chat targets in business mode carry over to the next opening',
      events: history(mon('16:59:30'), { channel: 'chat' }), policy: everyPriority(chatTargets), now: tue('09:00:10'),
      expected: [{ metric: 'chat_greet', state: 'active', due: tue('09:00:30'), elapsed: 40 / 60 }],
    },
    {
      name: 'an email ticket has no chat clocks',
      events: history(mon('10:00'), { channel: 'email' }).reply(mon('10:30')).customer(mon('10:40')),
      policy: everyPriority(chatTargets, { mode: calendarMode }), now: mon('11:00'),
      expected: [],
    },
  ]);
});

function fulfilled(at: string) {
  return { state: 'fulfilled' as const, fulfilled: at };
}
