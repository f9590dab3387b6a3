import { expect, it } from 'vitest';
import { createTicket, createWorkspace } from '../../../test/factories.ts';
import { call, describeEngines } from '../../../test/harness.ts';
import { ManualClock } from '../../platform/clock.ts';
import { mon, tue } from '../sla-clocks/test-sla.ts';
import { pendingTicketFacts, rebuildTicketFacts, refreshTicketFacts } from './ticket-facts.service.ts';

const clock = new ManualClock(mon('08:00'));

describeEngines(
  'Ticket facts: refresh',
  (get) => {
    it('builds a fact per ticket from its history and keeps it in step with new events', async () => {
      const { app, database } = get();
      clock.set(mon('08:00'));
      const ws = await createWorkspace(app);
      clock.set(mon('10:00'));
      const id = (await createTicket(app, ws.as, { tags: ['vip'] })).id as string;
      expect(await pendingTicketFacts(database.db, ws.workspaceId)).toBe(1);
      expect(await refreshTicketFacts(database.db, { now: clock.now() })).toMatchObject({ refreshed: expect.any(Number) });
      expect(await pendingTicketFacts(database.db, ws.workspaceId)).toBe(0);
      const fact = async () => database.db.selectFrom('ticket_facts').selectAll().where('ticket_id', '=', id).executeTakeFirstOrThrow();
      expect(await fact()).toMatchObject({ workspace_id: ws.workspaceId, status: 'new', tags: ['vip'], first_reply_at: null, agent_replies: 0 });

      clock.set(mon('11:00'));
      expect((await call(app, 'POST', `/api/v1/tickets/${id}/messages`, { as: ws.as, body: { kind: 'public_reply', body_text: 'Hi' } })).statusCode).toBe(201);
      clock.set(tue('10:00'));
      expect((await call(app, 'PATCH', `/api/v1/tickets/${id}`, { as: ws.as, body: { status: 'solved' } })).statusCode).toBe(200);
      expect(await pendingTicketFacts(database.db, ws.workspaceId)).toBe(1);
      await refreshTicketFacts(database.db, { now: clock.now() });
      expect(await fact()).toMatchObject({
        status: 'solved',
        first_reply_at: new Date(mon('11:00')),
        first_reply_s: 3600,
        first_solved_at: new Date(tue('10:00')),
        solved_at: new Date(tue('10:00')),
        resolution_s: 24 * 3600,
        agent_replies: 1,
        next_reply_s: [],
        next_reply_business_s: [],
      });
      await rebuildTicketFacts(database.db, ws.workspaceId, { now: clock.now() });
      expect((await fact()).resolution_s).toBe(24 * 3600);
    });

    it('backlog, next replies, reopen and one-touch rates, SLA attainment, tags, excluded tickets and unknown filters by hand', async () => {
      const { app, database } = get();
      const utc = (day: number, time: string) => `2026-01-0${day}T${time}:00Z`;
      clock.set(utc(4, '08:00'));
      const ws = await createWorkspace(app);
      const policy = await call(app, 'POST', '/api/v1/sla-policies', {
        as: ws.as,
        body: { name: 'Fast', targets: { normal: { first_reply: { minutes: 45, mode: 'calendar' } } } },
      });
      expect(policy.statusCode, policy.body).toBe(201);
      const open = async (at: string, tags: string[]) => {
        clock.set(at);
        return (await createTicket(app, ws.as, { tags })).id as string;
      };
      const message = async (id: string, at: string, kind: 'public_reply' | 'customer') => {
        clock.set(at);
        expect((await call(app, 'POST', `/api/v1/tickets/${id}/messages`, { as: ws.as, body: { kind, body_text: 'Hello' } })).statusCode).toBe(201);
      };
      const status = async (id: string, at: string, to: string) => {
        clock.set(at);
        expect((await call(app, 'PATCH', `/api/v1/tickets/${id}`, { as: ws.as, body: { status: to } })).statusCode).toBe(200);
      };
      const a = await open(utc(5, '10:00'), ['vip']);
      const b = await open(utc(5, '10:00'), ['vip', 'refund']);
      await open(utc(5, '10:00'), ['spam']);
      await open(utc(5, '10:00'), []);
      await message(a, utc(5, '11:00'), 'public_reply'); // first reply 1 h: late (45 min)
      await status(a, utc(5, '12:00'), 'solved'); // one touch
      await message(b, utc(5, '10:30'), 'public_reply'); // first reply 30 min: in time
      await message(b, utc(5, '11:00'), 'customer');
      await message(b, utc(5, '13:00'), 'public_reply'); // next reply 2 h
      await status(b, utc(5, '14:00'), 'solved'); // two replies: not one touch
      await message(b, utc(6, '10:00'), 'customer'); // reopens; the wait ends with a solve, not a reply
      await status(b, utc(6, '12:00'), 'solved');
      clock.set(utc(7, '00:00'));
      await refreshTicketFacts(database.db, { now: clock.now() });

      const groups = async (query: string) => {
        const res = await call(app, 'GET', `/api/v1/analytics/tickets?tz=UTC&${query}`, { as: ws.as });
        expect(res.statusCode, res.body).toBe(200);
        return res.json().groups as Record<string, any>[];
      };
      const [all] = await groups(`from=${utc(5, '00:00')}&to=${utc(7, '00:00')}`);
      expect(all).toMatchObject({
        created: 4, // the spam ticket counts here only
        solved: 2,
        backlog: 1, // the ticket nobody answered
        first_reply: { n: 2, calendar: { median: 2700, mean: 2700 } },
        // The policy has no next_reply target: no clock, so no business time.
        next_reply: { n: 1, calendar: { median: 7200, p90: 7200, mean: 7200 }, business: { n: 0, median: null } },
        resolution: { n: 2, calendar: { median: 3 * 3600 } },
        reopen: { n: 2, count: 1, rate: 0.5 },
        one_touch: { n: 2, count: 1, rate: 0.5 },
        // a late, b in time, the unanswered ticket running past due; the spam ticket left out.
        sla: { first_reply: { n: 3, achieved: 1, breached: 2, attainment: 1 / 3 } },
      });
      // While b was reopened (Tuesday 10:00–12:00) it is in the backlog again.
      expect((await groups(`from=${utc(5, '00:00')}&to=${utc(6, '11:00')}`))[0]).toMatchObject({ backlog: 2 });
      expect((await groups(`from=${utc(5, '00:00')}&to=${utc(7, '00:00')}&group_by=day`)).map((r) => [r.group, r.created, r.solved, r.backlog])).toEqual([
        ['2026-01-05', 4, 2, 1],
        ['2026-01-06', 0, 0, 1],
      ]);
      expect((await groups(`from=${utc(5, '00:00')}&to=${utc(7, '00:00')}&group_by=tag`)).map((r) => [r.group, r.created, r.solved, r.backlog])).toEqual([
        ['refund', 1, 1, 0],
        ['spam', 1, 0, 0],
        ['vip', 2, 2, 0],
        [null, 1, 0, 1],
      ]);
      // A filter naming something that does not exist (or no longer does) matches nothing.
      expect((await groups(`from=${utc(5, '00:00')}&to=${utc(7, '00:00')}&team_id=00000000-0000-7000-8000-000000000000`))[0]).toMatchObject({
        created: 0,
        backlog: 0,
        first_reply: { n: 0, calendar: { median: null } },
        sla: {},
        reopen: { n: 0, rate: null },
      });
      // A range with no data: every figure zero or null, each with its n.
      expect((await groups(`from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z`))[0]).toMatchObject({ created: 0, solved: 0, backlog: 0, resolution: { n: 0 } });
      // Ten years by day is refused, not computed.
      const tooLong = await call(app, 'GET', '/api/v1/analytics/tickets?from=2016-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&group_by=day', { as: ws.as });
      expect(tooLong.statusCode).toBe(400);
    });
  },
  { clock: () => clock, config: { GAPWISE_SESSION_TTL_HOURS: '10000' } },
);
