import { expect, it } from 'vitest';
import { addUser, createWorkspace } from '../../../test/factories.ts';
import { call, describeEngines, walkPages } from '../../../test/harness.ts';
import { type Body, createCustomer, createSurvey, invite, postJson } from './test-surveys.ts';

describeEngines('surveys: definitions, versions, isolation', (get) => {
  it('creates each type from its default definition in five languages, and lists them page by page', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const ids: string[] = [];
    for (const type of ['csat', 'ces', 'nps', 'servqual', 'kano', 'custom']) {
      const survey = await createSurvey(app, ws.as, { type });
      expect(survey.type).toBe(type);
      expect(survey.version).toBe(1);
      expect(Object.keys(survey.definition.title).sort()).toEqual(['cs', 'en', 'ms', 'th', 'vi']);
      ids.push(survey.id);
    }
    const servqual = (await call(app, 'GET', `/api/v1/surveys/${ids[3]}`, { as: ws.as })).json();
    expect(servqual.definition.questions.filter((q: Body) => q.kind === 'servqual')).toHaveLength(22);
    expect(servqual.definition.servqual.scale).toMatchObject({ min: 1, max: 7 });
    expect(await walkPages(app, ws.as, '/api/v1/surveys', 4)).toEqual(ids);
    const defaults = (await call(app, 'GET', '/api/v1/survey-defaults/kano', { as: ws.as })).json();
    expect(Object.keys(defaults.definition.kano_answers)).toEqual(['like', 'expect', 'neutral', 'live_with', 'dislike']);
  });

  it('rejects a definition that breaks the rules, naming the field', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const res = await call(app, 'POST', '/api/v1/surveys', {
      as: ws.as,
      body: {
        name: 'Bad',
        type: 'csat',
        definition: { title: { en: 'x' }, questions: [{ id: 'csat', kind: 'scale', role: 'csat', text: { en: 'How?' }, scale: { min: 1, max: 10 } }] },
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toEqual([{ path: 'body.definition.questions.0.scale', message: 'a CSAT question is asked on 1–5' }]);
    const noText = await call(app, 'POST', '/api/v1/surveys', { as: ws.as, body: { name: 'x', type: 'custom', definition: { title: {}, questions: [] } } });
    expect(noText.statusCode).toBe(400);
  });

  it('editing a survey without responses changes its version in place; with responses it makes a new version and old responses keep theirs', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const survey = await createSurvey(app, ws.as, { type: 'csat' });
    const edited = { ...survey.definition, title: { en: 'Rate us' } };
    const first = await call(app, 'PATCH', `/api/v1/surveys/${survey.id}`, { as: ws.as, body: { definition: edited } });
    expect(first.json().version).toBe(1);

    const customer = await createCustomer(app, ws.as);
    const inv = await invite(app, ws.as, survey.id, { customer_id: customer.id });
    expect((await postJson(app, inv.token, { csat: 5 })).statusCode).toBe(200);

    const second = await call(app, 'PATCH', `/api/v1/surveys/${survey.id}`, { as: ws.as, body: { definition: { ...edited, title: { en: 'Rate us again' } } } });
    expect(second.json().version).toBe(2);
    expect(second.json().definition.title).toEqual({ en: 'Rate us again' });
    const v1 = (await call(app, 'GET', `/api/v1/surveys/${survey.id}/versions/1`, { as: ws.as })).json();
    expect(v1.definition.title).toEqual({ en: 'Rate us' });
    const responses = (await call(app, 'GET', `/api/v1/surveys/${survey.id}/responses`, { as: ws.as })).json();
    expect(responses.data.map((r: Body) => r.version)).toEqual([1]);
    // A rename alone does not make a version.
    const renamed = await call(app, 'PATCH', `/api/v1/surveys/${survey.id}`, { as: ws.as, body: { name: 'CSAT after tickets' } });
    expect(renamed.json()).toMatchObject({ name: 'CSAT after tickets', version: 2 });
  });

  it('agents cannot read or define surveys; supervisors read, admins write', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const agent = await addUser(app, ws, 'agent');
    const supervisor = await addUser(app, ws, 'supervisor');
    expect((await call(app, 'GET', '/api/v1/surveys', { as: agent.as })).statusCode).toBe(403);
    expect((await call(app, 'GET', '/api/v1/surveys', { as: supervisor.as })).statusCode).toBe(200);
    expect((await call(app, 'POST', '/api/v1/surveys', { as: supervisor.as, body: { name: 'x', type: 'nps' } })).statusCode).toBe(403);
  });

  it("a survey, its invitations and its tokens are invisible from another workspace", async () => {
    const { app } = get();
    const a = await createWorkspace(app);
    const b = await createWorkspace(app);
    const survey = await createSurvey(app, a.as, { type: 'csat' });
    const customerA = await createCustomer(app, a.as);
    const customerB = await createCustomer(app, b.as);
    for (const [method, url] of [
      ['GET', `/api/v1/surveys/${survey.id}`],
      ['GET', `/api/v1/surveys/${survey.id}/results`],
      ['GET', `/api/v1/surveys/${survey.id}/responses`],
      ['GET', `/api/v1/surveys/${survey.id}/invitations`],
      ['GET', `/api/v1/surveys/${survey.id}/export/responses`],
      ['DELETE', `/api/v1/surveys/${survey.id}`],
    ] as const) {
      expect((await call(app, method, url, { as: b.as })).statusCode, url).toBe(404);
    }
    expect((await call(app, 'PATCH', `/api/v1/surveys/${survey.id}`, { as: b.as, body: { name: 'mine' } })).statusCode).toBe(404);
    // B cannot invite its customer to A's survey, nor A's customer to B's survey.
    expect((await call(app, 'POST', `/api/v1/surveys/${survey.id}/invitations`, { as: b.as, body: { customer_id: customerB.id } })).statusCode).toBe(404);
    const surveyB = await createSurvey(app, b.as, { type: 'csat' });
    const cross = await call(app, 'POST', `/api/v1/surveys/${surveyB.id}/invitations`, { as: b.as, body: { customer_id: customerA.id } });
    expect(cross.statusCode).toBe(422);
    // A's link answers A's survey only: B's results do not see it.
    const inv = await invite(app, a.as, survey.id, { customer_id: customerA.id });
    expect((await postJson(app, inv.token, { csat: 1 })).statusCode).toBe(200);
    expect((await call(app, 'GET', `/api/v1/surveys/${surveyB.id}/results`, { as: b.as })).json().overall.responses).toBe(0);
    expect((await call(app, 'GET', `/api/v1/surveys/${survey.id}/results`, { as: a.as })).json().overall.responses).toBe(1);
    // Settings that point at another workspace's things are refused like unknown ids.
    const lead = await call(app, 'PATCH', `/api/v1/surveys/${surveyB.id}`, { as: b.as, body: { settings: { followup: { action: 'ticket_for_lead', lead_user_id: a.owner.id } } } });
    expect(lead.statusCode).toBe(422);
  });
});
