import type { FastifyInstance } from 'fastify';
import { expect, it } from 'vitest';
import { addUser, createWorkspace, type WorkspaceFixture } from '../../../test/factories.ts';
import { call, describeEngines, walkPages } from '../../../test/harness.ts';
import { ManualClock } from '../../platform/clock.ts';
import { createApiKey } from '../../../test/security/security-fixtures.ts';
import { notificationsEmailJob } from './notifications-email.job.ts';
import { notifyUsers } from './notifications.service.ts';
import { createMailer } from '../../platform/mailer.ts';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

/** A real SMTP server on loopback that keeps what it receives; `fail` makes it answer 451 once per recipient. */
async function startSmtp(options: { deferOnce?: boolean } = {}) {
  const received: ParsedMail[] = [];
  const deferred = new Set<string>();
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    disableReverseLookup: true,
    onRcptTo(address, _session, callback) {
      if (options.deferOnce && !deferred.has(address.address)) {
        deferred.add(address.address);
        return callback(Object.assign(new Error('4.3.0 Try again later'), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then((parsed) => {
        received.push(parsed);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { received, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const clock = new ManualClock('2026-01-05T03:00:00Z');

/** A notice through the service the escalations use (in-app row + queued email job). */
function notify(app: FastifyInstance, ws: WorkspaceFixture, userIds: string[], key: string) {
  return notifyUsers(app.deps.database.db, app.deps.jobs, {
    workspaceId: ws.workspaceId,
    userIds,
    ticketId: null,
    kind: 'sla_warning',
    subject: `Subject ${key}`,
    body: `Body ${key}`,
    data: { key },
    dedupeKey: `test:${key}`,
    at: clock.now(),
  });
}

describeEngines(
  'notifications',
  (get) => {
    it('each user sees only their own in-app notices, newest first, page by page; read once', async () => {
      const { app } = get();
      const ws = await createWorkspace(app);
      const agent = await addUser(app, ws, 'agent');
      const other = await addUser(app, ws, 'agent');
      for (const key of ['a', 'b', 'c']) {
        clock.advance(60_000);
        expect(await notify(app, ws, [agent.id], key)).toEqual([agent.id]);
      }
      // The same notice again (a retried job) writes nothing and queues nothing.
      expect(await notify(app, ws, [agent.id], 'c')).toEqual([]);
      await notify(app, ws, [other.id], 'for other');

      const list = await call(app, 'GET', '/api/v1/notifications', { as: agent.as });
      expect(list.statusCode).toBe(200);
      const mine = list.json().data;
      expect(mine.map((n: { subject: string }) => n.subject)).toEqual(['Subject c', 'Subject b', 'Subject a']);
      expect(mine[0]).toEqual({
        id: expect.any(String),
        kind: 'sla_warning',
        ticket_id: null,
        subject: 'Subject c',
        body: 'Body c',
        data: { key: 'c' },
        created_at: clock.now().toISOString(),
        read_at: null,
      });
      expect(await walkPages(app, agent.as, '/api/v1/notifications', 2)).toEqual(mine.map((n: { id: string }) => n.id));

      // Someone else's notice is not found, and stays unread.
      const othersId = (await call(app, 'GET', '/api/v1/notifications', { as: other.as })).json().data[0].id;
      for (const as of [agent.as, ws.as]) {
        const res = await call(app, 'POST', `/api/v1/notifications/${othersId}/read`, { as });
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('not_found');
      }
      expect((await call(app, 'GET', '/api/v1/notifications?unread=true', { as: other.as })).json().data).toHaveLength(1);

      clock.advance(60_000);
      const read = await call(app, 'POST', `/api/v1/notifications/${mine[1].id}/read`, { as: agent.as });
      expect(read.statusCode).toBe(200);
      expect(read.json()).toMatchObject({ id: mine[1].id, read_at: clock.now().toISOString() });
      const readAt = read.json().read_at;
      clock.advance(60_000);
      expect((await call(app, 'POST', `/api/v1/notifications/${mine[1].id}/read`, { as: agent.as })).json().read_at).toBe(readAt);
      const unread = (await call(app, 'GET', '/api/v1/notifications?unread=true', { as: agent.as })).json().data;
      expect(unread.map((n: { subject: string }) => n.subject)).toEqual(['Subject c', 'Subject a']);

      // An API key acts for no user: it has no notices, and marks none.
      const key = await createApiKey(app, ws.as, 'admin');
      expect((await call(app, 'GET', '/api/v1/notifications', { as: key.as })).json()).toEqual({ data: [], next_cursor: null });
      expect((await call(app, 'POST', `/api/v1/notifications/${mine[0].id}/read`, { as: key.as })).statusCode).toBe(404);
    });

    it('inactive users are not notified; the email job records a rendered copy once', async () => {
      const { app, database } = get();
      const ws = await createWorkspace(app);
      const agent = await addUser(app, ws, 'agent');
      const gone = await addUser(app, ws, 'agent');
      expect((await call(app, 'PATCH', `/api/v1/users/${gone.id}`, { as: ws.as, body: { active: false } })).statusCode).toBe(200);
      expect(await notify(app, ws, [agent.id, gone.id], 'x')).toEqual([agent.id]);

      const inApp = (await call(app, 'GET', '/api/v1/notifications', { as: agent.as })).json().data[0];
      const jobs = (await database.executeSql(`select data from pgboss.job where name = 'notifications.email'`)).rows as { data: { notification_id: string; workspace_id: string } }[];
      const payload = jobs.map((j) => j.data).find((d) => d.notification_id === inApp.id);
      expect(payload).toEqual({ workspace_id: ws.workspaceId, notification_id: inApp.id });
      const job = notificationsEmailJob({ db: database.db, clock, mailer: createMailer({ smtpUrl: undefined, from: 'Gapwise <no-reply@localhost>' }) });
      await job.handle(payload as NonNullable<typeof payload>, { jobId: 'a' });
      await job.handle(payload as NonNullable<typeof payload>, { jobId: 'b' });
      const emails = (await database.executeSql(`select user_id, subject, body, sent_at, data from notifications where channel = 'email' and workspace_id = $1`, [ws.workspaceId])).rows;
      expect(emails).toEqual([{ user_id: agent.id, subject: 'Subject x', body: 'Hello agent,\n\nBody x\n\n— Gapwise', sent_at: null, data: { key: 'x', to: agent.email, in_app_id: inApp.id, delivery: { status: 'not_sent', reason: expect.stringContaining('no SMTP relay configured') } } }]);
      // The email copy is not in the in-app inbox.
      expect((await call(app, 'GET', '/api/v1/notifications', { as: agent.as })).json().data).toHaveLength(1);
    });

    it('sends the email copy through the SMTP relay once, retrying a temporary refusal', async () => {
      const { app, database } = get();
      const ws = await createWorkspace(app);
      const agent = await addUser(app, ws, 'agent');
      await notify(app, ws, [agent.id], 'smtp');
      const inApp = (await call(app, 'GET', '/api/v1/notifications', { as: agent.as })).json().data[0];
      const smtp = await startSmtp({ deferOnce: true });
      const mailer = createMailer({ smtpUrl: smtp.url, from: 'Gapwise <sla@desk.example>' });
      try {
        const job = notificationsEmailJob({ db: database.db, clock, mailer });
        const payload = { workspace_id: ws.workspaceId, notification_id: inApp.id };
        // 451 from the relay: the job fails so the queue retries it later; nothing is marked sent.
        await expect(job.handle(payload, { jobId: 'first' })).rejects.toMatchObject({ permanent: false });
        await job.handle(payload, { jobId: 'retry' });
        await job.handle(payload, { jobId: 'duplicate' });
        expect(smtp.received).toHaveLength(1);
        expect(smtp.received[0]?.subject).toBe('Subject smtp');
        expect(smtp.received[0]?.text).toContain('Body smtp');
        const rows = (await database.executeSql(`select sent_at, data from notifications where channel = 'email' and workspace_id = $1`, [ws.workspaceId])).rows as { sent_at: Date | null; data: { delivery?: { status: string; message_id: string } } }[];
        expect(rows).toHaveLength(1);
        expect(rows[0]?.sent_at).not.toBeNull();
        expect(rows[0]?.data.delivery).toEqual({ status: 'sent', message_id: smtp.received[0]?.messageId });
      } finally {
        await mailer.close();
        await smtp.close();
      }
    });
  },
  { clock: () => clock },
);
