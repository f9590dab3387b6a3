import type { FastifyInstance } from 'fastify';
import { expect, it } from 'vitest';
import { createTicket, createWorkspace } from '../../../test/factories.ts';
import { type Auth, call, describeEngines } from '../../../test/harness.ts';
import { computeClocks } from '../sla/index.ts';
import type { ClockEvent, ClockInstance, ClockTicketState } from '../sla/clocks/clock-types.ts';
import { history } from '../sla/clocks/test-history.ts';
import * as calendarsRepo from '../calendars/calendars.repository.ts';
import * as tiersRepo from '../tiers/tiers.repository.ts';
import { loadClockPolicyResolver } from './policy-resolver.ts';

/** The resolver over policies stored through the API, driving the clock engine. */
async function created(app: FastifyInstance, as: Auth, url: string, body: unknown): Promise<string> {
  const res = await call(app, 'POST', url, { as, body });
  if (res.statusCode !== 201) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

const dueOf = (clocks: ClockInstance[], metric: string) => clocks.find((c) => c.metric === metric)?.due_at?.toISOString() ?? null;
const weekdays = (start: string, end: string) => Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start, end }]]));

function ticketState(over: Partial<ClockTicketState>): ClockTicketState {
  return { status: 'open', priority: 'normal', tier_id: null, channel: 'email', team_id: null, branch_id: null, assignee_id: null, organization_id: null, category: null, tags: [], custom_fields: {}, ...over };
}

describeEngines('SLA policy resolver', (get) => {
  it('Gold/urgent gets its business-hours targets on its calendar; other tickets the fallback', async () => {
    const { app, database } = get();
    const ws = await createWorkspace(app);
    // Prague office, Mon–Fri 08:00–16:30 (CET, UTC+1 in January).
    const prague = await created(app, ws.as, '/api/v1/calendars', { name: 'Prague', time_zone: 'Europe/Prague', weekly_hours: weekdays('08:00', '16:30') });
    const gold = await created(app, ws.as, '/api/v1/tiers', { name: 'Gold', rank: 10 });
    const fallback = await created(app, ws.as, '/api/v1/sla-policies', {
      name: 'Everyone',
      targets: { urgent: { first_reply: { minutes: 240, mode: 'calendar' } }, normal: { first_reply: { minutes: 480, mode: 'calendar' } } },
    });
    const goldUrgent = await created(app, ws.as, '/api/v1/sla-policies', {
      name: 'Gold urgent',
      conditions: { tier_ids: [gold], priorities: ['urgent'] },
      targets: { urgent: { first_reply: { minutes: 60, mode: 'business', calendar_id: prague }, resolution: { minutes: 600, mode: 'business', calendar_id: prague } } },
    });
    await created(app, ws.as, '/api/v1/sla-policies', { name: 'Switched off', active: false, targets: { urgent: { first_reply: { minutes: 1, mode: 'calendar' } } } });
    // Gold first: the fallback was created first, so it must be moved below.
    const listed = (await call(app, 'GET', '/api/v1/sla-policies', { as: ws.as })).json().data.map((p: { id: string }) => p.id);
    const order = [goldUrgent, fallback, ...listed.filter((id: string) => id !== goldUrgent && id !== fallback)];
    expect((await call(app, 'POST', '/api/v1/sla-policies/reorder', { as: ws.as, body: { ids: order } })).statusCode).toBe(200);

    const resolver = await loadClockPolicyResolver(database.db, ws.workspaceId);
    expect(resolver.issues).toEqual([]);

    // Fri 2026-01-09 16:00 Prague: 30 business minutes on Friday, 30 more from Monday 08:00.
    const friday = '2026-01-09T16:00:00+01:00';
    const goldTicket = history(friday, { priority: 'urgent', tier: gold }).events;
    const clocks = computeClocks(goldTicket, resolver.policyFor, new Date('2026-01-09T16:10:00+01:00'));
    expect(clocks.map((c) => [c.metric, c.target.seconds, c.target.mode])).toEqual([
      ['first_reply', 3600, 'business'],
      ['resolution', 36_000, 'business'],
    ]);
    expect(dueOf(clocks, 'first_reply')).toBe(new Date('2026-01-12T08:30:00+01:00').toISOString());
    // 600 min: 30 on Friday, 510 on Monday (a whole day), 60 on Tuesday.
    expect(dueOf(clocks, 'resolution')).toBe(new Date('2026-01-13T09:00:00+01:00').toISOString());

    const plainUrgent = computeClocks(history(friday, { priority: 'urgent', tier: null }).events, resolver.policyFor, new Date(friday));
    expect(plainUrgent.map((c) => c.metric)).toEqual(['first_reply']);
    expect(dueOf(plainUrgent, 'first_reply')).toBe(new Date('2026-01-09T20:00:00+01:00').toISOString());
    const goldNormal = computeClocks(history(friday, { priority: 'normal', tier: gold }).events, resolver.policyFor, new Date(friday));
    expect(dueOf(goldNormal, 'first_reply')).toBe(new Date('2026-01-10T00:00:00+01:00').toISOString());

    expect(resolver.policyIdFor('urgent', gold, ticketState({ priority: 'urgent', tier_id: gold }))).toBe(goldUrgent);
    expect(resolver.policyIdFor('normal', gold, ticketState({ tier_id: gold }))).toBe(fallback);
    expect(resolver.policyIdFor('low', null, ticketState({ priority: 'low' }))).toBe(fallback);
  });

  it("reads a real ticket's conditions (tags, category, custom fields) from its created event", async () => {
    const { app, database } = get();
    const ws = await createWorkspace(app);
    await created(app, ws.as, '/api/v1/sla-policies', { name: 'Fallback', targets: { normal: { first_reply: { minutes: 480, mode: 'calendar' } } } });
    const vip = await created(app, ws.as, '/api/v1/sla-policies', {
      name: 'VIP billing',
      conditions: { tags_any: ['vip'], categories: ['billing'], custom_fields: { region: 'north' }, channels: ['api'] },
      targets: { normal: { first_reply: { minutes: 30, mode: 'calendar' } } },
    });
    const ids = (await call(app, 'GET', '/api/v1/sla-policies', { as: ws.as })).json().data.map((p: { id: string }) => p.id);
    await call(app, 'POST', '/api/v1/sla-policies/reorder', { as: ws.as, body: { ids: [...ids].reverse() } });
    const resolver = await loadClockPolicyResolver(database.db, ws.workspaceId);

    const eventsOf = async (id: string): Promise<ClockEvent[]> => (await call(app, 'GET', `/api/v1/tickets/${id}/events?limit=100`, { as: ws.as })).json().data;
    const first = async (events: ClockEvent[]) => {
      const created = events[0] as ClockEvent;
      const clocks = computeClocks(events, resolver.policyFor, new Date(created.occurred_at));
      return { clocks, createdAt: new Date(created.occurred_at) };
    };

    const matching = await createTicket(app, ws.as, { tags: ['VIP'], category: 'Billing', custom_fields: { region: 'north' } });
    const m = await first(await eventsOf(matching.id));
    expect(dueOf(m.clocks, 'first_reply')).toBe(new Date(m.createdAt.getTime() + 30 * 60_000).toISOString());

    const other = await createTicket(app, ws.as, { tags: ['vip'], category: 'Billing', custom_fields: { region: 'south' } });
    const o = await first(await eventsOf(other.id));
    expect(dueOf(o.clocks, 'first_reply')).toBe(new Date(o.createdAt.getTime() + 480 * 60_000).toISOString());
    expect(vip).toBe(ids[1]);
  });

  it('a policy naming a deleted calendar is not applied and a deleted tier matches nothing; both are reported', async () => {
    const { app, database } = get();
    const ws = await createWorkspace(app);
    const calendar = await created(app, ws.as, '/api/v1/calendars', { name: 'Short-lived', time_zone: 'UTC', weekly_hours: weekdays('09:00', '17:00') });
    const tier = await created(app, ws.as, '/api/v1/tiers', { name: 'Gold', rank: 10 });
    const byCalendar = await created(app, ws.as, '/api/v1/sla-policies', {
      name: 'Business hours',
      targets: { normal: { first_reply: { minutes: 60, mode: 'business', calendar_id: calendar } } },
    });
    const byTier = await created(app, ws.as, '/api/v1/sla-policies', { name: 'Gold', conditions: { tier_ids: [tier] }, targets: { normal: { first_reply: { minutes: 15, mode: 'calendar' } } } });
    const fallback = await created(app, ws.as, '/api/v1/sla-policies', { name: 'Fallback', targets: { normal: { first_reply: { minutes: 480, mode: 'calendar' } } } });

    const before = await loadClockPolicyResolver(database.db, ws.workspaceId);
    expect(before.policyIdFor('normal', tier, ticketState({ tier_id: tier }))).toBe(byCalendar);

    // The API refuses to delete what a policy names (409); data from before that guard, or a delete
    // racing a policy change, still leaves such policies behind: delete through the repositories.
    expect((await call(app, 'DELETE', `/api/v1/calendars/${calendar}`, { as: ws.as })).statusCode).toBe(409);
    expect(await calendarsRepo.deleteCalendar(database.db, ws.workspaceId, calendar)).toBe(true);
    expect(await tiersRepo.deleteTier(database.db, ws.workspaceId, tier)).toBe(true);
    const after = await loadClockPolicyResolver(database.db, ws.workspaceId);
    expect(after.issues?.map((i) => [i.policy_id, i.path, i.skipped])).toEqual([
      [byCalendar, 'targets.normal.first_reply.calendar_id', true],
      [byTier, 'conditions.tier_ids', false],
    ]);
    // History still carries the deleted tier: the ticket falls to the fallback, with clocks.
    expect(after.policyIdFor('normal', tier, ticketState({ tier_id: tier }))).toBe(fallback);
    const clocks = computeClocks(history('2026-01-05T09:00:00Z', { tier }).events, after.policyFor, new Date('2026-01-05T09:00:00Z'));
    expect(dueOf(clocks, 'first_reply')).toBe('2026-01-05T17:00:00.000Z');
  });

  it('a workspace without policies resolves to none; another workspace never sees them', async () => {
    const { app, database } = get();
    const ws = await createWorkspace(app);
    const other = await createWorkspace(app);
    await created(app, other.as, '/api/v1/sla-policies', { name: 'Theirs', targets: { normal: { first_reply: { minutes: 5, mode: 'calendar' } } } });
    const resolver = await loadClockPolicyResolver(database.db, ws.workspaceId);
    expect(resolver.policyFor('normal', null, ticketState({}))).toBeNull();
    expect(resolver.policyIdFor('normal', null, ticketState({}))).toBeNull();
    expect(computeClocks(history('2026-01-05T09:00:00Z').events, resolver.policyFor, new Date('2026-01-05T10:00:00Z'))).toEqual([]);
  });
});
