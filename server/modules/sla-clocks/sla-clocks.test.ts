import { sql } from 'kysely';
import { expect, it, vi } from 'vitest';
import { addUser, createTicket, createWorkspace, type WorkspaceFixture } from '../../../test/factories.ts';
import { type Auth, call, describeEngines, walkPages } from '../../../test/harness.ts';
import { ManualClock } from '../../platform/clock.ts';
import type { BusinessCalendar } from '../sla/calendar.ts';
import type { ClockPolicy } from '../sla/clocks/clock-types.ts';
import { projectClockEventData } from '../sla/clocks/event-data-read.ts';
import * as repo from './sla-clocks.repository.ts';
import { recomputeWorkspaceClocks, refreshTicketClocks, type SlaClockResolver } from './sla-clocks.service.ts';
import { createOfficeCalendar, HOUR, iso, mon, officeResolver, tue, wed } from './test-sla.ts';

// The ticket services refresh clocks with the workspace's policies; these tests give a workspace
// a hand-built resolver instead, so every due time below is known by hand.
const handBuilt = vi.hoisted(() => new Map<string, unknown>());
vi.mock('../sla-policies/policy-resolver.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../sla-policies/policy-resolver.ts')>();
  return {
    ...real,
    loadClockPolicyResolver: async (...args: Parameters<typeof real.loadClockPolicyResolver>) =>
      (handBuilt.get(args[1]) as Awaited<ReturnType<typeof real.loadClockPolicyResolver>> | undefined) ?? real.loadClockPolicyResolver(...args),
  };
});

const clock = new ManualClock(mon('10:00'));
// biome-ignore lint/suspicious/noExplicitAny: response bodies, checked by the assertions
type Body = Record<string, any>;

async function officeWorkspace(
  app: Parameters<typeof call>[0],
): Promise<{ ws: WorkspaceFixture; resolver: SlaClockResolver & { policyId: string }; calendar: BusinessCalendar }> {
  clock.set(mon('08:00'));
  const ws = await createWorkspace(app);
  const { calendar } = await createOfficeCalendar(app, ws.as);
  const resolver = officeResolver(calendar);
  handBuilt.set(ws.workspaceId, resolver);
  return { ws, resolver, calendar };
}

async function getTicket(app: Parameters<typeof call>[0], as: Auth, id: string): Promise<Body> {
  const res = await call(app, 'GET', `/api/v1/tickets/${id}`, { as });
  expect(res.statusCode).toBe(200);
  return res.json();
}

const clockOf = (ticket: Body, metric: string, instance = 1) => ticket.sla.clocks.find((c: Body) => c.metric === metric && c.instance === instance);

async function reply(app: Parameters<typeof call>[0], as: Auth, id: string, at: string, body: Body = {}) {
  clock.set(at);
  const res = await call(app, 'POST', `/api/v1/tickets/${id}/messages`, { as, body: { kind: 'public_reply', body_text: 'On it.', ...body } });
  expect(res.statusCode).toBe(201);
}

describeEngines(
  'SLA clocks on tickets',
  (get) => {
    it('a new ticket gets first_reply and resolution clocks due in business time; an agent reply fulfils first_reply', async () => {
      const { app } = get();
      const { ws, resolver } = await officeWorkspace(app);
      clock.set(mon('10:00'));
      const created = await createTicket(app, ws.as);
      expect(created.sla.clocks.map((c: Body) => c.metric)).toEqual(['first_reply', 'resolution']);
      expect(clockOf(created, 'first_reply')).toMatchObject({
        instance: 1,
        policy_id: resolver.policyId,
        state: 'active',
        mode: 'business',
        target_seconds: 4 * HOUR,
        started_at: iso(mon('10:00')),
        due_at: iso(mon('14:00')),
        display_status: 'pending',
        remaining_business_seconds: 4 * HOUR,
      });
      // 16 business hours: Mon 10–17 (7), Tue 09–17 (8), Wed 09–10 (1).
      expect(clockOf(created, 'resolution').due_at).toBe(iso(wed('10:00')));
      expect(created.sla).toMatchObject({ status: 'pending', next_due_at: iso(mon('14:00')), error: null });

      // Overnight, business time stands still while wall-clock time runs.
      clock.set(tue('09:30'));
      const morning = await getTicket(app, ws.as, created.id);
      expect(clockOf(morning, 'resolution')).toMatchObject({ elapsed_seconds: 7.5 * HOUR, remaining_business_seconds: 8.5 * HOUR });
      expect(clockOf(morning, 'resolution').remaining_calendar_seconds).toBe((Date.parse(wed('10:00')) - Date.parse(tue('09:30'))) / 1000);
      expect(clockOf(morning, 'first_reply')).toMatchObject({ display_status: 'breaching', breached_at: iso(mon('14:00')) });
      expect(morning.sla.status).toBe('breaching');

      // Another ticket, answered in time.
      clock.set(mon('10:00'));
      const second = await createTicket(app, ws.as);
      await reply(app, ws.as, second.id, mon('11:00'));
      const answered = await getTicket(app, ws.as, second.id);
      expect(clockOf(answered, 'first_reply')).toMatchObject({
        state: 'fulfilled',
        outcome: 'achieved',
        display_status: 'achieved',
        elapsed_seconds: HOUR,
        fulfilled_at: iso(mon('11:00')),
        remaining_business_seconds: null,
        breached_at: null,
      });
      expect(answered.sla).toMatchObject({ status: 'pending', next_due_at: iso(wed('10:00')) });
    });

    it('pending pauses resolution (no due time), a customer reply resumes it; a priority change recomputes due', async () => {
      const { app } = get();
      const { ws } = await officeWorkspace(app);
      clock.set(mon('10:00'));
      const ticket = await createTicket(app, ws.as);
      await reply(app, ws.as, ticket.id, mon('12:00'), { status: 'pending' });
      clock.set(mon('15:00'));
      const paused = await getTicket(app, ws.as, ticket.id);
      expect(clockOf(paused, 'resolution')).toMatchObject({
        state: 'paused',
        due_at: null,
        display_status: 'paused',
        elapsed_seconds: 2 * HOUR,
        remaining_business_seconds: 14 * HOUR,
        remaining_calendar_seconds: null,
      });
      expect(paused.sla).toMatchObject({ status: 'paused', next_due_at: null });

      // The customer writes back Tuesday 10:00: 14 h remain → Tue 10–17 (7) + Wed 09–16 (7).
      clock.set(tue('10:00'));
      await call(app, 'POST', `/api/v1/tickets/${ticket.id}/messages`, { as: ws.as, body: { kind: 'customer', body_text: 'Still broken' } });
      expect(clockOf(await getTicket(app, ws.as, ticket.id), 'resolution')).toMatchObject({ state: 'active', due_at: iso(wed('16:00')) });

      // Priority change mid-way: start and elapsed kept, the new target gives the due time.
      clock.set(mon('10:00'));
      const other = await createTicket(app, ws.as);
      clock.set(mon('11:00'));
      const raised = (await call(app, 'PATCH', `/api/v1/tickets/${other.id}`, { as: ws.as, body: { priority: 'high' } })).json();
      expect(clockOf(raised, 'first_reply')).toMatchObject({ target_seconds: 2 * HOUR, started_at: iso(mon('10:00')), due_at: iso(mon('12:00')) });
      // 8 h resolution: Mon 10–17 (7) + Tue 09–10 (1).
      expect(clockOf(raised, 'resolution').due_at).toBe(iso(tue('10:00')));
      // Low priority has no policy: the clocks of that wait are cancelled.
      clock.set(mon('11:30'));
      const lowered = (await call(app, 'PATCH', `/api/v1/tickets/${other.id}`, { as: ws.as, body: { priority: 'low' } })).json();
      expect(lowered.sla.clocks.map((c: Body) => c.state)).toEqual(['cancelled', 'cancelled']);
      expect(lowered.sla).toMatchObject({ status: 'cancelled', next_due_at: null });
    });

    it('lists filter by imminent, breaching and breached, and sort by next due time with a cursor', async () => {
      const { app } = get();
      const { ws } = await officeWorkspace(app);
      clock.set(mon('10:00'));
      await createTicket(app, ws.as, { subject: 'normal' }); // first reply due 14:00, warned from 13:00
      const high = await createTicket(app, ws.as, { subject: 'high', priority: 'high' }); // due 12:00
      await createTicket(app, ws.as, { subject: 'low', priority: 'low' }); // no policy
      const late = await createTicket(app, ws.as, { subject: 'late', priority: 'high' });
      const urgent = await createTicket(app, ws.as, { subject: 'urgent', priority: 'urgent' }); // 30 min calendar: 10:30
      await reply(app, ws.as, urgent.id, mon('10:20'));
      await reply(app, ws.as, late.id, mon('12:30')); // answered after 12:00: breached

      clock.set(mon('13:10'));
      const subjects = async (query: string) =>
        ((await call(app, 'GET', `/api/v1/tickets?${query}`, { as: ws.as })).json().data as Body[]).map((t) => t.subject).sort();
      expect(await subjects('sla=breaching')).toEqual(['high']);
      expect(await subjects('sla=breached')).toEqual(['high', 'late']);
      expect(await subjects('sla=imminent')).toEqual(['normal']);

      const list = (await call(app, 'GET', '/api/v1/tickets?sort=sla_due&limit=100', { as: ws.as })).json().data as Body[];
      // high (12:00), normal (14:00), late (resolution Tue 10:00), urgent (nothing running), low (none): ties by id.
      expect(list.map((t) => t.subject).slice(0, 3)).toEqual(['high', 'normal', 'late']);
      expect(list.map((t) => t.subject).slice(3).sort()).toEqual(['low', 'urgent']);
      expect(list[0]?.sla).toEqual({ status: 'breaching', next_due_at: iso(mon('12:00')), error: null });
      expect(list[1]?.sla).toEqual({ status: 'imminent', next_due_at: iso(mon('14:00')), error: null });
      expect(list[2]?.sla.status).toBe('breached');
      expect(list[0]).not.toHaveProperty('sla.clocks');
      // The cursor follows the same order, page by page.
      expect(await walkPages(app, ws.as, '/api/v1/tickets?sort=sla_due', 2)).toEqual(list.map((t) => t.id));
      expect(await walkPages(app, ws.as, '/api/v1/tickets?sort=sla_due&sla=breached', 1)).toEqual([high.id, late.id]);
      const byActivity = (await call(app, 'GET', '/api/v1/tickets?limit=1', { as: ws.as })).json();
      const mixed = await call(app, 'GET', `/api/v1/tickets?sort=sla_due&cursor=${byActivity.next_cursor}`, { as: ws.as });
      expect(mixed.statusCode).toBe(400);
      expect(mixed.json().code).toBe('invalid_cursor');
    });

    it('a recompute from history gives the stored clocks, ticket by ticket and in batches', async () => {
      const { app, database } = get();
      const { ws, resolver } = await officeWorkspace(app);
      const db = database.db;
      clock.set(mon('09:15'));
      const ids: string[] = [];
      for (const priority of ['normal', 'high', 'urgent', 'low', 'normal']) ids.push((await createTicket(app, ws.as, { priority })).id);
      const [a, b, c, , e] = ids as [string, string, string, string, string];
      await reply(app, ws.as, a, mon('10:00'), { status: 'pending' });
      await reply(app, ws.as, b, mon('12:00'));
      clock.set(mon('13:00'));
      await call(app, 'POST', `/api/v1/tickets/${a}/messages`, { as: ws.as, body: { kind: 'customer', body_text: 'Back again' } });
      await reply(app, ws.as, c, mon('13:30'), { status: 'solved' });
      clock.set(mon('16:00'));
      await call(app, 'PATCH', `/api/v1/tickets/${e}`, { as: ws.as, body: { priority: 'high' } });
      await reply(app, ws.as, a, tue('11:00'), { status: 'solved' });
      clock.set(tue('15:00'));
      await call(app, 'POST', `/api/v1/tickets/${a}/messages`, { as: ws.as, body: { kind: 'customer', body_text: 'Not fixed' } });

      const now = new Date(wed('09:30'));
      clock.set(now);
      const snapshot = async () => Promise.all(ids.map((id) => getTicket(app, ws.as, id).then((t) => t.sla)));
      // Running clocks are compared through the API (as of now); the others as stored.
      const rowsOf = async () =>
        (await repo.loadClockRows(db, ws.workspaceId, ids))
          .filter((r) => r.state !== 'active')
          .map(({ computed_at: _, ...r }) => r)
          .sort((x, y) => `${x.ticket_id}${x.metric}${x.instance}`.localeCompare(`${y.ticket_id}${y.metric}${y.instance}`));
      const before = await snapshot();
      const beforeRows = await rowsOf();
      expect(before.flatMap((s) => s.clocks).length).toBeGreaterThan(6);

      for (const id of ids) {
        await repo.replaceClockRows(db, ws.workspaceId, [id], []);
        await refreshTicketClocks(db, { workspace_id: ws.workspaceId, id }, now, resolver);
      }
      expect(await snapshot()).toEqual(before);
      expect(await rowsOf()).toEqual(beforeRows);

      await repo.replaceClockRows(db, ws.workspaceId, ids, []);
      const done = await recomputeWorkspaceClocks(db, ws.workspaceId, now, { onlyOpen: false, batchSize: 2, resolver });
      expect(done.processed).toBe(5);
      expect(await snapshot()).toEqual(before);
      expect(await rowsOf()).toEqual(beforeRows);

      // Once more, over the rows just stored: every row comes out equal, so none is rewritten
      // (a row's version, xmin and ctid, changes with any delete, insert or update).
      const versions = async () =>
        (
          await sql<{ v: string }>`
            select ticket_id::text || metric || instance::text || xmin::text || ctid::text as v
            from ticket_clocks where ticket_id = any(${ids}::uuid[]) order by v`.execute(db)
        ).rows.map((r) => r.v);
      const stored = await versions();
      expect(stored.length).toBeGreaterThan(6);
      await recomputeWorkspaceClocks(db, ws.workspaceId, now, { onlyOpen: false, batchSize: 2, resolver });
      expect(await versions()).toEqual(stored);
      expect(await snapshot()).toEqual(before);
    });

    it('reads each event with the data the clock engine reads of it, and nothing else', async () => {
      const { app, database } = get();
      const { ws } = await officeWorkspace(app);
      clock.set(mon('09:15'));
      const { id } = await createTicket(app, ws.as, { priority: 'high', tags: ['vip'] });
      const patched = await call(app, 'PATCH', `/api/v1/tickets/${id}`, { as: ws.as, body: { priority: 'urgent', tags: ['vip', 'ภาษาไทย'], category: 'billing' } });
      expect(patched.statusCode).toBe(200);
      await reply(app, ws.as, id, mon('10:00'), { status: 'pending' });
      const stored = await database.db
        .selectFrom('ticket_events')
        .select(['type', 'data'])
        .where('ticket_id', '=', id)
        .orderBy('occurred_at')
        .orderBy('seq')
        .execute();
      expect(new Set(stored.map((e) => e.type))).toEqual(new Set(['created', 'message_added', 'priority_changed', 'tags_changed', 'category_changed', 'status_changed']));
      const read = (await repo.loadClockEvents(database.db, ws.workspaceId, [id])).of(id).sort((a, b) => a.occurred_at - b.occurred_at || a.seq - b.seq);
      expect(read.map((e) => ({ type: e.type, data: e.data }))).toEqual(
        stored.map((e) => ({ type: e.type, data: projectClockEventData(e.type, e.data as Record<string, unknown>) })),
      );
      // What it leaves out: the message's id, the ticket's subject.
      expect(read.find((e) => e.type === 'message_added')?.data).toEqual({ kind: 'customer', channel: expect.any(String) });
      expect(read.find((e) => e.type === 'created')?.data).not.toHaveProperty('subject');
    });

    it('fulfilled clocks keep the promise made at the time when policies change; closed tickets keep theirs; a broken policy flags', async () => {
      const { app, database } = get();
      const { ws, resolver, calendar } = await officeWorkspace(app);
      clock.set(mon('10:00'));
      const kept = await createTicket(app, ws.as);
      const closed = await createTicket(app, ws.as);
      await reply(app, ws.as, kept.id, mon('11:00'));
      await reply(app, ws.as, closed.id, mon('11:00'), { status: 'solved' });
      clock.set(mon('11:30'));
      expect((await call(app, 'PATCH', `/api/v1/tickets/${closed.id}`, { as: ws.as, body: { status: 'closed' } })).statusCode).toBe(200);

      // Stricter promises from now on: first reply in 30 minutes, resolution in 2 hours.
      const strict: ClockPolicy = {
        targets: { normal: [{ metric: 'first_reply', seconds: 1800, mode: 'business', calendar }, { metric: 'resolution', seconds: 2 * HOUR, mode: 'business', calendar }] },
      };
      handBuilt.set(ws.workspaceId, { policyFor: () => strict, policyIdFor: () => resolver.policyId });
      clock.set(mon('12:00'));
      const changed = (await call(app, 'PATCH', `/api/v1/tickets/${kept.id}`, { as: ws.as, body: { tags: ['vip'] } })).json();
      expect(clockOf(changed, 'first_reply')).toMatchObject({ target_seconds: 4 * HOUR, outcome: 'achieved' });
      expect(clockOf(changed, 'resolution')).toMatchObject({ target_seconds: 2 * HOUR, due_at: iso(mon('12:00')), display_status: 'breaching' });

      // The recompute job's default: open tickets only, fulfilled clocks as stored.
      const now = clock.now();
      expect((await recomputeWorkspaceClocks(database.db, ws.workspaceId, now, { onlyOpen: true })).processed).toBe(1);
      expect(clockOf(await getTicket(app, ws.as, closed.id), 'first_reply')).toMatchObject({ target_seconds: 4 * HOUR, outcome: 'achieved' });
      expect(clockOf(await getTicket(app, ws.as, kept.id), 'first_reply')).toMatchObject({ target_seconds: 4 * HOUR, outcome: 'achieved' });
      // A historical recompute applies today's policies to all of history.
      expect((await recomputeWorkspaceClocks(database.db, ws.workspaceId, now, { onlyOpen: false })).processed).toBe(2);
      for (const id of [kept.id, closed.id]) {
        expect(clockOf(await getTicket(app, ws.as, id), 'first_reply')).toMatchObject({ target_seconds: 1800, outcome: 'breached', breached_at: iso(mon('10:30')) });
      }

      // Policies that cannot be computed flag the ticket, which keeps the clocks it had.
      const before = (await getTicket(app, ws.as, kept.id)).sla;
      handBuilt.set(ws.workspaceId, {
        policyFor: () => {
          throw new RangeError('calendar 42 never opens');
        },
        policyIdFor: () => null,
      });
      const flagged = (await call(app, 'PATCH', `/api/v1/tickets/${kept.id}`, { as: ws.as, body: { tags: ['vip', 'billing'] } })).json();
      expect(flagged.sla.error).toMatch(/calendar 42 never opens/);
      expect(flagged.sla.clocks).toEqual(before.clocks);
      const listed = (await call(app, 'GET', '/api/v1/tickets?sort=sla_due&limit=1', { as: ws.as })).json().data[0];
      expect(listed).toMatchObject({ id: kept.id, sla: { status: 'breached', error: expect.stringMatching(/never opens/) } });
    });

    it('an imported historical ticket gets its clocks from its own timestamps', async () => {
      const { app } = get();
      const { ws } = await officeWorkspace(app);
      const agent = await addUser(app, ws, 'agent');
      clock.set('2026-02-02T00:00:00Z');
      const line = (externalId: string, replyAt: string, solvedAt: string) =>
        JSON.stringify({
          external_id: externalId,
          subject: `History ${externalId}`,
          channel: 'email',
          status: 'solved',
          created_at: mon('10:00'),
          customer: { email: `${externalId}@customer.test` },
          messages: [
            { kind: 'customer', body_text: 'Help', created_at: mon('10:00') },
            { kind: 'public_reply', author_email: agent.email, body_text: 'Done', created_at: replyAt },
          ],
          status_changes: [{ to: 'solved', at: solvedAt, by_email: agent.email }],
        });
      const res = await call(app, 'POST', '/api/v1/imports/tickets', {
        as: ws.as,
        body: [line('h-1', mon('15:00'), tue('10:00')), line('h-2', mon('11:00'), wed('12:00'))].join('\n'),
        headers: { 'content-type': 'application/x-ndjson' },
      });
      expect(res.statusCode).toBe(201);
      const tickets = (await call(app, 'GET', '/api/v1/tickets?limit=10', { as: ws.as })).json().data as Body[];
      const bySubject = new Map(tickets.map((t) => [t.subject, t.id]));

      const late = await getTicket(app, ws.as, bySubject.get('History h-1'));
      expect(clockOf(late, 'first_reply')).toMatchObject({ outcome: 'breached', breached_at: iso(mon('14:00')), elapsed_seconds: 5 * HOUR });
      expect(clockOf(late, 'resolution')).toMatchObject({ outcome: 'achieved', fulfilled_at: iso(tue('10:00')), elapsed_seconds: 8 * HOUR });
      expect(late.sla.status).toBe('breached');

      const slow = await getTicket(app, ws.as, bySubject.get('History h-2'));
      expect(clockOf(slow, 'first_reply')).toMatchObject({ outcome: 'achieved', elapsed_seconds: HOUR });
      // Solved Wednesday 12:00: 18 business hours against 16.
      expect(clockOf(slow, 'resolution')).toMatchObject({ outcome: 'breached', breached_at: iso(wed('10:00')), elapsed_seconds: 18 * HOUR });
    });
  },
  // Sessions outlive the days these tests travel through.
  { clock: () => clock, config: { GAPWISE_SESSION_TTL_HOURS: '10000' } },
);
