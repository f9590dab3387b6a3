/**
 * Fixtures for the escalation tests (not a test file): policies through the API, the sweeper run
 * by hand with the test's clock, and readers for what it did.
 */
import type { FastifyInstance } from 'fastify';
import { createMailer } from '../../platform/mailer.ts';
import { expect } from 'vitest';
import { type Auth, call } from '../../../test/harness.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db.ts';
import { notificationsEmailJob } from '../notifications/notifications-email.job.ts';
import { slaEscalationsSweepJob } from './sla-escalations-sweep.job.ts';
import { listTicketEscalations } from './sla-escalations.repository.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies, checked by the assertions
export type Body = Record<string, any>;

/** Bangkok (UTC+7, no DST) local times in the week of Monday 5 January 2026. */
export const at = (day: 'fri2' | 'mon' | 'tue' | 'fri' | 'mon2', time: string) => {
  const date = { fri2: '2026-01-02', mon: '2026-01-05', tue: '2026-01-06', fri: '2026-01-09', mon2: '2026-01-12' }[day];
  return new Date(`${date}T${time}+07:00`);
};

export async function createPolicy(app: FastifyInstance, as: Auth, body: Body): Promise<Body> {
  const res = await call(app, 'POST', '/api/v1/sla-policies', { as, body: { name: `Policy ${Math.random()}`, ...body } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** Runs the sweep job's handler once, as the every-minute cron would, at the clock's now. */
export async function sweep(app: FastifyInstance, clock: Clock): Promise<void> {
  await slaEscalationsSweepJob({ db: app.deps.database.db, clock, jobs: app.deps.jobs }).handle({}, { jobId: 'test-sweep' });
}

export async function eventsOf(app: FastifyInstance, as: Auth, ticketId: string): Promise<Body[]> {
  const res = await call(app, 'GET', `/api/v1/tickets/${ticketId}/events?limit=100`, { as });
  expect(res.statusCode).toBe(200);
  return res.json().data;
}

/** The ticket's sla_warning / sla_escalated events as (type, offset, due_at, occurred_at). */
export async function slaEventsOf(app: FastifyInstance, as: Auth, ticketId: string) {
  return (await eventsOf(app, as, ticketId))
    .filter((e) => e.type === 'sla_warning' || e.type === 'sla_escalated')
    .map((e) => ({ type: e.type, metric: e.data.metric, offset: e.data.offset_minutes, due_at: e.data.due_at, at: e.occurred_at }));
}

export async function scheduleOf(database: Database, workspaceId: string, ticketId: string) {
  return (await listTicketEscalations(database.db, workspaceId, ticketId)).map((r) => ({
    metric: r.metric,
    instance: r.instance,
    offset: r.offset_minutes,
    due_at: r.due_at.toISOString(),
    fire_at: r.fire_at.toISOString(),
    state: r.state,
  }));
}

export async function inbox(app: FastifyInstance, as: Auth): Promise<Body[]> {
  const res = await call(app, 'GET', '/api/v1/notifications?limit=100', { as });
  expect(res.statusCode).toBe(200);
  return res.json().data;
}

/** The email jobs queued for these in-app notices (pg-boss's own table). */
export async function emailJobsFor(database: Database, notificationIds: string[]): Promise<{ workspace_id: string; notification_id: string }[]> {
  const rows = (await database.executeSql(`select data from pgboss.job where name = 'notifications.email'`)).rows as { data: { workspace_id: string; notification_id: string } }[];
  return rows.map((r) => r.data).filter((d) => notificationIds.includes(d.notification_id));
}

/** Runs the email job's handler for a payload, as a worker would. */
export async function runEmailJob(app: FastifyInstance, clock: Clock, payload: { workspace_id: string; notification_id: string }): Promise<void> {
  await notificationsEmailJob({ db: app.deps.database.db, clock, mailer: createMailer({ smtpUrl: undefined, from: app.deps.config.mailFrom }) }).handle(payload, { jobId: 'test-email' });
}
