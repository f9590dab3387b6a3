import { expect, it } from 'vitest';
import { addUser, createTicket, createWorkspace } from '../../../test/factories.ts';
import { call, describeEngines } from '../../../test/harness.ts';
import { ManualClock } from '../../platform/clock.ts';
import { type Body, createSurvey, invite, keyedWorkspace, postJson } from './test-surveys.ts';

/** What the web app's survey screens read: the preview page, filtered responses, a ticket's ratings. */
const clock = new ManualClock('2026-03-02T03:00:00Z');

describeEngines(
  'survey screens API',
  (get) => {
    it('previews a version in each language with the real renderer; supervisors may, agents may not', async () => {
      const { app } = get();
      const ws = await createWorkspace(app);
      const survey = await createSurvey(app, ws.as, { type: 'nps' });
      const th = await call(app, 'GET', `/api/v1/surveys/${survey.id}/preview?locale=th`, { as: ws.as });
      expect(th.statusCode).toBe(200);
      expect(th.headers['content-type']).toContain('text/html');
      expect(th.headers['content-security-policy']).toContain("form-action 'none'");
      expect(th.body).toContain('<html lang="th">');
      expect(th.body).toContain('action="/s/preview"');
      const cs = await call(app, 'GET', `/api/v1/surveys/${survey.id}/preview?locale=cs&version=1`, { as: ws.as });
      expect(cs.body).toContain('<html lang="cs">');
      expect((await call(app, 'GET', `/api/v1/surveys/${survey.id}/preview?locale=de`, { as: ws.as })).statusCode).toBe(400);
      expect((await call(app, 'GET', `/api/v1/surveys/${survey.id}/preview?locale=en&version=9`, { as: ws.as })).statusCode).toBe(404);
      const supervisor = await addUser(app, ws, 'supervisor');
      const agent = await addUser(app, ws, 'agent');
      expect((await call(app, 'GET', `/api/v1/surveys/${survey.id}/preview?locale=en`, { as: supervisor.as })).statusCode).toBe(200);
      expect((await call(app, 'GET', `/api/v1/surveys/${survey.id}/preview?locale=en`, { as: agent.as })).statusCode).toBe(403);
    });

    it('lists responses newest first with filters (period, team, comment, headline score), page by page', async () => {
      const { app } = get();
      const ws = await keyedWorkspace(app);
      const team = (await call(app, 'POST', '/api/v1/teams', { as: ws.as, body: { name: 'Alpha' } })).json();
      const survey = await createSurvey(app, ws.as, { type: 'csat' });
      const given: [number, string | null, boolean][] = [
        [5, 'Great', true],
        [1, 'Awful', false],
        [4, null, true],
        [2, null, false],
      ];
      const ids: string[] = [];
      for (const [i, [csat, comment, inTeam]] of given.entries()) {
        clock.set(new Date(Date.parse('2026-03-02T03:00:00Z') + i * 86_400_000));
        const ticket = await createTicket(app, ws.as, inTeam ? { team_id: team.id } : {});
        const inv = await invite(app, ws.as, survey.id, { customer_id: ticket.customer_id, ticket_id: ticket.id });
        expect((await postJson(app, inv.token, { csat, ...(comment ? { comment } : {}) })).statusCode).toBe(200);
        ids.push(ticket.id);
      }
      const list = async (q: string) => (await call(app, 'GET', `/api/v1/surveys/${survey.id}/responses?${q}`, { as: ws.as })).json() as { data: Body[]; next_cursor: string | null };
      expect((await list('')).data.map((r) => r.csat)).toEqual([2, 4, 1, 5]);
      expect((await list('with_comment=true')).data.map((r) => r.comment)).toEqual(['Awful', 'Great']);
      expect((await list('with_comment=false')).data.map((r) => r.csat)).toEqual([2, 4]);
      expect((await list(`team_id=${team.id}`)).data.map((r) => r.csat)).toEqual([4, 5]);
      expect((await list('score_max=2')).data.map((r) => r.csat)).toEqual([2, 1]);
      expect((await list('score_min=4&score_max=5')).data.map((r) => r.csat)).toEqual([4, 5]);
      expect((await list('from=2026-03-03T00:00:00Z&to=2026-03-05T00:00:00Z')).data.map((r) => r.csat)).toEqual([4, 1]);
      const first = await list('limit=3');
      expect(first.data).toHaveLength(3);
      const second = await list(`limit=3&cursor=${encodeURIComponent(first.next_cursor as string)}`);
      expect(second.data.map((r) => r.csat)).toEqual([5]);
      expect(second.next_cursor).toBeNull();
    });

    it('a ticket’s ratings: any agent sees score, scale, comment and time; another workspace gets 404', async () => {
      const { app } = get();
      const ws = await createWorkspace(app);
      const survey = await createSurvey(app, ws.as, { type: 'csat', include_ces: true });
      const ticket = await createTicket(app, ws.as);
      const inv = await invite(app, ws.as, survey.id, { customer_id: ticket.customer_id, ticket_id: ticket.id });
      expect((await postJson(app, inv.token, { csat: 4, ces: 6, comment: 'Fine' })).statusCode).toBe(200);
      const agent = await addUser(app, ws, 'agent');
      const res = await call(app, 'GET', `/api/v1/survey-responses?ticket_id=${ticket.id}`, { as: agent.as });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toEqual([
        expect.objectContaining({
          survey_id: survey.id,
          survey_type: 'csat',
          scores: [
            { role: 'csat', value: 4, min: 1, max: 5 },
            { role: 'ces', value: 6, min: 1, max: 7 },
          ],
          comment: 'Fine',
        }),
      ]);
      const other = await createWorkspace(app);
      expect((await call(app, 'GET', `/api/v1/survey-responses?ticket_id=${ticket.id}`, { as: other.as })).statusCode).toBe(404);
      const quiet = await createTicket(app, ws.as);
      expect((await call(app, 'GET', `/api/v1/survey-responses?ticket_id=${quiet.id}`, { as: agent.as })).json().data).toEqual([]);
    });
  },
  { clock: () => clock },
);
