import { expect, it } from 'vitest';
import { addUser, createTicket, createWorkspace } from '../../../test/factories.ts';
import { type Auth, call, describeEngines } from '../../../test/harness.ts';
import { ManualClock } from '../../platform/clock.ts';
import { recomputeWorkspaceClocks } from '../sla-clocks/sla-clocks.service.ts';
import { createOfficeCalendar, HOUR, mon, officeResolver, tue } from '../sla-clocks/test-sla.ts';
import { summarize } from './analytics-rules.ts';
import { refreshTicketFacts } from './ticket-facts.service.ts';

const clock = new ManualClock(mon('08:00'));
/** Monday 2 February 2026, Bangkok. */
const feb2 = (time: string) => `2026-02-02T${time}:00+07:00`;
const q = (s: string) => encodeURIComponent(s);
const range = `from=${q('2026-01-01T00:00:00+07:00')}&to=${q('2026-03-01T00:00:00+07:00')}`;

type Row = {
  group: string | null;
  period_start: string | null;
  created: number;
  solved: number;
  first_reply: { n: number; calendar: Summary; business: Summary };
  resolution: { n: number; calendar: Summary; business: Summary };
};
type Summary = { median: number | null; p90: number | null; mean: number | null };

const stats = (values: number[]) => {
  const s = summarize(values);
  return { n: s.n, median: s.median, p90: s.p90, mean: s.mean };
};
/** The row's figures in a compact, comparable form. */
const brief = (r: Row) => ({
  group: r.group,
  created: r.created,
  solved: r.solved,
  first_reply: { n: r.first_reply.n, ...r.first_reply.calendar },
  first_reply_business: { n: r.first_reply.n, ...r.first_reply.business },
  resolution: { n: r.resolution.n, ...r.resolution.calendar },
  resolution_business: { n: r.resolution.n, ...r.resolution.business },
});
const close = (expected: ReturnType<typeof stats>) => ({
  n: expected.n,
  median: expected.median === null ? null : expect.closeTo(expected.median, 6),
  p90: expected.p90 === null ? null : expect.closeTo(expected.p90, 6),
  mean: expected.mean === null ? null : expect.closeTo(expected.mean, 6),
});

describeEngines(
  'Analytics: tickets',
  (get) => {
    it('counts, medians, p90 and means by none, team and month; filters, roles and bounds', async () => {
      const { app, database } = get();
      clock.set(mon('08:00'));
      const ws = await createWorkspace(app);
      const supervisor = await addUser(app, ws, 'supervisor');
      const agent = await addUser(app, ws, 'agent');
      const { calendar } = await createOfficeCalendar(app, ws.as);
      const resolver = officeResolver(calendar);
      const team = async (name: string) => (await call(app, 'POST', '/api/v1/teams', { as: ws.as, body: { name } })).json().id as string;
      const [teamA, teamB] = [await team('Alpha'), await team('Beta')];

      const open = async (at: string, overrides: Record<string, unknown>) => {
        clock.set(at);
        return (await createTicket(app, ws.as, overrides)).id as string;
      };
      const reply = async (id: string, at: string) => {
        clock.set(at);
        const res = await call(app, 'POST', `/api/v1/tickets/${id}/messages`, { as: ws.as, body: { kind: 'public_reply', body_text: 'Hello' } });
        expect(res.statusCode).toBe(201);
      };
      const solve = async (id: string, at: string) => {
        clock.set(at);
        const res = await call(app, 'PATCH', `/api/v1/tickets/${id}`, { as: ws.as, body: { status: 'solved' } });
        expect(res.statusCode).toBe(200);
      };

      const n1 = await open(mon('10:00'), { team_id: teamA, tags: ['vip'] });
      const n2 = await open(mon('10:00'), { team_id: teamA });
      const n3 = await open(mon('10:00'), { team_id: teamB });
      const h1 = await open(mon('10:00'), { team_id: teamB, priority: 'high' });
      await reply(n1, mon('11:00')); // 1 h
      await reply(h1, mon('11:00')); // 1 h
      await reply(n2, mon('12:00')); // 2 h
      await reply(n3, mon('15:00')); // 5 h
      await solve(n1, mon('16:00')); // resolution 6 h, 6 business hours
      await solve(n2, tue('10:00')); // resolution 24 h, 8 business hours (Mon 10–17, Tue 9–10)
      // Sunday 1 February 03:00 in Bangkok is still January in UTC; never answered.
      await open('2026-02-01T03:00:00+07:00', { team_id: teamB });
      const f1 = await open(feb2('10:00'), { team_id: teamA });
      await reply(f1, feb2('10:30')); // 30 min
      await solve(f1, feb2('11:00')); // 1 h
      // Outside the range: created in March.
      await open('2026-03-02T10:00:00+07:00', { team_id: teamA });
      clock.set('2026-03-02T12:00:00+07:00');
      // The policies are hand-built here, so the clocks are computed with them explicitly.
      await recomputeWorkspaceClocks(database.db, ws.workspaceId, clock.now(), { onlyOpen: false, resolver });

      const analytics = async (as: Auth, query: string) => {
        await refreshTicketFacts(database.db, { now: clock.now() });
        return call(app, 'GET', `/api/v1/analytics/tickets?${query}`, { as });
      };
      const rows = async (query: string, as: Auth = supervisor.as) => {
        const res = await analytics(as, query);
        expect(res.statusCode, res.body).toBe(200);
        return (res.json().groups as Row[]).map(brief);
      };

      // No grouping.
      const none = await analytics(supervisor.as, range);
      expect(none.json()).toMatchObject({ from: '2025-12-31T17:00:00.000Z', to: '2026-02-28T17:00:00.000Z', time_zone: 'Asia/Bangkok', group_by: 'none' });
      expect((none.json().groups as Row[]).map(brief)).toEqual([
        {
          group: null,
          created: 6,
          solved: 3,
          first_reply: close(stats([HOUR, HOUR, 2 * HOUR, 5 * HOUR, HOUR / 2])),
          first_reply_business: close(stats([HOUR, HOUR, 2 * HOUR, 5 * HOUR, HOUR / 2])),
          resolution: close(stats([6 * HOUR, 24 * HOUR, HOUR])),
          resolution_business: close(stats([6 * HOUR, 8 * HOUR, HOUR])),
        },
      ]);
      // The figures by hand: first reply median 1 h, p90 2 h + 0.6 × 3 h, mean 9.5 h / 5.
      const fr = (none.json().groups[0] as Row).first_reply.calendar;
      expect(fr.median).toBeCloseTo(HOUR, 6);
      expect(fr.p90).toBeCloseTo(3.8 * HOUR, 6);
      expect(fr.mean).toBeCloseTo(1.9 * HOUR, 6);

      // By team.
      expect(await rows(`${range}&group_by=team`)).toEqual(
        [
          {
            group: teamA,
            created: 3,
            solved: 3,
            first_reply: close(stats([HOUR, 2 * HOUR, HOUR / 2])),
            first_reply_business: close(stats([HOUR, 2 * HOUR, HOUR / 2])),
            resolution: close(stats([6 * HOUR, 24 * HOUR, HOUR])),
            resolution_business: close(stats([6 * HOUR, 8 * HOUR, HOUR])),
          },
          {
            group: teamB,
            created: 3,
            solved: 0,
            first_reply: close(stats([HOUR, 5 * HOUR])),
            first_reply_business: close(stats([HOUR, 5 * HOUR])),
            resolution: close(stats([])),
            resolution_business: close(stats([])),
          },
        ].sort((a, b) => (a.group < b.group ? -1 : 1)),
      );

      // By month, in the workspace's zone and in UTC.
      const months = await analytics(supervisor.as, `${range}&group_by=month`);
      expect((months.json().groups as Row[]).map((r) => [r.group, r.period_start, r.created, r.solved, r.first_reply.n, r.resolution.n])).toEqual([
        ['2026-01-01', '2025-12-31T17:00:00.000Z', 4, 2, 4, 2],
        ['2026-02-01', '2026-01-31T17:00:00.000Z', 2, 1, 1, 1],
      ]);
      const februaryTimes = (months.json().groups[1] as Row).resolution.calendar;
      expect(februaryTimes).toEqual({ median: HOUR, p90: HOUR, mean: HOUR });
      const utc = await analytics(supervisor.as, `from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z&group_by=month&tz=UTC`);
      expect(utc.json().time_zone).toBe('UTC');
      expect((utc.json().groups as Row[]).map((r) => [r.group, r.created])).toEqual([
        ['2026-01-01', 5],
        ['2026-02-01', 1],
      ]);
      // Every period is listed, empty ones with zeros and n = 0.
      const weeks = await rows(`from=${q(mon('00:00'))}&to=${q('2026-01-26T00:00:00+07:00')}&group_by=week`);
      expect(weeks.map((r) => [r.group, r.created, r.solved, r.first_reply.n])).toEqual([
        ['2026-01-05', 4, 2, 4],
        ['2026-01-12', 0, 0, 0],
        ['2026-01-19', 0, 0, 0],
      ]);

      // Filters.
      const only = async (filter: string) => (await rows(`${range}&${filter}`))[0];
      expect(await only(`team_id=${teamA}`)).toMatchObject({ created: 3, solved: 3, first_reply: { n: 3 } });
      expect(await only('priority=high')).toMatchObject({ created: 1, solved: 0, first_reply: close(stats([HOUR])) });
      expect(await only('tag=vip')).toMatchObject({ created: 1, solved: 1, resolution: close(stats([6 * HOUR])) });
      expect(await only('channel=email')).toMatchObject({ created: 0, solved: 0, first_reply: { n: 0, median: null } });
      expect(await only(`team_id=${teamB}&priority=normal`)).toMatchObject({ created: 2, first_reply: close(stats([5 * HOUR])) });

      // Roles and bounds.
      expect((await analytics(agent.as, range)).statusCode).toBe(403);
      expect((await analytics(ws.as, range)).statusCode).toBe(200);
      expect((await analytics(null, range)).statusCode).toBe(401);
      const issue = async (query: string) => {
        const res = await analytics(supervisor.as, query);
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json().code).toBe('validation_failed');
        return (res.json().issues as { path: string }[]).map((i) => i.path);
      };
      expect(await issue('from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z')).toEqual(['querystring.to']);
      expect(await issue('from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z')).toEqual(['querystring.from']);
      expect(await issue('from=2024-06-01T00:00:00Z&to=2026-01-01T00:00:00Z&group_by=day')).toEqual(['querystring.group_by']);
      expect(await issue(`${range}&tz=Mars/Olympus`)).toEqual(['querystring.tz']);
      expect(await issue(`${range}&group_by=colour`)).toEqual(['querystring.group_by']);
      // The default range is the 30 days before now (from 31 January 12:00): the tickets of 1, 2 February and 2 March.
      const defaults = await analytics(supervisor.as, '');
      expect(defaults.json()).toMatchObject({ from: '2026-01-31T05:00:00.000Z', to: '2026-03-02T05:00:00.000Z', groups: [{ created: 3 }] });
    });

    it('keeps workspaces apart', async () => {
      const { app, database } = get();
      clock.set(mon('08:00'));
      const first = await createWorkspace(app);
      const second = await createWorkspace(app);
      const firstTeam = (await call(app, 'POST', '/api/v1/teams', { as: first.as, body: { name: 'Alpha' } })).json().id as string;
      clock.set(mon('10:00'));
      await createTicket(app, first.as, { team_id: firstTeam });
      await createTicket(app, first.as, { team_id: firstTeam });
      await createTicket(app, second.as);
      await refreshTicketFacts(database.db, { now: clock.now() });
      const get2 = async (as: Auth, query: string) => (await call(app, 'GET', `/api/v1/analytics/tickets?${range}${query}`, { as })).json().groups as Row[];
      expect((await get2(first.as, '')).map((r) => r.created)).toEqual([2]);
      expect((await get2(second.as, '')).map((r) => r.created)).toEqual([1]);
      // Another workspace's team id finds nothing; grouping shows only the caller's groups.
      expect((await get2(second.as, `&team_id=${firstTeam}`)).map((r) => r.created)).toEqual([0]);
      expect((await get2(second.as, '&group_by=team')).map((r) => [r.group, r.created])).toEqual([[null, 1]]);
    });

    it('counts a ticket as solved at its first solve, also when created solved', async () => {
      const { app, database } = get();
      clock.set(mon('08:00'));
      const ws = await createWorkspace(app);
      const status = async (id: string, to: string, at: string) => {
        clock.set(at);
        expect((await call(app, 'PATCH', `/api/v1/tickets/${id}`, { as: ws.as, body: { status: to } })).statusCode).toBe(200);
      };
      clock.set(mon('10:00'));
      const reopened = (await createTicket(app, ws.as)).id as string;
      await status(reopened, 'solved', mon('12:00'));
      await status(reopened, 'open', tue('10:00'));
      await status(reopened, 'solved', feb2('10:00'));
      await status(reopened, 'closed', feb2('11:00'));
      clock.set(feb2('12:00'));
      await createTicket(app, ws.as, { status: 'solved' });
      await refreshTicketFacts(database.db, { now: clock.now() });
      const months = (await call(app, 'GET', `/api/v1/analytics/tickets?${range}&group_by=month`, { as: ws.as })).json().groups as Row[];
      expect(months.map((r) => [r.group, r.created, r.solved])).toEqual([
        ['2026-01-01', 1, 1],
        ['2026-02-01', 1, 1],
      ]);
      // A range that starts after the first solve does not count the later re-solve.
      const february = (await call(app, 'GET', `/api/v1/analytics/tickets?from=${q(feb2('00:00'))}&to=${q(feb2('23:00'))}`, { as: ws.as })).json().groups as Row[];
      expect(february.map((r) => [r.created, r.solved])).toEqual([[1, 1]]);
    });
  },
  { clock: () => clock, config: { GAPWISE_SESSION_TTL_HOURS: '10000' } },
);
