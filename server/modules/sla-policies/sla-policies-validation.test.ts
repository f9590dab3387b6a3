import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { addUser, createWorkspace, type WorkspaceFixture } from '../../../test/factories.ts';
import { type Auth, call, describeEngines } from '../../../test/harness.ts';
import { ManualClock } from '../../platform/clock.ts';

/**
 * Bad input to /api/v1/sla-policies: each case names the field it is about (the problem's
 * issue path), on create and on change, and nothing is stored. Now is Mon 2026-01-05 09:00 UTC.
 */
async function created(app: FastifyInstance, as: Auth, url: string, body: unknown): Promise<string> {
  const res = await call(app, 'POST', url, { as, body });
  if (res.statusCode !== 201) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

/** Every Monday from 2026-01-05 for eleven years: enough to outlast the arithmetic's ten-year search. */
function everyMondayFor11Years(): { date: string }[] {
  const days: { date: string }[] = [];
  for (let t = Date.UTC(2026, 0, 5); t < Date.UTC(2037, 0, 5); t += 7 * 86_400_000) days.push({ date: new Date(t).toISOString().slice(0, 10) });
  return days;
}

interface Ids {
  calendar: string;
  closedCalendar: string;
  foreignCalendar: string;
  deletedTier: string;
  foreignTier: string;
  foreignOrganization: string;
  foreignTeam: string;
  foreignBranch: string;
  deactivatedUser: string;
  foreignUser: string;
}

type Case = { name: string; body: (ids: Ids) => Record<string, unknown>; status: number; code: string; path: string; message?: string };

const business = (calendar_id: string) => ({ minutes: 60, mode: 'business', calendar_id });
const rule = (metric: string, offset_minutes: number, actions: unknown[] = [{ type: 'notify', to: 'assignee' }]) => ({ metric, offset_minutes, actions });

const cases: Case[] = [
  { name: 'zero minutes', body: () => ({ targets: { urgent: { first_reply: { minutes: 0, mode: 'calendar' } } } }), status: 400, code: 'validation_failed', path: 'body.targets.urgent.first_reply.minutes' },
  { name: 'negative minutes', body: () => ({ targets: { high: { resolution: { minutes: -30, mode: 'calendar' } } } }), status: 400, code: 'validation_failed', path: 'body.targets.high.resolution.minutes' },
  { name: 'zero seconds', body: () => ({ targets: { normal: { chat_greet: { seconds: 0, mode: 'calendar' } } } }), status: 400, code: 'validation_failed', path: 'body.targets.normal.chat_greet.seconds' },
  { name: 'fractional minutes', body: () => ({ targets: { low: { agent_work: { minutes: 1.5, mode: 'calendar' } } } }), status: 400, code: 'validation_failed', path: 'body.targets.low.agent_work.minutes' },
  {
    name: 'both minutes and seconds',
    body: () => ({ targets: { urgent: { chat_hold: { minutes: 1, seconds: 30, mode: 'calendar' } } } }),
    status: 400,
    code: 'validation_failed',
    path: 'body.targets.urgent.chat_hold.minutes',
    message: 'exactly one',
  },
  { name: 'neither minutes nor seconds', body: () => ({ targets: { urgent: { first_reply: { mode: 'calendar' } } } }), status: 400, code: 'validation_failed', path: 'body.targets.urgent.first_reply.minutes' },
  {
    name: 'business mode without a calendar',
    body: () => ({ targets: { urgent: { resolution: { minutes: 60, mode: 'business' } } } }),
    status: 400,
    code: 'validation_failed',
    path: 'body.targets.urgent.resolution.calendar_id',
    message: 'required',
  },
  { name: 'calendar mode with a calendar', body: (i) => ({ targets: { urgent: { resolution: { minutes: 60, mode: 'calendar', calendar_id: i.calendar } } } }), status: 400, code: 'validation_failed', path: 'body.targets.urgent.resolution.calendar_id' },
  { name: 'an unknown metric', body: () => ({ targets: { urgent: { first_response: { minutes: 60, mode: 'calendar' } } } }), status: 400, code: 'validation_failed', path: 'body.targets.urgent' },
  { name: 'an unknown priority', body: () => ({ targets: { critical: { first_reply: { minutes: 60, mode: 'calendar' } } } }), status: 400, code: 'validation_failed', path: 'body.targets' },
  {
    name: 'a business target on a calendar with no open hours',
    body: (i) => ({ targets: { normal: { first_reply: { minutes: 60, mode: 'calendar' }, resolution: business(i.closedCalendar) } } }),
    status: 400,
    code: 'validation_failed',
    path: 'body.targets.normal.resolution.calendar_id',
    message: 'never come due',
  },
  { name: "another workspace's calendar", body: (i) => ({ targets: { urgent: { first_reply: business(i.foreignCalendar) } } }), status: 422, code: 'invalid_reference', path: 'body.targets.urgent.first_reply.calendar_id' },
  { name: 'a deleted tier', body: (i) => ({ conditions: { tier_ids: [i.deletedTier] } }), status: 422, code: 'invalid_reference', path: 'body.conditions.tier_ids' },
  { name: "another workspace's tier", body: (i) => ({ conditions: { tier_ids: [i.foreignTier] } }), status: 422, code: 'invalid_reference', path: 'body.conditions.tier_ids' },
  { name: "another workspace's organization", body: (i) => ({ conditions: { organization_ids: [i.foreignOrganization] } }), status: 422, code: 'invalid_reference', path: 'body.conditions.organization_ids' },
  { name: "another workspace's team", body: (i) => ({ conditions: { team_ids: [i.foreignTeam] } }), status: 422, code: 'invalid_reference', path: 'body.conditions.team_ids' },
  { name: "another workspace's branch", body: (i) => ({ conditions: { branch_ids: [i.foreignBranch] } }), status: 422, code: 'invalid_reference', path: 'body.conditions.branch_ids' },
  { name: 'an unknown condition', body: () => ({ conditions: { customer_ids: [] } }), status: 400, code: 'validation_failed', path: 'body.conditions' },
  { name: 'an unknown channel', body: () => ({ conditions: { channels: ['pigeon'] } }), status: 400, code: 'validation_failed', path: 'body.conditions.channels.0' },
  { name: 'a status that is not one', body: () => ({ pause_statuses: { resolution: ['snoozed'] } }), status: 400, code: 'validation_failed', path: 'body.pause_statuses.resolution.0' },
  { name: 'solve_while_waiting other than fulfil or cancel', body: () => ({ solve_while_waiting: 'ignore' }), status: 400, code: 'validation_failed', path: 'body.solve_while_waiting' },
  {
    name: 'more than 8 escalation rules',
    body: () => ({ escalation_rules: [-60, -30, -15, -5, 0, 15, 30, 60, 90].map((m) => rule('resolution', m)) }),
    status: 400,
    code: 'validation_failed',
    path: 'body.escalation_rules',
  },
  {
    name: 'a fifth escalation level of one metric',
    body: () => ({ escalation_rules: [rule('first_reply', -10), ...[0, 10, 20, 30, 40].map((m) => rule('first_reply', m))] }),
    status: 400,
    code: 'validation_failed',
    path: 'body.escalation_rules.5.offset_minutes',
    message: 'at most 4',
  },
  { name: 'two rules with the same metric and offset', body: () => ({ escalation_rules: [rule('first_reply', 0), rule('first_reply', 0)] }), status: 400, code: 'validation_failed', path: 'body.escalation_rules.1.offset_minutes' },
  { name: 'a fractional offset', body: () => ({ escalation_rules: [rule('first_reply', 1.5)] }), status: 400, code: 'validation_failed', path: 'body.escalation_rules.0.offset_minutes' },
  { name: 'a rule without actions', body: () => ({ escalation_rules: [rule('first_reply', 0, [])] }), status: 400, code: 'validation_failed', path: 'body.escalation_rules.0.actions' },
  { name: 'an unknown action', body: () => ({ escalation_rules: [rule('first_reply', 0, [{ type: 'page_ceo' }])] }), status: 400, code: 'validation_failed', path: 'body.escalation_rules.0.actions.0.type' },
  {
    name: 'notify users without user_ids',
    body: () => ({ escalation_rules: [rule('first_reply', 0, [{ type: 'notify', to: 'users' }])] }),
    status: 400,
    code: 'validation_failed',
    path: 'body.escalation_rules.0.actions.0.user_ids',
  },
  {
    name: 'notify the assignee with user_ids',
    body: (i) => ({ escalation_rules: [rule('first_reply', 0, [{ type: 'notify', to: 'assignee', user_ids: [i.foreignUser] }])] }),
    status: 400,
    code: 'validation_failed',
    path: 'body.escalation_rules.0.actions.0.user_ids',
  },
  {
    name: 'notify a deactivated user',
    body: (i) => ({ escalation_rules: [rule('first_reply', 0), rule('first_reply', 30, [{ type: 'add_tag', tag: 'late' }, { type: 'notify', to: 'users', user_ids: [i.deactivatedUser] }])] }),
    status: 422,
    code: 'invalid_reference',
    path: 'body.escalation_rules.1.actions.1.user_ids',
  },
  {
    name: "notify another workspace's user",
    body: (i) => ({ escalation_rules: [rule('first_reply', 0, [{ type: 'notify', to: 'users', user_ids: [i.foreignUser] }])] }),
    status: 422,
    code: 'invalid_reference',
    path: 'body.escalation_rules.0.actions.0.user_ids',
  },
  {
    name: "reassign to another workspace's team",
    body: (i) => ({ escalation_rules: [rule('agent_work', 60, [{ type: 'reassign', team_id: i.foreignTeam }])] }),
    status: 422,
    code: 'invalid_reference',
    path: 'body.escalation_rules.0.actions.0.team_id',
  },
  { name: 'a tag with a space', body: () => ({ escalation_rules: [rule('first_reply', 0, [{ type: 'add_tag', tag: 'too late' }])] }), status: 400, code: 'validation_failed', path: 'body.escalation_rules.0.actions.0.tag' },
  { name: 'an unknown field', body: () => ({ priority: 'urgent' }), status: 400, code: 'validation_failed', path: 'body' },
];

describeEngines(
  'SLA policies: bad input',
  (get) => {
    let ws: WorkspaceFixture;
    let ids: Ids;
    let existing: string;

    beforeAll(async () => {
      const { app } = get();
      ws = await createWorkspace(app);
      const other = await createWorkspace(app);
      const deletedTier = await created(app, ws.as, '/api/v1/tiers', { name: 'Bronze', rank: 1 });
      expect((await call(app, 'DELETE', `/api/v1/tiers/${deletedTier}`, { as: ws.as })).statusCode).toBe(204);
      const leaver = await addUser(app, ws, 'agent');
      expect((await call(app, 'DELETE', `/api/v1/users/${leaver.id}`, { as: ws.as })).statusCode).toBe(204);
      ids = {
        calendar: await created(app, ws.as, '/api/v1/calendars', { name: 'Office', time_zone: 'UTC', weekly_hours: { mon: [{ start: '09:00', end: '17:00' }] } }),
        // Open on Mondays only, and every Monday is a holiday for eleven years.
        closedCalendar: await created(app, ws.as, '/api/v1/calendars', {
          name: 'Never',
          time_zone: 'UTC',
          weekly_hours: { mon: [{ start: '09:00', end: '17:00' }] },
          holidays: everyMondayFor11Years(),
        }),
        foreignCalendar: await created(app, other.as, '/api/v1/calendars', { name: 'Theirs', time_zone: 'UTC', always_open: true }),
        deletedTier,
        foreignTier: await created(app, other.as, '/api/v1/tiers', { name: 'Gold', rank: 10 }),
        foreignOrganization: await created(app, other.as, '/api/v1/organizations', { name: 'Acme' }),
        foreignTeam: await created(app, other.as, '/api/v1/teams', { name: 'Support' }),
        foreignBranch: await created(app, other.as, '/api/v1/branches', { name: 'Hanoi', time_zone: 'Asia/Ho_Chi_Minh' }),
        deactivatedUser: leaver.id,
        foreignUser: (await addUser(app, other, 'agent')).id,
      };
      existing = await created(app, ws.as, '/api/v1/sla-policies', { name: 'Existing', targets: { normal: { first_reply: { minutes: 30, mode: 'calendar' } } } });
    }, 60_000);

    for (const c of cases) {
      it(`${c.name}: ${c.status} ${c.code} at ${c.path}, on create and on change`, async () => {
        const { app } = get();
        const before = (await call(app, 'GET', `/api/v1/sla-policies/${existing}`, { as: ws.as })).json();
        const attempts = [
          call(app, 'POST', '/api/v1/sla-policies', { as: ws.as, body: { name: `Bad ${c.name}`, ...c.body(ids) } }),
          call(app, 'PATCH', `/api/v1/sla-policies/${existing}`, { as: ws.as, body: c.body(ids) }),
        ];
        for (const res of await Promise.all(attempts)) {
          expect(res.statusCode, res.body).toBe(c.status);
          const problem = res.json();
          expect(problem.code).toBe(c.code);
          const issue = problem.issues?.find((i: { path: string }) => i.path === c.path);
          expect(issue, `issues: ${JSON.stringify(problem.issues)}`).toBeDefined();
          if (c.message) expect(issue.message).toContain(c.message);
        }
        expect((await call(app, 'GET', `/api/v1/sla-policies/${existing}`, { as: ws.as })).json()).toEqual(before);
        const names = (await call(app, 'GET', '/api/v1/sla-policies', { as: ws.as })).json().data.map((p: { name: string }) => p.name);
        expect(names).toEqual(['Existing']);
      });
    }

    it('the same targets are accepted where the calendar is open, and a 24/7 calendar-mode target on the closed calendar is not needed', async () => {
      const { app } = get();
      const ok = await call(app, 'POST', '/api/v1/sla-policies', {
        as: ws.as,
        body: { name: 'Fine', targets: { normal: { resolution: business(ids.calendar), chat_greet: { seconds: 45, mode: 'calendar' } } } },
      });
      expect(ok.statusCode, ok.body).toBe(201);
      expect((await call(app, 'DELETE', `/api/v1/sla-policies/${ok.json().id}`, { as: ws.as })).statusCode).toBe(204);
    });
  },
  { clock: () => new ManualClock('2026-01-05T09:00:00Z') },
);
