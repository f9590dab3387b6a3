import { describe, expect, it } from 'vitest';
import type { ClockPolicy, PolicyFor } from './clock-types.ts';
import { computeClocks } from './compute-clocks.ts';
import { history, type TicketHistory } from './test-history.ts';
import { type ClockSummary, everyPriority, expectClocks, fixed, mon, NY_SPLIT, business, tue, wed } from './test-policies.ts';

/*
 * The spec's metric table, row by row, over Mon–Fri 09:00–17:00 America/New_York (week of Mon
 * 2024-03-11, EDT) unless a row says otherwise. Targets are in minutes; expected values are
 * worked out by hand in each row's comment. `elapsed` is business minutes.
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

const answered = (end: string) => ({ state: 'fulfilled' as const, fulfilled: end });

describe('spec worked example: created Mon 09:00, target 240, pending 10:00–13:30', () => {
  const events = history(mon('09:00')).reply(mon('10:00'), { status: 'pending' }).customer(mon('13:30'));
  const policy = everyPriority({ requester_wait: 240, resolution: 240 });
  runCases([
    {
      // 09:00–10:00 counts (60), pending freezes it: no due time while paused.
      name: 'at 12:00 the clocks are paused with 60 minutes elapsed',
      events, policy, now: mon('12:00'),
      expected: [
        { metric: 'requester_wait', n: 1, state: 'paused', due: null, elapsed: 60, started: mon('09:00') },
        { metric: 'resolution', n: 1, state: 'paused', due: null, elapsed: 60 },
      ],
    },
    {
      // The customer's 13:30 message reopens it: due = 13:30 + (240 − 60) = 16:30; elapsed 60 + 30.
      name: 'the customer reply at 13:30 resumes them: due 16:30',
      events, policy, now: mon('14:00'),
      expected: [
        { metric: 'requester_wait', state: 'active', due: mon('16:30'), elapsed: 90, breached: null },
        { metric: 'resolution', state: 'active', due: mon('16:30'), elapsed: 90 },
      ],
    },
  ]);
});

describe('first_reply', () => {
  const policy = everyPriority({ first_reply: 60 });
  runCases([
    {
      // Due 10:00; still unanswered then, so the breach is recorded at 10:00; the 10:30 reply makes 90.
      name: 'late reply: breached at due_at, outcome breached',
      events: history(mon('09:00')).reply(mon('10:30')), policy, now: mon('12:00'),
      expected: [{ metric: 'first_reply', ...answered(mon('10:30')), due: mon('10:00'), elapsed: 90, outcome: 'breached', breached: mon('10:00') }],
    },
    {
      name: 'reply within the target: achieved',
      events: history(mon('09:00')).reply(mon('09:45')), policy, now: mon('12:00'),
      expected: [{ metric: 'first_reply', ...answered(mon('09:45')), elapsed: 45, outcome: 'achieved', breached: null }],
    },
    {
      // elapsed == target is within the target, and no breach is recorded at the due instant itself.
      name: 'a reply exactly at due_at is on time',
      events: history(mon('09:00')).reply(mon('10:00')), policy, now: mon('12:00'),
      expected: [{ metric: 'first_reply', ...answered(mon('10:00')), elapsed: 60, outcome: 'achieved', breached: null }],
    },
    {
      // The note (09:10) and the system's public message (09:20) are not agent replies; the API key's is.
      name: 'internal notes and system messages never fulfil; a reply through an API key does',
      events: history(mon('09:00')).note(mon('09:10')).reply(mon('09:20'), { actor: 'system' }).reply(mon('09:30'), { actor: 'api_key' }),
      policy, now: mon('12:00'),
      expected: [{ metric: 'first_reply', ...answered(mon('09:30')), elapsed: 30, outcome: 'achieved' }],
    },
    {
      name: 'unanswered at due_at exactly: not breached yet',
      events: history(mon('09:00')), policy, now: mon('10:00'),
      expected: [{ metric: 'first_reply', state: 'active', due: mon('10:00'), elapsed: 60, breached: null }],
    },
    {
      name: 'unanswered after due_at: breached at due_at',
      events: history(mon('09:00')), policy, now: mon('10:00:01'),
      expected: [{ metric: 'first_reply', state: 'active', due: mon('10:00'), breached: mon('10:00') }],
    },
    {
      // Outbound ticket: the 09:00 agent message opens it. The customer answers at 11:00 (no
      // next_reply yet: first_reply is still waiting) and the agent's 12:00 reply fulfils: 180 min.
      name: 'agent-opened ticket: the next public agent reply fulfils it',
      events: history(mon('09:00'), { opening: 'agent' }).customer(mon('11:00')).reply(mon('12:00')),
      policy: everyPriority({ first_reply: 240, next_reply: 60 }), now: mon('13:00'),
      expected: [{ metric: 'first_reply', ...answered(mon('12:00')), elapsed: 180, outcome: 'achieved' }],
    },
    {
      // Pending at 09:20 without a reply; the customer's 10:00 message reopens. Not paused by default: 90.
      name: 'not paused by pending by default',
      events: history(mon('09:00')).status(mon('09:20'), 'pending').customer(mon('10:00')).reply(mon('10:30')), policy, now: mon('11:00'),
      expected: [{ metric: 'first_reply', elapsed: 90, outcome: 'breached', breached: mon('10:00') }],
    },
    {
      // Option: paused 09:20–10:00. Elapsed 20 + 30 = 50; resumed at 10:00 with 40 left → due 10:40.
      name: 'optionally paused by pending',
      events: history(mon('09:00')).status(mon('09:20'), 'pending').customer(mon('10:00')).reply(mon('10:30')),
      policy: everyPriority({ first_reply: 60 }, { pauses: { first_reply: ['pending'] } }), now: mon('11:00'),
      expected: [{ metric: 'first_reply', due: mon('10:40'), elapsed: 50, outcome: 'achieved', breached: null }],
    },
    {
      // Endpoint rule: 480 min from Mon 09:00 are used up at 17:00 → due Tue 09:00, and at 17:00
      // nothing has been missed yet. A reply in the evening has elapsed 480 = target.
      name: 'business mode: a target ending at closing time is due at the next opening',
      events: history(mon('09:00')).reply(mon('20:00')), policy: everyPriority({ first_reply: 480 }), now: tue('12:00'),
      expected: [{ metric: 'first_reply', due: tue('09:00'), elapsed: 480, outcome: 'achieved', breached: null }],
    },
    {
      name: 'business mode: still unanswered at the next opening, breached from then on',
      events: history(mon('09:00')), policy: everyPriority({ first_reply: 480 }), now: tue('09:01'),
      expected: [{ metric: 'first_reply', state: 'active', due: tue('09:00'), elapsed: 481, breached: tue('09:00') }],
    },
  ]);
});

describe('next_reply and periodic_update', () => {
  runCases([
    {
      // First reply 09:30. Customer 10:00 starts next_reply #1 (10:20 is part of the same wait),
      // answered 11:00 (60 = target). Customer 13:00 starts #2: due 14:00, breached then, 90 by 14:30.
      name: 'next replies run from the oldest unanswered customer message',
      events: history(mon('09:00')).reply(mon('09:30')).customer(mon('10:00')).customer(mon('10:20')).reply(mon('11:00')).customer(mon('13:00')),
      policy: everyPriority({ first_reply: 60, next_reply: 60 }), now: mon('14:30'),
      expected: [
        { metric: 'first_reply', n: 1, ...answered(mon('09:30')), elapsed: 30, outcome: 'achieved' },
        { metric: 'next_reply', n: 1, started: mon('10:00'), ...answered(mon('11:00')), elapsed: 60, outcome: 'achieved' },
        { metric: 'next_reply', n: 2, started: mon('13:00'), state: 'active', due: mon('14:00'), elapsed: 90, breached: mon('14:00') },
      ],
    },
    {
      // 09–12 + 13–17: 30 min before lunch, 30 after → due 13:30; by 13:45, 30 + 45 = 75.
      name: 'next_reply over a lunch break',
      events: history(mon('09:00')).reply(mon('09:30')).customer(mon('11:30')),
      policy: everyPriority({ next_reply: 60 }, { mode: business(NY_SPLIT) }), now: mon('13:45'),
      expected: [{ metric: 'next_reply', n: 1, started: mon('11:30'), due: mon('13:30'), elapsed: 75, breached: mon('13:30') }],
    },
    {
      // #1 09:30 → 11:00 = 90 (achieved); #2 from 11:00 is due 12:30 and breached then.
      name: 'periodic_update: each public agent reply fulfils one and starts the next',
      events: history(mon('09:00')).reply(mon('09:30')).reply(mon('11:00')),
      policy: everyPriority({ periodic_update: 90 }), now: mon('13:00'),
      expected: [
        { metric: 'periodic_update', n: 1, started: mon('09:30'), ...answered(mon('11:00')), elapsed: 90, outcome: 'achieved' },
        { metric: 'periodic_update', n: 2, started: mon('11:00'), state: 'active', due: mon('12:30'), elapsed: 120, breached: mon('12:30') },
      ],
    },
  ]);
});

describe('requester_wait, agent_work, resolution, total_resolution; solve and reopen', () => {
  // on_hold 10–11, pending 12–14 (reply sets pending; the customer's 14:00 message reopens).
  // requester_wait (pauses on pending): 09–12 = 180, resumed 14:00 with 300 left → 14–17 (180) +
  // Tue 09–11 (120): due Tue 11:00; elapsed 180 + 60 = 240. agent_work (pending and on_hold):
  // 60 + 60 = 120, resumed with 360 left → 180 Mon + 180 Tue: due Tue 12:00; elapsed 180.
  runCases([
    {
      name: 'requester_wait pauses on pending only; agent_work on pending and on-hold',
      events: history(mon('09:00')).status(mon('10:00'), 'on_hold').status(mon('11:00'), 'open').reply(mon('12:00'), { status: 'pending' }).customer(mon('14:00')),
      policy: everyPriority({ requester_wait: 480, agent_work: 480 }), now: mon('15:00'),
      expected: [
        { metric: 'requester_wait', state: 'active', due: tue('11:00'), elapsed: 240 },
        { metric: 'agent_work', state: 'active', due: tue('12:00'), elapsed: 180 },
      ],
    },
  ]);

  // Solved Mon 15:00 (360 business min after creation); the customer writes Tue 10:00, which
  // reopens; solved again Tue 11:00. resolution ends for good at the first solve (360).
  // requester_wait and total_resolution reactivate with their 360 and end at 420. first_reply
  // does not come back; the Tue 10:00 message starts next_reply #1, and the solve fulfils it (60).
  const reopened = history(mon('09:00')).reply(mon('10:00')).status(mon('15:00'), 'solved').customer(tue('10:00')).status(tue('11:00'), 'solved');
  const all = { first_reply: 600, next_reply: 600, requester_wait: 600, resolution: 600, total_resolution: 600 };
  runCases([
    {
      name: 'after reopen and a second solve',
      events: reopened, policy: everyPriority(all), now: tue('12:00'),
      expected: [
        { metric: 'first_reply', n: 1, ...answered(mon('10:00')), elapsed: 60, outcome: 'achieved' },
        { metric: 'next_reply', n: 1, started: tue('10:00'), ...answered(tue('11:00')), elapsed: 60, outcome: 'achieved' },
        { metric: 'requester_wait', n: 1, ...answered(tue('11:00')), elapsed: 420, outcome: 'achieved' },
        { metric: 'resolution', n: 1, ...answered(mon('15:00')), elapsed: 360, outcome: 'achieved' },
        { metric: 'total_resolution', n: 1, ...answered(tue('11:00')), elapsed: 420, outcome: 'achieved' },
      ],
    },
    {
      // While reopened: reactivated at Tue 10:00 with 240 left → due Tue 14:00. next_reply: 600
      // from Tue 10:00 = 420 on Tue + 180 on Wed → Wed 12:00.
      name: 'while reopened',
      events: reopened, policy: everyPriority(all), now: tue('10:30'),
      expected: [
        { metric: 'first_reply', state: 'fulfilled' },
        { metric: 'next_reply', state: 'active', due: wed('12:00'), elapsed: 30 },
        { metric: 'requester_wait', state: 'active', due: tue('14:00'), elapsed: 390, fulfilled: null, outcome: null },
        { metric: 'resolution', ...answered(mon('15:00')), elapsed: 360 },
        { metric: 'total_resolution', state: 'active', due: tue('14:00'), elapsed: 390, fulfilled: null, outcome: null },
      ],
    },
    {
      name: 'solving cancels running reply clocks when the policy says so',
      events: reopened, policy: everyPriority({ next_reply: 600 }, { solve: 'cancel' }), now: tue('12:00'),
      expected: [{ metric: 'next_reply', n: 1, state: 'cancelled', cancelled: tue('11:00'), due: null, outcome: null, elapsed: 60 }],
    },
    {
      name: 'solving without a reply fulfils first_reply (solve-while-waiting)',
      events: history(mon('09:00')).status(mon('09:40'), 'solved'), policy: everyPriority({ first_reply: 60 }), now: mon('12:00'),
      expected: [{ metric: 'first_reply', ...answered(mon('09:40')), elapsed: 40, outcome: 'achieved' }],
    },
    {
      // The reply fulfils first_reply (60) and starts periodic_update #1 at 10:00; the solve in the
      // same instant leaves nothing to wait for, so #1 is cancelled rather than "achieved in 0".
      name: 'a reply sent together with "solved" leaves no zero-length periodic_update',
      events: history(mon('09:00')).reply(mon('10:00'), { status: 'solved' }), policy: everyPriority({ first_reply: 60, periodic_update: 60 }), now: mon('12:00'),
      expected: [
        { metric: 'first_reply', ...answered(mon('10:00')), elapsed: 60, outcome: 'achieved' },
        { metric: 'periodic_update', n: 1, started: mon('10:00'), state: 'cancelled', cancelled: mon('10:00'), elapsed: 0 },
      ],
    },
    {
      // Closing solves (60 each) and ends the history: the reopen and the message after it are ignored.
      name: 'closed is terminal',
      events: history(mon('09:00')).status(mon('10:00'), 'closed')
        .event('status_changed', mon('11:00'), { from: 'closed', to: 'open' })
        .event('message_added', mon('11:30'), { kind: 'customer', channel: 'email' }, 'customer'),
      policy: everyPriority({ next_reply: 600, requester_wait: 600, total_resolution: 600 }), now: mon('13:00'),
      expected: [
        { metric: 'requester_wait', ...answered(mon('10:00')), elapsed: 60 },
        { metric: 'total_resolution', ...answered(mon('10:00')), elapsed: 60 },
      ],
    },
    {
      // next_reply from 10:00 is due 10:15 and breached then; the 10:30 merge cancels it (the
      // breach stays on record) and requester_wait (90). The reply after the merge is ignored.
      name: 'merged: running clocks are cancelled, fulfilled ones kept',
      events: history(mon('09:00')).reply(mon('09:30')).customer(mon('10:00')).merged(mon('10:30')).reply(mon('11:00')),
      policy: everyPriority({ first_reply: 60, next_reply: 15, requester_wait: 600 }), now: mon('12:00'),
      expected: [
        { metric: 'first_reply', ...answered(mon('09:30')), elapsed: 30, outcome: 'achieved' },
        { metric: 'next_reply', n: 1, state: 'cancelled', cancelled: mon('10:30'), breached: mon('10:15'), due: null, elapsed: 30 },
        { metric: 'requester_wait', state: 'cancelled', cancelled: mon('10:30'), elapsed: 90 },
      ],
    },
    {
      // Logged after the fact as solved: no reply was waited for (first_reply cancelled); the
      // resolution-type clocks are met at once.
      name: 'a ticket created solved',
      events: history(mon('09:00'), { status: 'solved', opening: 'none' }),
      policy: everyPriority({ first_reply: 60, requester_wait: 60 }), now: mon('10:30'),
      expected: [
        { metric: 'first_reply', state: 'cancelled', cancelled: mon('09:00'), elapsed: 0 },
        { metric: 'requester_wait', ...answered(mon('09:00')), elapsed: 0, outcome: 'achieved' },
      ],
    },
    {
      // Created pending by an agent with no message: requester_wait starts paused (0 elapsed);
      // first_reply does not pause by default (due 10:00, breached then).
      name: 'a ticket created pending starts its pausable clocks paused',
      events: history(mon('09:00'), { status: 'pending', opening: 'none' }),
      policy: everyPriority({ first_reply: 60, requester_wait: 60 }), now: mon('10:30'),
      expected: [
        { metric: 'first_reply', state: 'active', elapsed: 90, breached: mon('10:00') },
        { metric: 'requester_wait', state: 'paused', started: mon('09:00'), elapsed: 0, due: null },
      ],
    },
  ]);
});

describe('reading history', () => {
  const story = history(mon('09:00')).reply(mon('09:30')).customer(mon('10:00')).customer(mon('10:20')).reply(mon('11:00')).customer(mon('13:00'));
  const policy = fixed(everyPriority({ first_reply: 60, next_reply: 60, periodic_update: 60 }));

  it('reads events by occurred_at, then seq, whatever the input order (seq may be a bigint string)', () => {
    const expected = computeClocks(story.events, policy, new Date(mon('14:30')));
    const shuffled = [...story.events].reverse().map((e) => ({ ...e, seq: String(e.seq) }));
    expect(computeClocks(shuffled, policy, new Date(mon('14:30')))).toEqual(expected);
    expect(expected.length).toBe(5);
  });

  it('orders events of the same instant by seq: a status change recorded before the reply', () => {
    // Events: created, customer message (09:00); reply (seq 3), new → open (seq 4), solved (seq 5),
    // all at 10:00. Given with the solve first, seq still puts the reply first: it fulfils
    // first_reply (60 > 30: breached) and starts periodic_update, which the solve in the same
    // instant cancels. Read in input order, the reply would land on a solved ticket and start none.
    const events = history(mon('09:00')).reply(mon('10:00')).status(mon('10:00'), 'solved').events;
    const swapped = [events[0], events[1], events[4], events[2], events[3]].filter((e) => e !== undefined);
    const clocks = computeClocks(swapped, fixed(everyPriority({ first_reply: 30, periodic_update: 30 })), new Date(mon('12:00')));
    expect(clocks.map((c) => [c.metric, c.state, c.outcome])).toEqual([
      ['first_reply', 'fulfilled', 'breached'],
      ['periodic_update', 'cancelled', null],
    ]);
  });

  it('ignores events after now, and has no clocks before the ticket exists', () => {
    expect(computeClocks(story.events, policy, new Date(mon('10:10')))).toEqual(
      computeClocks(story.events.slice(0, 5), policy, new Date(mon('10:10'))),
    );
    expect(computeClocks(story.events, policy, new Date(mon('08:59')))).toEqual([]);
    expect(computeClocks([], policy, new Date(mon('12:00')))).toEqual([]);
  });

  it('rejects an unreadable occurred_at or now', () => {
    const broken = [{ type: 'created', actor_type: 'user' as const, data: {}, occurred_at: 'yesterday' }];
    expect(() => computeClocks(broken, policy, new Date(mon('12:00')))).toThrow(RangeError);
    expect(() => computeClocks(story.events, policy, new Date('nope'))).toThrow(RangeError);
  });
});
