import type { FastifyInstance } from 'fastify';
import { expect, it } from 'vitest';
import { addUser, createTicket } from '../../../test/factories.ts';
import { type Auth, call, describeEngines } from '../../../test/harness.ts';
import { ManualClock } from '../../platform/clock.ts';
import { appendEvent } from '../tickets/ticket-writer.ts';
import { type Body, CapturingMailer, createCustomer, createSurvey, deliverAll, keyedWorkspace, postForm, postJson, sweep, tokenFromMail } from './test-surveys.ts';

const clock = new ManualClock('2026-03-02T02:00:00Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

async function setStatus(app: FastifyInstance, as: Auth, ticketId: string, body: Body) {
  const res = await call(app, 'PATCH', `/api/v1/tickets/${ticketId}`, { as, body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function invitationsOf(app: FastifyInstance, as: Auth, surveyId: string): Promise<Body[]> {
  return (await call(app, 'GET', `/api/v1/surveys/${surveyId}/invitations?limit=100`, { as })).json().data;
}

describeEngines(
  'when surveys go out',
  (get) => {
    it('CSAT goes out by email a delay after solving, once per ticket, never for spam or merged tickets; a reopened-and-resolved ticket gets no second one', async () => {
      const { app } = get();
      clock.set('2026-03-02T02:00:00Z');
      const ws = await keyedWorkspace(app);
      const survey = await createSurvey(app, ws.as, { type: 'csat', settings: { send_after_solved: { enabled: true, delay_minutes: 30 } } });
      // A ticket solved before the trigger existed is history: never invited.
      const ticket = await createTicket(app, ws.as, { subject: 'Parcel late' });
      const spam = await createTicket(app, ws.as, { tags: ['spam'] });
      const merged = await createTicket(app, ws.as);
      await app.deps.database.db.transaction().execute((trx) =>
        appendEvent(trx, { id: merged.id, workspace_id: ws.workspaceId }, 'merged', { actor_type: 'system', actor_id: null }, { into: ticket.id }, clock.now()),
      );
      clock.advance(MINUTE);
      for (const t of [ticket, spam, merged]) await setStatus(app, ws.as, t.id, { status: 'solved' });

      clock.advance(29 * MINUTE);
      await sweep(app, clock);
      expect(await invitationsOf(app, ws.as, survey.id)).toEqual([]);
      clock.advance(MINUTE);
      expect((await sweep(app, clock)).invited).toBe(1);
      expect((await sweep(app, clock)).invited).toBe(0);
      const [inv] = await invitationsOf(app, ws.as, survey.id);
      expect(inv).toMatchObject({ ticket_id: ticket.id, delivery: 'email', status: 'pending' });

      const mailer = new CapturingMailer();
      expect(await deliverAll(app, ws, survey.id, mailer, clock)).toEqual(['sent']);
      expect(await deliverAll(app, ws, survey.id, mailer, clock)).toEqual([]);
      expect(mailer.sent).toHaveLength(1);
      const mail = mailer.sent[0];
      expect(mail?.subject).toContain('Parcel late');
      expect(mail?.text).toContain('https://help.example.com/s/');
      expect(mail?.text).toMatch(/5 \(Very satisfied\): https:\/\/help\.example\.com\/s\/[A-Za-z0-9_-]+\?score=5/);
      expect((await invitationsOf(app, ws.as, survey.id))[0]).toMatchObject({ status: 'sent' });

      // Reopened and solved again: no second invitation.
      await setStatus(app, ws.as, ticket.id, { status: 'open' });
      await setStatus(app, ws.as, ticket.id, { status: 'solved' });
      clock.advance(2 * DAY);
      expect((await sweep(app, clock)).invited).toBe(0);
      expect(await invitationsOf(app, ws.as, survey.id)).toHaveLength(1);

      // The response snapshots the ticket for slicing.
      const token = tokenFromMail(mail as never);
      clock.set(new Date(Date.parse('2026-03-02T02:31:00Z') + 10 * MINUTE));
      expect((await postJson(app, token, { csat: 4 })).statusCode).toBe(200);
      const [response] = (await call(app, 'GET', `/api/v1/surveys/${survey.id}/responses?ticket_id=${ticket.id}`, { as: ws.as })).json().data;
      expect(response).toMatchObject({ ticket_id: ticket.id, channel: 'api', csat: 4, sla: { first_reply: null, resolution: null } });
    });

    it('chat tickets get an inline invitation (for the chat channel to show); customers without email are recorded, not retried; the per-customer throttle holds', async () => {
      const { app } = get();
      clock.set('2026-03-02T02:00:00Z');
      const ws = await keyedWorkspace(app);
      const survey = await createSurvey(app, ws.as, { type: 'csat', settings: { send_after_solved: { enabled: true, delay_minutes: 0, customer_throttle_days: 7 } } });
      clock.advance(MINUTE);
      const chat = await createTicket(app, ws.as, { channel: 'chat' });
      const phone = await createTicket(app, ws.as, { channel: 'phone', customer: { phone: '+66812345678', name: 'Caller' } });
      const email = 'repeat@example.com';
      const first = await createTicket(app, ws.as, { customer: { email, name: 'Repeat' } });
      const second = await createTicket(app, ws.as, { customer: { email, name: 'Repeat' } });
      for (const t of [chat, phone, first, second]) await setStatus(app, ws.as, t.id, { status: 'solved' });
      clock.advance(MINUTE);
      await sweep(app, clock);
      const byTicket = new Map((await invitationsOf(app, ws.as, survey.id)).map((i) => [i.ticket_id, i]));
      expect(byTicket.get(chat.id)).toMatchObject({ delivery: 'chat_inline', status: 'pending' });
      expect(byTicket.get(phone.id)).toMatchObject({ delivery: 'no_address', status: 'failed' });
      expect(byTicket.has(first.id)).toBe(true);
      expect(byTicket.has(second.id)).toBe(false);
      // A ticket skipped for the throttle stays skipped; a ticket solved after the throttle is invited.
      clock.advance(8 * DAY);
      const third = await createTicket(app, ws.as, { customer: { email, name: 'Repeat' } });
      await setStatus(app, ws.as, third.id, { status: 'solved' });
      await sweep(app, clock);
      const tickets = (await invitationsOf(app, ws.as, survey.id)).map((i) => i.ticket_id);
      expect(tickets).not.toContain(second.id);
      expect(tickets).toContain(third.id);
    });

    it('a dissatisfied CSAT reopens the ticket (reopen), or opens a follow-up ticket for the team lead', async () => {
      const { app } = get();
      clock.set('2026-03-02T02:00:00Z');
      const ws = await keyedWorkspace(app);
      const lead = await addUser(app, ws, 'supervisor');
      const reopen = await createSurvey(app, ws.as, { type: 'csat', settings: { followup: { action: 'reopen' } } });
      const forLead = await createSurvey(app, ws.as, { type: 'csat', settings: { followup: { action: 'ticket_for_lead', lead_user_id: lead.id } } });
      const ticket = await createTicket(app, ws.as);
      await setStatus(app, ws.as, ticket.id, { status: 'solved' });
      const invite = async (surveyId: string) => {
        const res = await call(app, 'POST', `/api/v1/surveys/${surveyId}/invitations`, { as: ws.as, body: { customer_id: ticket.customer_id, ticket_id: ticket.id } });
        expect(res.statusCode, res.body).toBe(201);
        return String(res.json().url).split('/s/')[1] as string;
      };
      expect((await postForm(app, await invite(reopen.id), [['q.csat', '1'], ['q.comment', 'Still broken']])).statusCode).toBe(200);
      const reopened = (await call(app, 'GET', `/api/v1/tickets/${ticket.id}`, { as: ws.as })).json();
      expect(reopened.status).toBe('open');
      const events = (await call(app, 'GET', `/api/v1/tickets/${ticket.id}/events?limit=100`, { as: ws.as })).json().data as Body[];
      expect(events.map((e) => e.type)).toContain('survey_dissatisfied');

      await setStatus(app, ws.as, ticket.id, { status: 'solved' });
      const token = await invite(forLead.id);
      expect((await postJson(app, token, { csat: 2 })).statusCode).toBe(200);
      const [response] = (await call(app, 'GET', `/api/v1/surveys/${forLead.id}/responses`, { as: ws.as })).json().data;
      expect(response.followup_ticket_id).toBeTruthy();
      const followUp = (await call(app, 'GET', `/api/v1/tickets/${response.followup_ticket_id}`, { as: ws.as })).json();
      expect(followUp).toMatchObject({ assignee_id: lead.id, priority: 'high', customer_id: ticket.customer_id, channel: 'internal' });
      expect(followUp.subject).toContain('CSAT 2/5');
      // Editing the answer does not open a second follow-up.
      expect((await postJson(app, token, { csat: 1 })).statusCode).toBe(200);
      const list = (await call(app, 'GET', `/api/v1/tickets?tag=survey-followup&limit=100`, { as: ws.as })).json().data as Body[];
      expect(list).toHaveLength(1);
      // A second invitation about the same ticket from the same survey is refused.
      const dup = await call(app, 'POST', `/api/v1/surveys/${forLead.id}/invitations`, { as: ws.as, body: { customer_id: ticket.customer_id, ticket_id: ticket.id } });
      expect(dup.statusCode).toBe(409);
    });

    it('NPS on a schedule: a sample of the targeted tier, nobody twice within the 90-day throttle', async () => {
      const { app } = get();
      clock.set('2026-03-02T02:00:00Z');
      const ws = await keyedWorkspace(app);
      const tier = (await call(app, 'POST', '/api/v1/tiers', { as: ws.as, body: { name: 'Gold', rank: 1 } })).json();
      for (let i = 0; i < 5; i++) await createCustomer(app, ws.as, { tier_id: tier.id });
      for (let i = 0; i < 3; i++) await createCustomer(app, ws.as);
      const survey = await createSurvey(app, ws.as, { type: 'nps', settings: { schedule: { enabled: true, every_days: 30, sample_size: 3, tier_ids: [tier.id] } } });
      expect((await sweep(app, clock)).scheduled).toBe(3);
      expect((await sweep(app, clock)).scheduled).toBe(0);
      clock.advance(30 * DAY);
      expect((await sweep(app, clock)).scheduled).toBe(2); // only 2 Gold customers not asked in 90 days
      clock.advance(30 * DAY);
      expect((await sweep(app, clock)).scheduled).toBe(0);
      const invited = await invitationsOf(app, ws.as, survey.id);
      expect(new Set(invited.map((i) => i.customer_id)).size).toBe(5);
      expect(invited.every((i) => i.study_id)).toBe(true);
      const studies = (await call(app, 'GET', `/api/v1/surveys/${survey.id}/studies`, { as: ws.as })).json().data as Body[];
      expect(studies.map((s) => s.progress.invited)).toEqual([3, 2, 0]);
    });

    it('a Kano study: the admin picks the audience, it runs until a date, non-responders are reminded once', async () => {
      const { app } = get();
      clock.set('2026-03-02T02:00:00Z');
      const ws = await keyedWorkspace(app);
      const org = (await call(app, 'POST', '/api/v1/organizations', { as: ws.as, body: { name: 'Acme' } })).json();
      const customers = [];
      for (let i = 0; i < 3; i++) customers.push(await createCustomer(app, ws.as, { organization_id: org.id }));
      await createCustomer(app, ws.as);
      const survey = await createSurvey(app, ws.as, { type: 'kano' });
      const empty = await call(app, 'POST', `/api/v1/surveys/${survey.id}/studies`, { as: ws.as, body: { audience: { sample_size: 10 }, closes_at: '2026-04-01T00:00:00Z' } });
      expect(empty.statusCode).toBe(409); // no features yet
      const { kanoFeatureQuestion } = await import('./survey-defaults.ts');
      const definition = { ...survey.definition, questions: [kanoFeatureQuestion('pickup', { en: 'same-day pickup' })] };
      expect((await call(app, 'PATCH', `/api/v1/surveys/${survey.id}`, { as: ws.as, body: { definition } })).statusCode).toBe(200);
      const res = await call(app, 'POST', `/api/v1/surveys/${survey.id}/studies`, {
        as: ws.as,
        body: { audience: { organization_ids: [org.id], sample_size: 10 }, closes_at: '2026-04-01T00:00:00Z', remind_after_days: 7 },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().invited).toBe(3);
      const mailer = new CapturingMailer();
      expect(await deliverAll(app, ws, survey.id, mailer, clock)).toEqual(['sent', 'sent', 'sent']);
      const answeredToken = tokenFromMail(mailer.sent[0] as never);
      expect((await postForm(app, answeredToken, [['q.pickup.functional', 'like'], ['q.pickup.dysfunctional', 'neutral']])).statusCode).toBe(200);

      clock.advance(6 * DAY);
      expect((await sweep(app, clock)).reminded).toBe(0);
      clock.advance(DAY);
      expect((await sweep(app, clock)).reminded).toBe(2);
      expect((await sweep(app, clock)).reminded).toBe(0);
      expect(await deliverAll(app, ws, survey.id, mailer, clock, true)).toEqual(['sent', 'sent']);
      expect(mailer.sent.slice(3).map((m) => m.subject)).toEqual(['Reminder: we would value your opinion', 'Reminder: we would value your opinion']);
      // The reminder's new link and the first one both reach the same invitation.
      const reminderToken = tokenFromMail(mailer.sent[3] as never);
      expect((await app.inject({ method: 'GET', url: `/s/${reminderToken}` })).statusCode).toBe(200);
      clock.set('2026-04-01T00:00:01Z');
      expect((await app.inject({ method: 'GET', url: `/s/${reminderToken}` })).statusCode).toBe(410);
      const [study] = (await call(app, 'GET', `/api/v1/surveys/${survey.id}/studies`, { as: ws.as })).json().data;
      expect(study.progress).toEqual({ invited: 3, sent: 3, opened: 1, answered: 1, reminded: 2 });
      const results = (await call(app, 'GET', `/api/v1/surveys/${survey.id}/results`, { as: ws.as })).json();
      expect(results.overall.kano[0]).toMatchObject({ feature_id: 'pickup', n: 1, category: 'A', better: 1, worse: 0 });
      expect(results.overall.response_rate).toBeCloseTo(1 / 3);
    });
  },
  { clock: () => clock },
);
