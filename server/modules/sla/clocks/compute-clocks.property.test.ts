import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClockInstance, ClockMetric, ClockPolicy, ClockTicketPriority, ClockTicketStatus, PolicyFor } from './clock-types.ts';
import { computeClocks } from './compute-clocks.ts';
import { clockEventDataKeys, projectClockEventData } from './event-data-read.ts';
import { history } from './test-history.ts';
import { ALWAYS, business, calendarMode, type Mode, NY, NY_SPLIT, perPriority } from './test-policies.ts';

/*
 * Properties over random ticket histories (random steps at random gaps, many around the New York
 * DST changes) and random policies:
 * - replay: computing from the prefix of events up to t, at t, equals computing from all events at t;
 * - elapsed time never exceeds the wall time the clock ran (calendar mode: it is at most that;
 *   business time is a part of it);
 * - facts stay facts: a breach recorded at t1 is recorded identically at any t2 > t1, and a
 *   fulfilled (not reopenable) or cancelled clock never changes;
 * - state invariants: paused ⇔ no due_at, active ⇒ due_at, achieved ⇒ elapsed ≤ target and no
 *   breach, active past due_at ⇒ breached, at most one running instance per metric.
 */

const MINUTE = 60_000;
const STATUSES: ClockTicketStatus[] = ['open', 'pending', 'on_hold', 'solved', 'closed'];
const PRIORITIES: ClockTicketPriority[] = ['low', 'normal', 'high', 'urgent'];
const REOPENABLE = new Set<ClockMetric>(['requester_wait', 'agent_work', 'total_resolution']);

type Step =
  | { kind: 'customer' | 'reply' | 'system_reply' | 'note' | 'merged' }
  | { kind: 'status'; to: ClockTicketStatus }
  | { kind: 'reply_with_status'; to: ClockTicketStatus }
  | { kind: 'priority'; to: ClockTicketPriority }
  | { kind: 'tier'; to: string | null };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: 'customer' as const }) },
  { weight: 6, arbitrary: fc.constant({ kind: 'reply' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'system_reply' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'note' as const }) },
  { weight: 4, arbitrary: fc.constantFrom(...STATUSES).map((to) => ({ kind: 'status' as const, to })) },
  { weight: 2, arbitrary: fc.constantFrom(...STATUSES).map((to) => ({ kind: 'reply_with_status' as const, to })) },
  { weight: 2, arbitrary: fc.constantFrom(...PRIORITIES).map((to) => ({ kind: 'priority' as const, to })) },
  { weight: 1, arbitrary: fc.constantFrom('gold', 'silver', null).map((to) => ({ kind: 'tier' as const, to })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'merged' as const }) },
);

// Gaps: often 0 (same instant), often minutes, sometimes over a night or a weekend.
const gapArb = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 120 }), fc.integer({ min: 120, max: 4 * 24 * 60 }));

const historyArb = fc.record({
  start: fc.oneof(
    fc.integer({ min: Date.parse('2024-03-01T00:00:00Z'), max: Date.parse('2024-11-30T00:00:00Z') }),
    fc.integer({ min: Date.parse('2024-03-07T00:00:00Z'), max: Date.parse('2024-03-11T00:00:00Z') }),
    fc.integer({ min: Date.parse('2024-10-31T00:00:00Z'), max: Date.parse('2024-11-04T00:00:00Z') }),
  ).map((ms) => Math.floor(ms / 1000) * 1000),
  channel: fc.constantFrom('email', 'chat'),
  opening: fc.constantFrom('customer' as const, 'agent' as const, 'none' as const),
  priority: fc.constantFrom(...PRIORITIES),
  tier: fc.constantFrom('gold', 'silver', null),
  steps: fc.array(fc.tuple(gapArb, stepArb), { maxLength: 30 }),
});

type HistoryInput = typeof historyArb extends fc.Arbitrary<infer T> ? T : never;

function buildHistory(h: HistoryInput) {
  const iso = (ms: number) => new Date(ms).toISOString();
  const story = history(iso(h.start), { channel: h.channel, opening: h.opening, priority: h.priority, tier: h.tier });
  let at = h.start;
  for (const [gap, step] of h.steps) {
    at += gap * MINUTE;
    const t = iso(at);
    if (step.kind === 'customer') story.customer(t);
    else if (step.kind === 'reply') story.reply(t);
    else if (step.kind === 'system_reply') story.reply(t, { actor: 'system' });
    else if (step.kind === 'note') story.note(t);
    else if (step.kind === 'merged') story.merged(t);
    else if (step.kind === 'status') story.status(t, step.to);
    else if (step.kind === 'reply_with_status') story.reply(t, { status: step.to });
    else if (step.kind === 'priority') story.priority(t, step.to);
    else if (step.kind === 'tier') story.tier(t, step.to);
  }
  return { events: story.events, start: h.start, end: at };
}

function policySet(mode: Mode, scale: number): ClockPolicy {
  const m = (minutes: number) => minutes * scale;
  const all = (k: number) => ({
    first_reply: m(60 * k), next_reply: m(90 * k), periodic_update: m(240 * k), requester_wait: m(480 * k),
    agent_work: m(360 * k), resolution: m(960 * k), total_resolution: m(1440 * k), chat_greet: 1, chat_hold: 0.5,
  });
  // Low has no first/next reply targets, so clocks appear and disappear with priority changes.
  const { first_reply: _f, next_reply: _n, ...lowTargets } = all(4);
  return perPriority({ low: lowTargets, normal: all(2), high: all(1), urgent: all(0.5) }, { mode });
}

/** Per tier: gold is stricter; no tier on a ticket means no policy (clocks cancel). */
function policies(mode: Mode, pauseOnPending: boolean, solve: 'fulfil' | 'cancel'): PolicyFor {
  const options = (p: ClockPolicy): ClockPolicy => ({
    ...p,
    solveWhileWaiting: solve,
    ...(pauseOnPending ? { pauseStatuses: { first_reply: ['pending'], next_reply: ['pending', 'on_hold'] } } : {}),
  });
  const gold = options(policySet(mode, 0.5));
  const silver = options(policySet(mode, 1));
  return (_priority, tier) => (tier === 'gold' ? gold : tier === 'silver' ? silver : null);
}

const policyArb = fc
  .tuple(fc.constantFrom<Mode>(calendarMode, business(NY), business(NY_SPLIT), business(ALWAYS)), fc.boolean(), fc.constantFrom('fulfil' as const, 'cancel' as const))
  .map(([mode, pause, solve]) => ({ mode, policyFor: policies(mode, pause, solve) }));

const key = (c: ClockInstance) => `${c.metric}#${c.instance}`;
const endOf = (c: ClockInstance, now: number) => c.fulfilled_at?.getTime() ?? c.cancelled_at?.getTime() ?? now;

describe('computeClocks properties', () => {
  it('replay: a prefix of history computed at t equals all of history computed at t', () => {
    fc.assert(
      fc.property(historyArb, policyArb, fc.double({ min: 0, max: 1, noNaN: true }), (h, { policyFor }, f) => {
        const { events, start, end } = buildHistory(h);
        const t = Math.round(start + f * (end - start + 60 * MINUTE));
        const prefix = events.filter((e) => new Date(e.occurred_at).getTime() <= t);
        expect(computeClocks(prefix, policyFor, t)).toEqual(computeClocks(events, policyFor, t));
        // And the input order does not matter.
        expect(computeClocks([...events].reverse(), policyFor, t)).toEqual(computeClocks(events, policyFor, t));
      }),
      { numRuns: 150 },
    );
  });

  it('elapsed time is never more than the wall time the clock ran', () => {
    fc.assert(
      fc.property(historyArb, policyArb, fc.double({ min: 0, max: 1, noNaN: true }), (h, { policyFor }, f) => {
        const { events, start, end } = buildHistory(h);
        const now = Math.round(start + f * (end - start + 24 * 60 * MINUTE));
        for (const c of computeClocks(events, policyFor, now)) {
          expect(c.elapsed_ms).toBeGreaterThanOrEqual(0);
          expect(c.elapsed_ms).toBeLessThanOrEqual(endOf(c, now) - c.started_at.getTime());
        }
      }),
      { numRuns: 150 },
    );
  });

  it('facts stay facts: breaches, fulfilments and cancellations do not change later', () => {
    fc.assert(
      fc.property(historyArb, policyArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (h, { policyFor }, f1, f2) => {
        const { events, start, end } = buildHistory(h);
        const span = end - start + 24 * 60 * MINUTE;
        const [t1, t2] = [start + Math.round(Math.min(f1, f2) * span), start + Math.round(Math.max(f1, f2) * span)];
        const later = new Map(computeClocks(events, policyFor, t2).map((c) => [key(c), c]));
        for (const c of computeClocks(events, policyFor, t1)) {
          const same = later.get(key(c));
          expect(same?.started_at).toEqual(c.started_at);
          if (c.breached_at) expect(same?.breached_at).toEqual(c.breached_at);
          if (c.state === 'cancelled' || (c.state === 'fulfilled' && !REOPENABLE.has(c.metric))) expect(same).toEqual(c);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('state invariants hold at any time', () => {
    fc.assert(
      fc.property(historyArb, policyArb, fc.double({ min: 0, max: 1, noNaN: true }), (h, { policyFor }, f) => {
        const { events, start, end } = buildHistory(h);
        const now = Math.round(start + f * (end - start + 24 * 60 * MINUTE));
        const running = new Set<ClockMetric>();
        const last = new Map<ClockMetric, ClockInstance>();
        for (const c of computeClocks(events, policyFor, now)) {
          const target = c.target.seconds * 1000;
          if (c.state === 'paused' || c.state === 'cancelled') expect(c.due_at).toBeNull();
          if (c.state === 'active') {
            expect(c.due_at).not.toBeNull();
            if ((c.due_at as Date).getTime() < now) expect(c.breached_at).not.toBeNull();
            if (c.breached_at === null) expect(c.elapsed_ms).toBeLessThanOrEqual(target);
          }
          if (c.state === 'fulfilled') {
            expect(c.fulfilled_at).not.toBeNull();
            expect(c.outcome).not.toBeNull();
          } else {
            expect(c.outcome).toBeNull();
          }
          if (c.outcome === 'achieved') {
            expect(c.breached_at).toBeNull();
            expect(c.elapsed_ms).toBeLessThanOrEqual(target);
          }
          if (c.outcome === 'breached') expect(c.breached_at !== null || c.elapsed_ms > target).toBe(true);
          if (c.state === 'active' || c.state === 'paused') {
            expect(running.has(c.metric)).toBe(false);
            running.add(c.metric);
          }
          const previous = last.get(c.metric);
          if (previous) {
            expect(c.instance).toBeGreaterThan(previous.instance);
            expect(c.started_at.getTime()).toBeGreaterThanOrEqual(previous.started_at.getTime());
          }
          last.set(c.metric, c);
          expect(c.started_at.getTime()).toBeLessThanOrEqual(now);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('reads only the event data it declares (CLOCK_EVENT_DATA_READ), and that data alone gives the same clocks', () => {
    // Changes of everything a policy condition can read, with a policy that reads them all.
    const changeArb = fc.oneof(
      fc.constantFrom('agent-1', null).map((to) => ['assigned', to] as const),
      fc.constantFrom('team-a', null).map((to) => ['team_changed', to] as const),
      fc.constantFrom('branch-a', null).map((to) => ['branch_changed', to] as const),
      fc.constantFrom('org-a', null).map((to) => ['organization_changed', to] as const),
      fc.constantFrom('billing', null).map((to) => ['category_changed', to] as const),
      fc.constantFrom(['vip'], []).map((to) => ['tags_changed', to] as const),
      fc.constantFrom({ plan: 'gold' }, {}).map((to) => ['custom_fields_changed', to] as const),
    );
    const changesArb = fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), changeArb), { maxLength: 8 });
    const openingArb = fc.record({ team_id: fc.constantFrom('team-a', null), tags: fc.constantFrom(['vip'], []), custom_fields: fc.constantFrom({ plan: 'gold' }, {}) });
    const gold = policySet(calendarMode, 0.5);
    const silver = policySet(calendarMode, 1);
    const policyFor: PolicyFor = (_priority, tier, t) =>
      tier === 'gold' ||
      t.team_id === 'team-a' ||
      t.branch_id === 'branch-a' ||
      t.organization_id === 'org-a' ||
      t.category === 'billing' ||
      t.assignee_id === 'agent-1' ||
      t.tags.includes('vip') ||
      t.custom_fields.plan === 'gold'
        ? gold
        : silver;
    fc.assert(
      fc.property(historyArb, changesArb, openingArb, fc.double({ min: 0, max: 1, noNaN: true }), (h, changes, opening, f) => {
        const built = buildHistory(h);
        const span = built.end - built.start + 60 * MINUTE;
        const changed = changes.map(([g, [type, to]], i) => ({
          type,
          actor_type: 'user' as const,
          data: { from: null, to },
          occurred_at: built.start + Math.round(g * span),
          seq: 1000 + i,
        }));
        // Data the engine must not need: ids, subjects, counts, as the writer stores them.
        const events = [...built.events, ...changed].map((e) => ({
          ...e,
          data: { ...e.data, ...(e.type === 'created' ? opening : {}), message_id: 'm-1', subject: 'Order 1', attachments: 2 },
        }));
        const now = Math.round(built.start + f * span);
        const reads = new Set<string>();
        const watched = events.map((e) => ({ ...e, data: watchReads(e.type, e.data, reads) }));
        const clocks = computeClocks(watched, policyFor, now);
        for (const read of reads) {
          const [type, key] = read.split('.') as [string, string];
          expect(clockEventDataKeys(type), `the engine reads ${read}`).toContain(key);
        }
        const projected = events.map((e) => ({ ...e, data: projectClockEventData(e.type, e.data) }));
        expect(computeClocks(projected, policyFor, now)).toEqual(clocks);
      }),
      { numRuns: 200 },
    );
  });
});

/** `data` that records every key read of it as "type.key" ("type.*" for a listing of its keys). */
function watchReads(type: string, data: Readonly<Record<string, unknown>>, reads: Set<string>): Readonly<Record<string, unknown>> {
  return new Proxy(data, {
    get(target, key, receiver) {
      if (typeof key === 'string') reads.add(`${type}.${key}`);
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      if (typeof key === 'string') reads.add(`${type}.${key}`);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      reads.add(`${type}.*`);
      return Reflect.ownKeys(target);
    },
  });
}
