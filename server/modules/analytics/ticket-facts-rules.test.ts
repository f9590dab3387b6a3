import { describe, expect, it } from 'vitest';
import { buildTicketFact, type FactClock, type FactEvent, type FactTicket, slaOutcomes, type TicketFact } from './ticket-facts-rules.ts';

const T0 = Date.parse('2026-01-05T03:00:00Z');
const MIN = 60_000;
const at = (minutes: number) => new Date(T0 + minutes * MIN);
const NOW = at(100_000);

const ticket = (overrides: Partial<FactTicket> = {}): FactTicket => ({
  id: '00000000-0000-7000-8000-000000000001',
  workspace_id: '00000000-0000-7000-8000-0000000000aa',
  status: 'open',
  priority: 'normal',
  channel: 'email',
  category: null,
  tags: [],
  tier_id: null,
  organization_id: null,
  team_id: null,
  branch_id: null,
  assignee_id: null,
  created_at: at(0),
  ...overrides,
});

/** A history in minutes after T0: created (optionally with a status), then steps. */
type Step = [minute: number, what: 'customer' | 'reply' | 'note' | 'customer-reply' | 'merged' | `status:${string}`];
function events(steps: Step[], createdStatus = 'new'): FactEvent[] {
  const list: FactEvent[] = [{ type: 'created', actor_type: 'customer', data: { status: createdStatus }, occurred_at: T0, seq: 1 }];
  steps.forEach(([minute, what], i) => {
    const occurred_at = T0 + minute * MIN;
    const seq = i + 2;
    if (what === 'customer') list.push({ type: 'message_added', actor_type: 'customer', data: { kind: 'customer' }, occurred_at, seq });
    else if (what === 'reply') list.push({ type: 'message_added', actor_type: 'user', data: { kind: 'public_reply' }, occurred_at, seq });
    else if (what === 'note') list.push({ type: 'message_added', actor_type: 'user', data: { kind: 'internal_note' }, occurred_at, seq });
    else if (what === 'customer-reply') list.push({ type: 'message_added', actor_type: 'customer', data: { kind: 'public_reply' }, occurred_at, seq });
    else if (what === 'merged') list.push({ type: 'merged', actor_type: 'user', data: {}, occurred_at, seq });
    else list.push({ type: 'status_changed', actor_type: 'user', data: { to: what.slice('status:'.length) }, occurred_at, seq });
  });
  return list;
}

const clock = (c: Partial<FactClock> & Pick<FactClock, 'metric' | 'state'>): FactClock => ({
  instance: 1,
  target_seconds: 3600,
  elapsed_ms: 0,
  due_at: null,
  fulfilled_at: null,
  outcome: null,
  breached_at: null,
  ...c,
});

describe('buildTicketFact', () => {
  const cases: { name: string; ticket?: Partial<FactTicket>; steps: Step[]; createdStatus?: string; clocks?: FactClock[]; expected: Partial<TicketFact> }[] = [
    {
      name: 'a new ticket nobody answered',
      steps: [[0, 'customer']],
      ticket: { status: 'new' },
      expected: { first_reply_at: null, first_reply_s: null, first_solved_at: null, solved_at: null, agent_replies: 0, handle_s: 0, reopens: 0, excluded: false },
    },
    {
      name: 'first reply, solve: times in seconds, handle time in new/open until the solve',
      steps: [[0, 'customer'], [30, 'reply'], [30, 'status:pending'], [90, 'customer'], [90, 'status:open'], [100, 'reply'], [100, 'status:solved']],
      ticket: { status: 'solved' },
      expected: {
        first_reply_at: at(30),
        first_reply_s: 1800,
        next_reply_at: [at(100)],
        next_reply_s: [600],
        next_reply_business_s: [null],
        last_next_reply_at: at(100),
        first_solved_at: at(100),
        solved_at: at(100),
        resolution_s: 6000,
        agent_replies: 2,
        handle_s: (30 + 10) * 60,
      },
    },
    {
      name: 'an agent who opens the ticket has not replied; the next agent message is the first reply',
      steps: [[0, 'reply'], [60, 'customer'], [120, 'reply']],
      expected: { first_reply_at: at(120), first_reply_s: 7200, next_reply_s: [], agent_replies: 2 },
    },
    {
      name: 'internal notes and customer public messages are not replies',
      steps: [[0, 'customer'], [10, 'note'], [20, 'customer-reply'], [40, 'reply']],
      expected: { first_reply_at: at(40), agent_replies: 1 },
    },
    {
      name: 'next reply waits from the oldest unanswered message; a wait ended by a solve is left out',
      steps: [[0, 'customer'], [10, 'reply'], [20, 'customer'], [25, 'customer'], [50, 'reply'], [60, 'customer'], [70, 'status:solved']],
      ticket: { status: 'solved' },
      expected: { next_reply_at: [at(50)], next_reply_s: [1800], agent_replies: 2, first_solved_at: at(70) },
    },
    {
      name: 'reopened by the customer and solved again: first solve stays, latest solve and reopen are kept',
      steps: [[0, 'customer'], [10, 'reply'], [20, 'status:solved'], [200, 'customer'], [200, 'status:open'], [230, 'reply'], [240, 'status:solved'], [300, 'status:closed']],
      ticket: { status: 'closed' },
      expected: {
        first_solved_at: at(20),
        solved_at: at(240),
        reopened_at: at(200),
        reopens: 1,
        resolution_s: 1200,
        // One public reply up to the first solve: a one-touch resolution even though it reopened.
        agent_replies: 1,
        // The customer's message reopened the ticket: its wait ended with the reply at 230.
        next_reply_s: [1800],
        handle_s: (20 + 40) * 60,
      },
    },
    {
      name: 'reopened and still open: no current solve',
      steps: [[0, 'customer'], [10, 'reply'], [20, 'status:solved'], [100, 'status:open']],
      ticket: { status: 'open' },
      expected: { first_solved_at: at(20), solved_at: null, reopened_at: at(100), reopens: 1, handle_s: 20 * 60 },
    },
    {
      name: 'created solved (a call logged afterwards): solved at creation, no reply',
      steps: [],
      createdStatus: 'solved',
      ticket: { status: 'solved' },
      expected: { first_solved_at: at(0), solved_at: at(0), resolution_s: 0, handle_s: 0, agent_replies: 0, first_reply_at: null },
    },
    {
      name: 'solved → closed is not a second solve',
      steps: [[0, 'customer'], [10, 'reply'], [20, 'status:solved'], [500, 'status:closed']],
      ticket: { status: 'closed' },
      expected: { first_solved_at: at(20), solved_at: at(20), reopens: 0 },
    },
    {
      name: 'merged into another ticket: excluded',
      steps: [[0, 'customer'], [10, 'merged'], [10, 'status:closed']],
      ticket: { status: 'closed' },
      expected: { excluded: true, first_solved_at: at(10) },
    },
    {
      name: 'tagged spam: excluded',
      steps: [[0, 'customer']],
      ticket: { tags: ['spam', 'other'] },
      expected: { excluded: true, tags: ['spam', 'other'] },
    },
    {
      name: 'business times come from the clocks fulfilled by the same reply or solve',
      steps: [[0, 'customer'], [30, 'reply'], [40, 'customer'], [70, 'reply'], [80, 'customer'], [90, 'reply'], [95, 'status:solved']],
      ticket: { status: 'solved' },
      clocks: [
        clock({ metric: 'first_reply', state: 'fulfilled', fulfilled_at: at(30), elapsed_ms: 5 * MIN, outcome: 'achieved' }),
        clock({ metric: 'next_reply', state: 'fulfilled', fulfilled_at: at(90), elapsed_ms: 7 * MIN, outcome: 'achieved', instance: 2 }),
        clock({ metric: 'resolution', state: 'fulfilled', fulfilled_at: at(95), elapsed_ms: 50 * MIN, outcome: 'achieved' }),
      ],
      expected: { first_reply_business_s: 300, next_reply_s: [1800, 600], next_reply_business_s: [null, 420], resolution_business_s: 3000 },
    },
    {
      name: 'a first_reply clock fulfilled by a solve is not a first reply',
      steps: [[0, 'customer'], [30, 'status:solved']],
      ticket: { status: 'solved' },
      clocks: [clock({ metric: 'first_reply', state: 'fulfilled', fulfilled_at: at(30), elapsed_ms: 30 * MIN, outcome: 'achieved' })],
      expected: { first_reply_at: null, first_reply_business_s: null, sla_achieved: ['first_reply'] },
    },
    {
      name: 'dimensions are the ticket as it is now',
      steps: [],
      ticket: { team_id: '00000000-0000-7000-8000-0000000000b1', priority: 'high', channel: 'chat', category: 'billing', tags: ['vip'] },
      expected: { team_id: '00000000-0000-7000-8000-0000000000b1', priority: 'high', channel: 'chat', category: 'billing', tags: ['vip'] },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const fact = buildTicketFact(ticket(c.ticket), events(c.steps, c.createdStatus), c.clocks ?? [], null, NOW);
      expect(fact).toMatchObject(c.expected);
    });
  }

  it('takes the latest survey scores as given, and events in any order', () => {
    const steps: Step[] = [[0, 'customer'], [30, 'reply'], [60, 'status:solved']];
    const shuffled = events(steps).reverse();
    const fact = buildTicketFact(ticket({ status: 'solved' }), shuffled, [], { csat: 4, ces: null }, NOW);
    expect(fact).toMatchObject({ first_reply_s: 1800, first_solved_at: at(60), csat: 4, ces: null, refreshed_at: NOW });
  });
});

describe('slaOutcomes', () => {
  const now = at(120);
  const cases: { name: string; clocks: FactClock[]; expected: ReturnType<typeof slaOutcomes> }[] = [
    { name: 'no clocks', clocks: [], expected: { sla_achieved: [], sla_breached: [], sla_slack_ratio: null, sla_recheck_at: null } },
    {
      name: 'achieved and breached metrics; slack is the tightest achieved clock',
      clocks: [
        clock({ metric: 'first_reply', state: 'fulfilled', outcome: 'achieved', elapsed_ms: 45 * MIN }),
        clock({ metric: 'resolution', state: 'fulfilled', outcome: 'breached', elapsed_ms: 90 * MIN, breached_at: at(60) }),
        clock({ metric: 'next_reply', state: 'fulfilled', outcome: 'achieved', elapsed_ms: 15 * MIN }),
      ],
      expected: { sla_achieved: ['first_reply', 'next_reply'], sla_breached: ['resolution'], sla_slack_ratio: 0.25, sla_recheck_at: null },
    },
    {
      name: 'one breached next reply among achieved ones breaches the metric',
      clocks: [
        clock({ metric: 'next_reply', state: 'fulfilled', outcome: 'achieved', elapsed_ms: 0 }),
        clock({ metric: 'next_reply', instance: 2, state: 'fulfilled', outcome: 'breached', elapsed_ms: 2 * 3600_000 }),
      ],
      expected: { sla_achieved: [], sla_breached: ['next_reply'], sla_slack_ratio: 1, sla_recheck_at: null },
    },
    {
      name: 'a running clock past due at now is breached; one not yet due decides nothing and sets the recheck',
      clocks: [
        clock({ metric: 'first_reply', state: 'active', due_at: at(100) }),
        clock({ metric: 'resolution', state: 'active', due_at: at(500) }),
        clock({ metric: 'next_reply', state: 'fulfilled', outcome: 'achieved', elapsed_ms: 30 * MIN }),
        clock({ metric: 'next_reply', instance: 2, state: 'active', due_at: at(300) }),
      ],
      expected: { sla_achieved: [], sla_breached: ['first_reply'], sla_slack_ratio: 0.5, sla_recheck_at: at(300) },
    },
    {
      name: 'cancelled clocks are left out; paused clocks decide nothing',
      clocks: [clock({ metric: 'first_reply', state: 'cancelled' }), clock({ metric: 'resolution', state: 'paused' })],
      expected: { sla_achieved: [], sla_breached: [], sla_slack_ratio: null, sla_recheck_at: null },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(slaOutcomes(c.clocks, now)).toEqual(c.expected);
    });
  }
});
