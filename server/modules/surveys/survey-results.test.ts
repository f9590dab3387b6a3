import { expect, it } from 'vitest';
import { createTicket } from '../../../test/factories.ts';
import { call, describeEngines } from '../../../test/harness.ts';
import { ManualClock } from '../../platform/clock.ts';
import { type Body, createCustomer, createSurvey, invite, keyedWorkspace, postJson } from './test-surveys.ts';

const clock = new ManualClock('2026-01-15T03:00:00Z');

describeEngines(
  'survey results and exports',
  (get) => {
    it('CSAT: 170 of 200 satisfied is 85% with the Wilson interval [79.39, 89.29]; grouped by month in the workspace time zone; response rate', async () => {
      const { app } = get();
      clock.set('2026-01-15T03:00:00Z');
      const ws = await keyedWorkspace(app);
      const survey = await createSurvey(app, ws.as, { type: 'csat' });
      const customer = await createCustomer(app, ws.as);
      // 200 answers: 170 satisfied (4–5), 30 not; the first 100 in January, the rest in February.
      for (let i = 0; i < 200; i++) {
        if (i === 100) clock.set('2026-01-31T17:30:00Z'); // 00:30 on 1 February in Bangkok
        const inv = await invite(app, ws.as, survey.id, { customer_id: customer.id });
        const score = i < 170 ? (i % 2 === 0 ? 5 : 4) : i % 3 === 0 ? 1 : 2;
        expect((await postJson(app, inv.token, { csat: score })).statusCode).toBe(200);
      }
      await invite(app, ws.as, survey.id, { customer_id: customer.id }); // never answered

      const res = await call(app, 'GET', `/api/v1/surveys/${survey.id}/results?group_by=month`, { as: ws.as });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.overall).toMatchObject({ responses: 200, invited: 201, csat: { n: 200, satisfied: 170, percent: 85 } });
      expect(body.overall.response_rate).toBeCloseTo(200 / 201, 10);
      expect(body.overall.csat.interval_percent.lower).toBeCloseTo(79.39, 2);
      expect(body.overall.csat.interval_percent.upper).toBeCloseTo(89.29, 2);
      expect(body.groups.map((g: Body) => [g.key.month, g.responses, g.csat.satisfied])).toEqual([
        ['2026-01-01', 100, 100],
        ['2026-02-01', 100, 70],
      ]);
      const ranged = (await call(app, 'GET', `/api/v1/surveys/${survey.id}/results?from=2026-02-01T00:00:00Z`, { as: ws.as })).json();
      expect(ranged.overall.responses).toBe(0);
      const bad = await call(app, 'GET', `/api/v1/surveys/${survey.id}/results?group_by=colour`, { as: ws.as });
      expect(bad.statusCode).toBe(400);
    });

    it('CSAT responses slice by the ticket snapshot (team, agent, channel)', async () => {
      const { app } = get();
      clock.set('2026-01-15T03:00:00Z');
      const ws = await keyedWorkspace(app);
      const teamA = (await call(app, 'POST', '/api/v1/teams', { as: ws.as, body: { name: 'Alpha' } })).json();
      const teamB = (await call(app, 'POST', '/api/v1/teams', { as: ws.as, body: { name: 'Beta' } })).json();
      const survey = await createSurvey(app, ws.as, { type: 'csat', include_ces: true });
      const answers: [string, number, number][] = [
        [teamA.id, 5, 7],
        [teamA.id, 4, 6],
        [teamB.id, 2, 2],
      ];
      for (const [team, csat, ces] of answers) {
        const ticket = await createTicket(app, ws.as, { team_id: team, channel: 'email' });
        const inv = await invite(app, ws.as, survey.id, { customer_id: ticket.customer_id, ticket_id: ticket.id });
        expect((await postJson(app, inv.token, { csat, ces })).statusCode).toBe(200);
      }
      const body = (await call(app, 'GET', `/api/v1/surveys/${survey.id}/results?group_by=team,channel`, { as: ws.as })).json();
      const byTeam = Object.fromEntries(body.groups.map((g: Body) => [g.key.team, g]));
      expect(byTeam[teamA.id]).toMatchObject({ key: { channel: 'email' }, responses: 2, invited: 2, response_rate: 1, csat: { n: 2, satisfied: 2 }, ces: { n: 2, mean: 6.5 } });
      expect(byTeam[teamB.id]).toMatchObject({ responses: 1, csat: { n: 1, satisfied: 0 }, ces: { mean: 2 } });
      expect(body.overall.ces.mean).toBeCloseTo(5, 10);
    });

    it('NPS shows no interval below 30 answers, and one from 30', async () => {
      const { app } = get();
      const ws = await keyedWorkspace(app);
      const survey = await createSurvey(app, ws.as, { type: 'nps' });
      const customer = await createCustomer(app, ws.as);
      for (let i = 0; i < 30; i++) {
        const inv = await invite(app, ws.as, survey.id, { customer_id: customer.id });
        await postJson(app, inv.token, { nps: i % 3 === 0 ? 10 : i % 3 === 1 ? 8 : 3 });
        if (i === 28) {
          const early = (await call(app, 'GET', `/api/v1/surveys/${survey.id}/results`, { as: ws.as })).json();
          expect(early.overall.nps).toMatchObject({ n: 29, interval: null });
        }
      }
      const nps = (await call(app, 'GET', `/api/v1/surveys/${survey.id}/results`, { as: ws.as })).json().overall.nps;
      expect(nps).toMatchObject({ n: 30, promoters: 10, detractors: 10, nps: 0 });
      expect(nps.interval.lower).toBeCloseTo(-1.96 * Math.sqrt((10000 * (2 / 3)) / 30), 8);
    });

    it('exports responses (one row per answer) and results as streamed CSV, quoting commas and defusing formulas', async () => {
      const { app } = get();
      const ws = await keyedWorkspace(app);
      const survey = await createSurvey(app, ws.as, { type: 'csat' });
      const customer = await createCustomer(app, ws.as);
      const inv = await invite(app, ws.as, survey.id, { customer_id: customer.id });
      await postJson(app, inv.token, { csat: 3, reason: ['speed', 'other'], comment: '=HYPERLINK("x"), and "quotes"' });
      const res = await call(app, 'GET', `/api/v1/surveys/${survey.id}/export/responses`, { as: ws.as });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      const lines = res.body.trim().split('\r\n');
      expect(lines[0]).toBe('response_id,submitted_at,version,ticket_id,customer_id,agent_id,team_id,branch_id,channel,tier_id,organization_id,sla_first_reply,sla_resolution,locale,flags,question_id,part,value');
      expect(lines).toHaveLength(5); // csat, 2 reasons, comment
      expect(lines.map((l) => l.split(',')[15])).toEqual(['question_id', 'csat', 'reason', 'reason', 'comment']);
      expect(lines[4]).toContain(`"'=HYPERLINK(""x""), and ""quotes"""`);
      const results = await call(app, 'GET', `/api/v1/surveys/${survey.id}/export/results`, { as: ws.as });
      expect(results.statusCode).toBe(200);
      expect(results.body).toContain('measure,value\r\n');
      expect(results.body).toContain('csat.percent,0\r\n');
      expect(results.body).toContain('responses,1\r\n');
    });
  },
  { clock: () => clock },
);
