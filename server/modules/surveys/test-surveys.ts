/**
 * Fixtures for the survey tests (not a test file): surveys and invitations through the API, the
 * sweeper and the email job run by hand with the test's clock, a mailer that keeps what it sends.
 */
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { createWorkspace } from '../../../test/factories.ts';
import { type Auth, call } from '../../../test/harness.ts';
import { createApiKey } from '../../../test/security/security-fixtures.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Mailer, OutgoingMail } from '../../platform/mailer.ts';
import { deliverInvitation } from './invitations.service.ts';
import { sweepSurveys } from './survey-dispatch.service.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies, checked by the assertions
export type Body = Record<string, any>;

export async function createSurvey(app: FastifyInstance, as: Auth, body: Body): Promise<Body> {
  const res = await call(app, 'POST', '/api/v1/surveys', { as, body: { name: `Survey ${Math.random()}`, ...body } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** Invites a customer by hand and returns the invitation with its link token. */
export async function invite(app: FastifyInstance, as: Auth, surveyId: string, body: Body): Promise<Body & { token: string }> {
  const res = await call(app, 'POST', `/api/v1/surveys/${surveyId}/invitations`, { as, body });
  expect(res.statusCode, res.body).toBe(201);
  const json = res.json();
  return { ...json, token: String(json.url).split('/s/')[1] };
}

export async function createCustomer(app: FastifyInstance, as: Auth, body: Body = {}): Promise<Body> {
  const res = await call(app, 'POST', '/api/v1/customers', {
    as,
    body: { name: 'Customer', identities: [{ kind: 'email', value: `c-${Math.random().toString(16).slice(2)}@example.com` }], ...body },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** Posts the page's form (urlencoded), as a browser would. */
export function postForm(app: FastifyInstance, token: string, fields: [string, string][], headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url: `/s/${token}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams([['t', token], ...fields]).toString(),
  });
}

export function postJson(app: FastifyInstance, token: string, answers: Body, version?: number) {
  return app.inject({ method: 'POST', url: `/s/${token}`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ answers, ...(version ? { version } : {}) }) });
}

export class CapturingMailer implements Mailer {
  readonly sent: OutgoingMail[] = [];
  readonly enabled = true;
  async send(message: OutgoingMail) {
    this.sent.push(message);
    return { messageId: `<${this.sent.length}@test>`, accepted: message.to, rejected: [] };
  }
  async close() {}
}

export async function sweep(app: FastifyInstance, clock: Clock) {
  return sweepSurveys({ db: app.deps.database.db, jobs: app.deps.jobs }, clock.now());
}

/** Runs the email job for every pending or to-be-reminded invitation of a survey (what the queue would do). */
export async function deliverAll(app: FastifyInstance, ws: { as: Auth; workspaceId: string }, surveyId: string, mailer: Mailer, clock: Clock, reminder = false) {
  const res = await call(app, 'GET', `/api/v1/surveys/${surveyId}/invitations?limit=100`, { as: ws.as });
  const results: string[] = [];
  for (const inv of res.json().data as Body[]) {
    if (reminder ? !inv.reminded_at : inv.status !== 'pending') continue;
    results.push(
      await deliverInvitation(app.deps.database.db, { mailer, publicUrl: 'https://help.example.com' }, { workspace_id: ws.workspaceId, invitation_id: inv.id, reminder }, clock.now()),
    );
  }
  return results;
}

export function tokenFromMail(mail: OutgoingMail): string {
  const match = /\/s\/([A-Za-z0-9_-]+)/.exec(mail.text);
  if (!match?.[1]) throw new Error('no survey link in the mail');
  return match[1];
}

/** A workspace whose `as` is an admin API key: it does not expire when a test moves the clock by days. */
export async function keyedWorkspace(app: FastifyInstance) {
  const ws = await createWorkspace(app);
  const key = await createApiKey(app, ws.as, 'admin');
  return { ...ws, as: key.as };
}

/**
 * A small SERVQUAL study definition for tests: one or two items per dimension (t1, r1, r2, p1,
 * a1, e1; expectation "E <id>", perception "<perceptionPrefix> <id>") and 100 importance points.
 */
export function smallServqualDefinition(perceptionPrefix = 'P'): Body {
  const item = (id: string, dimension: string) => ({ id, kind: 'servqual', dimension, expectation: { en: `E ${id}` }, perception: { en: `${perceptionPrefix} ${id}` } });
  return {
    title: { en: 'Service quality' },
    servqual: { form: 'gap', scale: { min: 1, max: 7 } },
    questions: [
      item('t1', 'tangibles'),
      item('r1', 'reliability'),
      item('r2', 'reliability'),
      item('p1', 'responsiveness'),
      item('a1', 'assurance'),
      item('e1', 'empathy'),
      {
        id: 'weights',
        kind: 'allocation',
        text: { en: 'Importance' },
        total: 100,
        options: ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'].map((d) => ({ id: d, text: { en: d } })),
      },
    ],
  };
}
