import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { createTicket } from '../../../test/factories.ts';
import { call, describeEngines } from '../../../test/harness.ts';
import { seededRandom } from '../../../test/seeded-random.ts';
import { RESULT_GROUPS } from '../../../contracts/surveys.ts';
import { ManualClock } from '../../platform/clock.ts';
import { rebuildRollup } from './survey-rollups.service.ts';
import { type Body, CapturingMailer, createCustomer, createSurvey, deliverAll, invite, keyedWorkspace, postJson, sweep } from './test-surveys.ts';

const clock = new ManualClock('2026-01-10T03:00:00Z');
const START = Date.parse('2026-01-10T00:00:00Z');
const HOUR = 3_600_000;

describeEngines(
  'survey results rollup',
  (get) => {
    it('the rollup (kept in each response’s transaction) answers exactly what the raw rows do, for random ranges and groupings; a rebuild counts the same rows', async () => {
      const { app, database } = get();
      const db = database.db;
      const random = seededRandom(42);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
      clock.set(new Date(START));
      const ws = await keyedWorkspace(app);
      const teams = [
        (await call(app, 'POST', '/api/v1/teams', { as: ws.as, body: { name: 'Alpha' } })).json().id,
        (await call(app, 'POST', '/api/v1/teams', { as: ws.as, body: { name: 'Beta' } })).json().id,
        null,
      ];
      const survey = await createSurvey(app, ws.as, { type: 'csat', include_ces: true, settings: { edit_window_minutes: 600 } });
      const customer = await createCustomer(app, ws.as);
      const tickets: Body[] = [];
      for (let i = 0; i < 30; i++) tickets.push(await createTicket(app, ws.as, { ...(teams[i % 3] ? { team_id: teams[i % 3] } : {}), channel: pick(['email', 'chat', 'phone']) }));

      // ~10 days of invitations at random hours; most answered, some edited, some by email.
      const answered: { token: string; at: number }[] = [];
      for (let i = 0; i < 70; i++) {
        const at = START + Math.floor(random() * 240) * HOUR + Math.floor(random() * HOUR);
        clock.set(new Date(at));
        const ticket = random() < 0.6 ? tickets.pop() : undefined; // a survey invites once per ticket
        const inv = await invite(app, ws.as, survey.id, ticket ? { customer_id: ticket.customer_id, ticket_id: ticket.id } : { customer_id: customer.id });
        if (random() < 0.8) {
          clock.set(new Date(at + Math.floor(random() * 5 * HOUR)));
          const res = await postJson(app, inv.token, { csat: 1 + Math.floor(random() * 5), ...(random() < 0.5 ? { ces: 1 + Math.floor(random() * 7) } : {}) });
          expect(res.statusCode, res.body).toBe(200);
          answered.push({ token: inv.token, at: clock.now().getTime() });
        }
      }
      for (const a of answered.filter(() => random() < 0.3)) {
        clock.set(new Date(a.at + HOUR));
        expect((await postJson(app, a.token, { csat: 1 + Math.floor(random() * 5) })).statusCode).toBe(200);
      }
      const mailer = new CapturingMailer();
      clock.set(new Date(START + 5 * 24 * HOUR));
      await invite(app, ws.as, survey.id, { customer_id: customer.id, send_email: true });
      expect(await deliverAll(app, ws, survey.id, mailer, clock)).toEqual(['sent']);
      expect(await deliverAll(app, ws, survey.id, mailer, clock)).toEqual([]);

      const rollupRows = async () =>
        (
          await sql<Body>`select dimension, key, day::text as day, measure, score, n from survey_rollups where survey_id = ${survey.id} and n <> 0 order by dimension, key, day, measure, score`.execute(db)
        ).rows;
      const setZone = (zone: string | null) => sql`update surveys set rollup_time_zone = ${zone} where id = ${survey.id}`.execute(db);
      const queries: string[] = [];
      const groupings = [[], ['team'], ['month'], ['day'], ['week'], ['team', 'day'], ['agent', 'month'], ['channel'], ['tier', 'week'], ['branch'], ['team', 'channel'], ['locale']];
      const instant = () => {
        const t = START - 24 * HOUR + Math.floor(random() * 13 * 24) * HOUR;
        return new Date(random() < 0.4 ? t - (t % (24 * HOUR)) - 7 * HOUR : t + Math.floor(random() * HOUR)).toISOString(); // 40% at Bangkok midnight
      };
      for (let i = 0; i < 40; i++) {
        const params = new URLSearchParams();
        const g = groupings[i % groupings.length] as string[];
        if (g.length > 0) params.set('group_by', g.join(','));
        const [a, b] = [instant(), instant()].sort();
        if (random() < 0.75) params.set('from', a as string);
        if (random() < 0.75) params.set('to', b as string);
        queries.push(params.toString());
      }
      expect(RESULT_GROUPS).toContain('team');
      const answer = async (q: string) => {
        const res = await call(app, 'GET', `/api/v1/surveys/${survey.id}/results?${q}`, { as: ws.as });
        expect(res.statusCode, res.body).toBe(200);
        return res.json();
      };

      const fromRollup = await Promise.all(queries.map(answer));
      expect((await answer('')).overall.responses).toBe(answered.length);
      const incremental = await rollupRows();
      await setZone(null); // stale: the results read the raw rows
      const fromRaw = await Promise.all(queries.map(answer));
      for (let i = 0; i < queries.length; i++) expect(fromRollup[i], queries[i]).toEqual(fromRaw[i]);

      await rebuildRollup(db, ws.workspaceId, survey.id);
      expect(await rollupRows()).toEqual(incremental);
    });

    it('a workspace time zone change makes the rollup stale (raw reads) until the sweeper recounts it in the new zone', async () => {
      const { app, database } = get();
      const db = database.db;
      clock.set(new Date(START));
      const ws = await keyedWorkspace(app);
      const survey = await createSurvey(app, ws.as, { type: 'csat' });
      const customer = await createCustomer(app, ws.as);
      // 20:00 UTC: the 10th in Prague, already the 11th in Bangkok.
      clock.set(new Date('2026-01-10T20:00:00Z'));
      const inv = await invite(app, ws.as, survey.id, { customer_id: customer.id });
      expect((await postJson(app, inv.token, { csat: 5 })).statusCode).toBe(200);
      const byDay = async () => (await call(app, 'GET', `/api/v1/surveys/${survey.id}/results?group_by=day`, { as: ws.as })).json().groups.map((g: Body) => [g.key.day, g.responses]);
      const zoneOf = async () => (await sql<{ z: string | null }>`select rollup_time_zone as z from surveys where id = ${survey.id}`.execute(db)).rows[0]?.z;
      expect(await byDay()).toEqual([['2026-01-11', 1]]);
      expect(await zoneOf()).toBe('Asia/Bangkok');

      expect((await call(app, 'PATCH', '/api/v1/workspaces/current', { as: ws.as, body: { time_zone: 'Europe/Prague' } })).statusCode).toBe(200);
      expect(await byDay()).toEqual([['2026-01-10', 1]]);
      const second = await invite(app, ws.as, survey.id, { customer_id: customer.id });
      expect((await postJson(app, second.token, { csat: 4 })).statusCode).toBe(200); // not counted into the stale rollup
      expect((await sweep(app, clock)).rebuilt).toBeGreaterThanOrEqual(1);
      expect(await zoneOf()).toBe('Europe/Prague');
      expect(await byDay()).toEqual([['2026-01-10', 2]]);
      const rows = (await sql<Body>`select day::text as day, n from survey_rollups where survey_id = ${survey.id} and dimension = '' and measure = 'responses'`.execute(db)).rows;
      expect(rows).toEqual([{ day: '2026-01-10', n: 2 }]);
    });
  },
  { clock: () => clock },
);
