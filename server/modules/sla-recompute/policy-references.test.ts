/**
 * Issue 3, "Bad input": what an SLA policy names cannot be deleted from under it (409 naming the
 * policies), and a policy that cannot be computed flags the tickets instead of silently changing
 * their clocks.
 */
import { expect, it } from 'vitest';
import { createTicket, createWorkspace } from '../../../test/factories.ts';
import { type Auth, call, describeEngines } from '../../../test/harness.ts';
import { ManualClock } from '../../platform/clock.ts';
import * as calendarsRepo from '../calendars/calendars.repository.ts';
import { createOfficeCalendar, HOUR, mon } from '../sla-clocks/test-sla.ts';
import { slaRecomputeJob } from './sla-recompute.job.ts';
import { SLA_RECOMPUTE } from './sla-recompute.queue.ts';

const clock = new ManualClock(mon('08:00'));
type App = Parameters<typeof call>[0];
// biome-ignore lint/suspicious/noExplicitAny: response bodies, checked by the assertions
type Body = Record<string, any>;

async function created(app: App, as: Auth, url: string, body: unknown): Promise<string> {
  const res = await call(app, 'POST', `/api/v1${url}`, { as, body });
  if (res.statusCode !== 201) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

const remove = (app: App, as: Auth, url: string) => call(app, 'DELETE', `/api/v1${url}`, { as });
const hours = { mon: [{ start: '09:00', end: '17:00' }] };

describeEngines(
  'SLA policy references',
  (get) => {
    it('refuses to delete a tier, organization, team, branch or calendar an SLA policy names, naming the policies', async () => {
      const { app } = get();
      clock.set(mon('08:00'));
      const ws = await createWorkspace(app);
      const ids = {
        tier: await created(app, ws.as, '/tiers', { name: 'Gold', rank: 10 }),
        organization: await created(app, ws.as, '/organizations', { name: 'Acme' }),
        team: await created(app, ws.as, '/teams', { name: 'Support' }),
        escalations: await created(app, ws.as, '/teams', { name: 'Escalations' }),
        branch: await created(app, ws.as, '/branches', { name: 'Hanoi', time_zone: 'Asia/Ho_Chi_Minh' }),
        calendar: await created(app, ws.as, '/calendars', { name: 'Office', time_zone: 'Asia/Bangkok', weekly_hours: hours }),
      };
      const gold = await created(app, ws.as, '/sla-policies', {
        name: 'Gold customers',
        conditions: { tier_ids: [ids.tier], organization_ids: [ids.organization], team_ids: [ids.team], branch_ids: [ids.branch] },
        targets: {
          normal: { first_reply: { minutes: 60, mode: 'business', calendar_id: ids.calendar } },
          urgent: { first_reply: { minutes: 15, mode: 'business', calendar_id: ids.calendar } },
        },
        escalation_rules: [{ metric: 'first_reply', offset_minutes: 30, actions: [{ type: 'reassign', team_id: ids.escalations }] }],
      });
      // An inactive policy still names them: activating it later must not find them gone.
      const draft = await created(app, ws.as, '/sla-policies', { name: 'Draft', active: false, conditions: { tier_ids: [ids.tier] } });

      const expected: [string, string, string[]][] = [
        ['tier', `/tiers/${ids.tier}`, [`sla_policies.${gold}.conditions.tier_ids`, `sla_policies.${draft}.conditions.tier_ids`]],
        ['organization', `/organizations/${ids.organization}`, [`sla_policies.${gold}.conditions.organization_ids`]],
        ['team', `/teams/${ids.team}`, [`sla_policies.${gold}.conditions.team_ids`]],
        ['escalation team', `/teams/${ids.escalations}`, [`sla_policies.${gold}.escalation_rules.0.actions.0.team_id`]],
        ['branch', `/branches/${ids.branch}`, [`sla_policies.${gold}.conditions.branch_ids`]],
        ['calendar', `/calendars/${ids.calendar}`, [`sla_policies.${gold}.targets.normal.first_reply.calendar_id`, `sla_policies.${gold}.targets.urgent.first_reply.calendar_id`]],
      ];
      for (const [what, url, paths] of expected) {
        const res = await remove(app, ws.as, url);
        expect(res.statusCode, what).toBe(409);
        expect(res.json().code).toBe('conflict');
        expect(res.json().detail, what).toContain('"Gold customers"');
        expect(res.json().issues.map((i: Body) => i.path).sort(), what).toEqual([...paths].sort());
        expect((await call(app, 'GET', `/api/v1${url}`, { as: ws.as })).statusCode, what).toBe(200);
      }
      expect((await remove(app, ws.as, `/tiers/${ids.tier}`)).json().detail).toMatch(/"Gold customers", "Draft"/);

      // Once no policy names them, they go.
      expect((await call(app, 'PATCH', `/api/v1/sla-policies/${gold}`, { as: ws.as, body: { conditions: {}, escalation_rules: [] } })).statusCode).toBe(200);
      expect((await remove(app, ws.as, `/sla-policies/${draft}`)).statusCode).toBe(204);
      for (const url of [`/tiers/${ids.tier}`, `/organizations/${ids.organization}`, `/teams/${ids.team}`, `/teams/${ids.escalations}`, `/branches/${ids.branch}`]) {
        expect((await remove(app, ws.as, url)).statusCode, url).toBe(204);
      }
      expect((await remove(app, ws.as, `/calendars/${ids.calendar}`)).statusCode).toBe(409);
      expect((await remove(app, ws.as, `/sla-policies/${gold}`)).statusCode).toBe(204);
      expect((await remove(app, ws.as, `/calendars/${ids.calendar}`)).statusCode).toBe(204);
    });

    it("another workspace's policies do not hold anything back", async () => {
      const { app } = get();
      const ws = await createWorkspace(app);
      const other = await createWorkspace(app);
      const tier = await created(app, ws.as, '/tiers', { name: 'Gold', rank: 10 });
      const theirs = await created(app, other.as, '/tiers', { name: 'Gold', rank: 10 });
      await created(app, other.as, '/sla-policies', { name: 'Theirs', conditions: { tier_ids: [theirs] } });
      expect((await remove(app, ws.as, `/tiers/${tier}`)).statusCode).toBe(204);
    });

    it('flags every ticket refreshed while an active policy cannot be computed, naming it, until it is fixed', async () => {
      const { app, database } = get();
      clock.set(mon('08:00'));
      const ws = await createWorkspace(app);
      const { id: calendarId } = await createOfficeCalendar(app, ws.as);
      const business = await created(app, ws.as, '/sla-policies', {
        name: 'Business hours',
        targets: { normal: { first_reply: { minutes: 60, mode: 'business', calendar_id: calendarId } } },
      });
      await created(app, ws.as, '/sla-policies', { name: 'Fallback', targets: { normal: { first_reply: { minutes: 480, mode: 'calendar' } } } });
      clock.set(mon('10:00'));
      const ticket = await createTicket(app, ws.as);
      expect(ticket.sla).toMatchObject({ error: null, clocks: [{ metric: 'first_reply', policy_id: business, target_seconds: HOUR }] });

      // The calendar disappears from under the policy (data from before the delete guard, or a
      // delete racing a policy change): straight through the repository.
      await calendarsRepo.deleteCalendar(database.db, ws.workspaceId, calendarId);
      clock.set(mon('10:30'));
      const changed = await call(app, 'PATCH', `/api/v1/tickets/${ticket.id}`, { as: ws.as, body: { tags: ['vip'] } });
      expect(changed.statusCode).toBe(200);
      const flagged = changed.json().sla;
      expect(flagged.error).toContain(`SLA policy ${business}, targets.normal.first_reply.calendar_id: calendar ${calendarId} no longer exists`);
      // Clocks still run, by the next matching policy.
      expect(flagged.clocks).toMatchObject([{ metric: 'first_reply', target_seconds: 8 * HOUR }]);
      const other = await createTicket(app, ws.as);
      expect(other.sla.error).toBe(flagged.error);
      const listed = (await call(app, 'GET', '/api/v1/tickets?limit=10', { as: ws.as })).json().data as Body[];
      expect(listed.map((t) => t.sla.error)).toEqual([flagged.error, flagged.error]);

      // Fixed: the policy change queues a recompute, which clears the flag.
      const fixed = await call(app, 'PATCH', `/api/v1/sla-policies/${business}`, {
        as: ws.as,
        body: { targets: { normal: { first_reply: { minutes: 60, mode: 'calendar' } } } },
      });
      expect(fixed.statusCode).toBe(200);
      const jobs = await database.executeSql(`select data from pgboss.job where name = $1 and data->>'workspace_id' = $2`, [SLA_RECOMPUTE, ws.workspaceId]);
      const handler = slaRecomputeJob({ db: database.db, clock });
      for (const row of jobs.rows as { data: Body }[]) await handler.handle(row.data as never, { jobId: 'job-under-test' });
      for (const id of [ticket.id, other.id]) {
        const sla = (await call(app, 'GET', `/api/v1/tickets/${id}`, { as: ws.as })).json().sla;
        expect(sla).toMatchObject({ error: null, clocks: [{ metric: 'first_reply', policy_id: business, target_seconds: HOUR }] });
      }
    });
  },
  { clock: () => clock, config: { GAPWISE_SESSION_TTL_HOURS: '10000' } },
);
