import { expect, it } from 'vitest';
import { createMailer } from '../platform/mailer.ts';
import { createWorkspace, signIn, TEST_PASSWORD, type WorkspaceFixture } from '../../test/factories.ts';
import { type Auth, call, describeEngines, testConfig } from '../../test/harness.ts';
import { countRecentLoginFailures } from '../modules/auth/auth.repository.ts';
import { ManualClock } from '../platform/clock.ts';
import type { Database } from '../platform/db.ts';
import { MAINTENANCE_PRUNE, pruneExpiredRecords } from './maintenance-prune.job.ts';
import { PgBossQueue } from './pg-boss-queue.ts';
import { registerJobs } from './registry.ts';
import { signature } from '../modules/channels/webhook/webhook-signature.ts';

const HOUR = 3_600_000;
const clock = new ManualClock('2026-03-02T08:00:00Z');

/** A failed sign-in (unknown account) and a team created with an Idempotency-Key. */
async function leaveRecords(app: Parameters<typeof createWorkspace>[0], ws: WorkspaceFixture, tag: string) {
  const email = `nobody-${tag}@example.com`;
  const failed = await call(app, 'POST', '/api/v1/session', { body: { email, password: 'wrong password' } });
  expect(failed.statusCode).toBe(401);
  const created = await call(app, 'POST', '/api/v1/teams', { as: ws.as, body: { name: `Team ${tag}` }, headers: { 'idempotency-key': tag } });
  expect(created.statusCode).toBe(201);
  return { accountKey: `account:${email}` };
}

/** Whether the Idempotency-Key is still remembered: reusing it for another body is refused. */
async function keyRemembered(app: Parameters<typeof createWorkspace>[0], as: Auth, tag: string) {
  const res = await call(app, 'POST', '/api/v1/teams', { as, body: { name: `Other ${tag}` }, headers: { 'idempotency-key': tag } });
  if (res.statusCode === 422) expect(res.json().code).toBe('idempotency_key_reused');
  else expect(res.statusCode).toBe(201);
  return res.statusCode === 422;
}

async function failuresOf(database: Database, key: string) {
  return countRecentLoginFailures(database.db, key, new Date(0));
}

async function jobState(database: Database, id: string): Promise<string | null> {
  const rows = (await database.executeSql('select state from pgboss.job where id = $1', [id])).rows as { state: string }[];
  return rows[0]?.state ?? null;
}

describeEngines(
  'maintenance.prune',
  (get) => {
    it('keeps sign-in failures and idempotency keys younger than a day', async () => {
      const { app, database } = get();
      const ws = await createWorkspace(app);
      const { accountKey } = await leaveRecords(app, ws, 'young');

      clock.advance(23 * HOUR);
      await pruneExpiredRecords(database.db, clock.now());
      expect(await failuresOf(database, accountKey)).toBe(1);
      const as = await signIn(app, ws.owner.email, TEST_PASSWORD, ws.slug);
      expect(await keyRemembered(app, as, 'young')).toBe(true);
    });

    it('prunes webhook replay receipts and web-form rate-limit windows once they are a day old', async () => {
      const { app, database } = get();
      const ws = await createWorkspace(app);
      const form = (await call(app, 'POST', '/api/v1/forms', { as: ws.as, body: { name: 'Contact' } })).json<{ id: string }>();
      const submitted = await call(app, 'POST', `/api/v1/public/forms/${form.id}`, {
        body: { name: 'Ana', email: 'ana@example.com', subject: 'Hello', message: 'A question' },
      });
      expect(submitted.statusCode).toBe(201);
      const channel = (await call(app, 'POST', '/api/v1/webhook-channels', { as: ws.as, body: { name: 'Bridge', kind: 'generic', callback_url: 'http://127.0.0.1:9/none' } })).json<{
        inbound_path: string;
        signing_secret: string;
      }>();
      const raw = JSON.stringify({ conversation_id: 'c-1', sender: { id: 'u-1', name: 'Lan' }, text: 'Xin chào' });
      const ts = String(Math.floor(clock.now().getTime() / 1000));
      const hook = await call(app, 'POST', channel.inbound_path, {
        body: raw,
        headers: { 'content-type': 'application/json', 'x-gapwise-timestamp': ts, 'x-gapwise-signature': signature(channel.signing_secret, ts, raw) },
      });
      expect(hook.statusCode).toBeLessThan(300);
      const rows = async () => {
        const count = async (table: string) =>
          Number(((await database.executeSql(`select count(*)::int as n from ${table} where workspace_id = $1`, [ws.workspaceId])).rows[0] as { n: number }).n);
        return { receipts: await count('webhook_receipts'), windows: await count('form_rate_limits') };
      };
      expect(await rows()).toEqual({ receipts: 1, windows: 1 });

      await pruneExpiredRecords(database.db, new Date(clock.now().getTime() + 23 * HOUR));
      expect(await rows()).toEqual({ receipts: 1, windows: 1 });
      await pruneExpiredRecords(database.db, new Date(clock.now().getTime() + 26 * HOUR));
      expect(await rows()).toEqual({ receipts: 0, windows: 0 });
    });

    it('is scheduled hourly and, run through the queue, deletes records older than a day', async () => {
      const { app, database } = get();
      const ws = await createWorkspace(app);
      const { accountKey } = await leaveRecords(app, ws, 'old');
      clock.advance(25 * HOUR);

      const queue = new PgBossQueue(database, { work: true, logger: app.log, pollingIntervalSeconds: 0.5 });
      registerJobs(queue, { database, clock, logger: app.log, mailer: createMailer({ smtpUrl: undefined, from: 'Gapwise <no-reply@localhost>' }), config: testConfig() });
      await queue.start();
      try {
        const schedules = (await database.executeSql('select name, cron, timezone from pgboss.schedule')).rows;
        expect(schedules).toContainEqual({ name: MAINTENANCE_PRUNE, cron: '0 * * * *', timezone: 'UTC' });

        const id = (await queue.send(null, MAINTENANCE_PRUNE, {})) as string;
        const deadline = Date.now() + 30_000;
        while ((await jobState(database, id)) !== 'completed') {
          if (Date.now() > deadline) throw new Error(`job still ${await jobState(database, id)}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      } finally {
        await queue.stop();
      }

      expect(await failuresOf(database, accountKey)).toBe(0);
      const as = await signIn(app, ws.owner.email, TEST_PASSWORD, ws.slug);
      expect(await keyRemembered(app, as, 'old')).toBe(false);
    }, 60_000);
  },
  { clock: () => clock },
);
