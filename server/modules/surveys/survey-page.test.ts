import { expect, it } from 'vitest';
import { createWorkspace } from '../../../test/factories.ts';
import { call, describeEngines } from '../../../test/harness.ts';
import { ManualClock } from '../../platform/clock.ts';
import { type Body, createCustomer, createSurvey, invite, postForm, postJson } from './test-surveys.ts';

const clock = new ManualClock('2026-03-02T03:00:00Z');
const MINUTE = 60_000;

async function responsesOf(app: Parameters<typeof call>[0], as: Body['as'], surveyId: string): Promise<Body[]> {
  return (await call(app, 'GET', `/api/v1/surveys/${surveyId}/responses?limit=100`, { as })).json().data;
}

describeEngines(
  'survey response page',
  (get) => {
    it('a GET (a link scanner, a one-click rating link) records nothing; the rating link preselects and asks to confirm', async () => {
      const { app } = get();
      const ws = await createWorkspace(app);
      const survey = await createSurvey(app, ws.as, { type: 'csat' });
      const customer = await createCustomer(app, ws.as, { locale: 'th' });
      const inv = await invite(app, ws.as, survey.id, { customer_id: customer.id });
      expect(inv.token.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url

      const page = await app.inject({ method: 'GET', url: `/s/${inv.token}?score=2` });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.headers['cache-control']).toBe('no-store');
      const html = page.body;
      expect(html).toContain('<html lang="th">');
      expect(html).toContain('name="viewport"');
      expect(html).toContain('คุณพึงพอใจกับความช่วยเหลือที่ได้รับมากน้อยเพียงใด?');
      expect(html).toMatch(/<input type="radio" id="[^"]+" name="q\.csat" value="2" checked>/);
      expect(html).toContain('>ยืนยัน</button>'); // Confirm
      expect(html).toContain('<fieldset>');
      expect(html).toContain('<legend');
      expect(html).toContain(':focus-visible');
      expect(html).toContain(`<form method="post" action="/s/${inv.token}"`);
      expect(html).not.toContain('<script');
      await app.inject({ method: 'GET', url: `/s/${inv.token}?score=1` });
      expect(await responsesOf(app, ws.as, survey.id)).toEqual([]);
      const invitations = (await call(app, 'GET', `/api/v1/surveys/${survey.id}/invitations`, { as: ws.as })).json().data;
      expect(invitations[0]).toMatchObject({ opened_at: null, responded_at: null });

      const confirm = await postForm(app, inv.token, [['version', '1'], ['q.csat', '2'], ['q.comment', 'Slow answers']]);
      expect(confirm.statusCode).toBe(200);
      expect(confirm.body).toContain('ขอบคุณ'); // thank you, in Thai
      const [response] = await responsesOf(app, ws.as, survey.id);
      expect(response).toMatchObject({ csat: 2, comment: 'Slow answers', customer_id: customer.id, locale: 'th', version: 1 });
    });

    it('falls back to the workspace default language, then English; an unknown link is a 404 page in the browser language', async () => {
      const { app } = get();
      const ws = await createWorkspace(app);
      const survey = await createSurvey(app, ws.as, { type: 'nps' });
      const customer = await createCustomer(app, ws.as); // no locale: the workspace default (en)
      const inv = await invite(app, ws.as, survey.id, { customer_id: customer.id });
      expect((await app.inject({ method: 'GET', url: `/s/${inv.token}` })).body).toContain('<html lang="en">');
      const czech = await invite(app, ws.as, survey.id, { customer_id: (await createCustomer(app, ws.as)).id, locale: 'cs' });
      expect((await app.inject({ method: 'GET', url: `/s/${czech.token}` })).body).toContain('doporučili');
      // A survey written only in English shows English to a Vietnamese customer.
      const english = await createSurvey(app, ws.as, { type: 'custom', definition: { title: { en: 'Quick question' }, questions: [{ id: 'fun', kind: 'text', text: { en: 'Was it fun?' } }] } });
      const vi = await invite(app, ws.as, english.id, { customer_id: customer.id, locale: 'vi' });
      const viPage = await app.inject({ method: 'GET', url: `/s/${vi.token}` });
      expect(viPage.body).toContain('<html lang="en">');
      expect(viPage.body).toContain('Was it fun?');

      const unknown = await app.inject({ method: 'GET', url: `/s/${'x'.repeat(43)}`, headers: { 'accept-language': 'vi-VN,vi;q=0.9' } });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.body).toContain('<html lang="vi">');
      expect(unknown.body).toContain('Liên kết khảo sát này không hợp lệ.');
    });

    it('one response per invitation, editable within the window, then a 410 page; expired and deleted surveys are clear states', async () => {
      const { app } = get();
      clock.set('2026-03-02T03:00:00Z');
      const ws = await createWorkspace(app);
      const survey = await createSurvey(app, ws.as, { type: 'csat', settings: { edit_window_minutes: 60, invitation_ttl_days: 2 } });
      const customer = await createCustomer(app, ws.as);
      const inv = await invite(app, ws.as, survey.id, { customer_id: customer.id });
      expect((await postForm(app, inv.token, [['q.csat', '3']])).statusCode).toBe(200);
      clock.advance(30 * MINUTE);
      const again = await app.inject({ method: 'GET', url: `/s/${inv.token}` });
      expect(again.body).toMatch(/name="q\.csat" value="3" checked/);
      expect(again.body).toContain('You can change your answers until');
      const edited = await postForm(app, inv.token, [['q.csat', '5']]);
      expect(edited.body).toContain('updated');
      expect((await responsesOf(app, ws.as, survey.id)).map((r) => r.csat)).toEqual([5]);

      clock.advance(31 * MINUTE);
      const late = await postForm(app, inv.token, [['q.csat', '1']]);
      expect(late.statusCode).toBe(410);
      expect(late.body).toContain('already answered');
      expect((await app.inject({ method: 'GET', url: `/s/${inv.token}` })).statusCode).toBe(410);
      expect((await postJson(app, inv.token, { csat: 1 })).statusCode).toBe(410);
      expect((await responsesOf(app, ws.as, survey.id)).map((r) => r.csat)).toEqual([5]);

      const other = await invite(app, ws.as, survey.id, { customer_id: (await createCustomer(app, ws.as, { locale: 'ms' })).id });
      const fresh = await invite(app, ws.as, survey.id, { customer_id: customer.id });
      const before = clock.now();
      clock.advance(2 * 24 * 60 * MINUTE);
      const expired = await app.inject({ method: 'GET', url: `/s/${other.token}` });
      expect(expired.statusCode).toBe(410);
      expect(expired.body).toContain('<html lang="ms">');
      expect(expired.body).toContain('Pautan tinjauan ini telah tamat tempoh.');

      clock.set(before);
      expect((await call(app, 'DELETE', `/api/v1/surveys/${survey.id}`, { as: ws.as })).statusCode).toBe(204);
      const closed = await app.inject({ method: 'GET', url: `/s/${fresh.token}` });
      expect(closed.statusCode).toBe(410);
      expect(closed.body).toContain('This survey is closed.');
      expect((await postForm(app, fresh.token, [['q.csat', '4']])).statusCode).toBe(410);
    });

    it('an answer out of scale is refused naming the field, and the form keeps what was typed', async () => {
      const { app } = get();
      const ws = await createWorkspace(app);
      const survey = await createSurvey(app, ws.as, { type: 'csat' });
      const inv = await invite(app, ws.as, survey.id, { customer_id: (await createCustomer(app, ws.as)).id });
      const json = await postJson(app, inv.token, { csat: 9 });
      expect(json.statusCode).toBe(400);
      expect(json.json()).toMatchObject({ code: 'validation_failed', issues: [{ path: 'body.answers.csat', message: 'out_of_scale' }] });
      const form = await postForm(app, inv.token, [['q.csat', '9'], ['q.comment', 'Keep this text']]);
      expect(form.statusCode).toBe(400);
      expect(form.body).toContain('role="alert"');
      expect(form.body).toContain('aria-invalid="true"');
      expect(form.body).toContain('is not one of the choices');
      expect(form.body).toContain('Keep this text');
      const missing = await postForm(app, inv.token, [['q.comment', 'no rating']]);
      expect(missing.statusCode).toBe(400);
      expect(missing.body).toContain('needs an answer');
      // A form without the token in it (not our page) is not accepted.
      const forged = await app.inject({ method: 'POST', url: `/s/${inv.token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'q.csat=1' });
      expect(forged.statusCode).toBe(404);
      expect(await responsesOf(app, ws.as, survey.id)).toEqual([]);
    });

    it('anonymous surveys do not link the response to the customer, ticket or agent, yet the respondent can still edit', async () => {
      const { app } = get();
      clock.set('2026-03-02T03:00:00Z');
      const ws = await createWorkspace(app);
      const survey = await createSurvey(app, ws.as, { type: 'nps', settings: { anonymous: true, edit_window_minutes: 60 } });
      const customer = await createCustomer(app, ws.as);
      const inv = await invite(app, ws.as, survey.id, { customer_id: customer.id });
      expect((await postJson(app, inv.token, { nps: 9, comment: 'Good' })).json()).toMatchObject({ status: 'recorded' });
      expect((await postJson(app, inv.token, { nps: 10 })).json()).toMatchObject({ status: 'updated' });
      const [response] = await responsesOf(app, ws.as, survey.id);
      expect(response).toMatchObject({ nps: 10, customer_id: null, ticket_id: null, agent_id: null });
      expect(response?.submitted_at).toBe('2026-03-01T17:00:00.000Z'); // to the day only: 2 March, 00:00 in Bangkok
      const rows = await app.deps.database.db.selectFrom('survey_responses').select(['invitation_id']).where('id', '=', response?.id).execute();
      expect(rows).toEqual([{ invitation_id: null }]);
      // After the edit window the sealed pointer is erased by the sweeper: no link is left at all.
      clock.advance(61 * MINUTE);
      const { sweepSurveys } = await import('./survey-dispatch.service.ts');
      expect((await sweepSurveys({ db: app.deps.database.db, jobs: app.deps.jobs }, clock.now())).unlinked).toBeGreaterThanOrEqual(1);
      const inviteRow = await app.deps.database.db.selectFrom('survey_invitations').select(['response_ref', 'responded_at']).where('id', '=', inv.id).executeTakeFirstOrThrow();
      expect(inviteRow.response_ref).toBeNull();
      expect(inviteRow.responded_at).not.toBeNull();
      expect((await postJson(app, inv.token, { nps: 0 })).statusCode).toBe(410);
    });

    it('SERVQUAL: half the items answered is stored and scored on what was given; allocations that do not add up are kept and flagged', async () => {
      const { app } = get();
      const ws = await createWorkspace(app);
      const survey = await createSurvey(app, ws.as, { type: 'servqual' });
      const inv = await invite(app, ws.as, survey.id, { customer_id: (await createCustomer(app, ws.as)).id });
      const page = await app.inject({ method: 'GET', url: `/s/${inv.token}` });
      expect(page.body.match(/<fieldset>/g)?.length).toBeGreaterThanOrEqual(45); // 22 × 2 + weights
      const fields: [string, string][] = [];
      for (let i = 1; i <= 11; i++) fields.push([`q.q${i}.expectation`, '7'], [`q.q${i}.perception`, '5']);
      fields.push(['q.weights.tangibles', '10'], ['q.weights.reliability', '40'], ['q.weights.responsiveness', '10'], ['q.weights.assurance', '10'], ['q.weights.empathy', '10']);
      const res = await postForm(app, inv.token, fields);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('scaled them proportionally');
      const [response] = await responsesOf(app, ws.as, survey.id);
      expect(response?.flags).toEqual(['allocation_renormalized', 'servqual_incomplete']);
      expect(Object.keys(response?.answers ?? {})).toHaveLength(12);
      const results = (await call(app, 'GET', `/api/v1/surveys/${survey.id}/results`, { as: ws.as })).json();
      const sq = results.overall.servqual;
      expect(sq.dimensions.find((d: Body) => d.dimension === 'tangibles')).toMatchObject({ gap: -2, respondents: 1, incompleteRespondents: 0 });
      expect(sq.dimensions.find((d: Body) => d.dimension === 'responsiveness')).toMatchObject({ gap: -2, respondents: 1, incompleteRespondents: 1 });
      expect(sq.dimensions.find((d: Body) => d.dimension === 'empathy')).toMatchObject({ gap: null, respondents: 0 });
      expect(sq.unweighted).toBeNull();
      expect(sq.incomplete_note).toContain('mean of the items they answered');
      expect(sq.weighted.excluded.missing_dimension).toBe(1);
    });
  },
  { clock: () => clock },
);
