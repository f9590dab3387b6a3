import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Dovecot, startDovecot } from '../../../../test/email-dovecot.ts';
import { ingestDepsOf, rawMail } from '../../../../test/email-helpers.ts';
import { createWorkspace, type WorkspaceFixture } from '../../../../test/factories.ts';
import { call, describeEngines, type TestContext } from '../../../../test/harness.ts';
import { secretBoxFor } from '../../../platform/secrets.ts';
import { type ImapPollerDeps, pollMailboxOnce, startImapPoller } from './imap-poller.ts';

/** IMAP polling against a real Dovecot (test/email-dovecot.ts): messages appended by IMAP APPEND become tickets. */
const quiet = { info() {}, warn() {}, error() {} };
const mid = () => `<${randomBytes(8).toString('hex')}@customer.example>`;
const message = (subject: string, headers: Record<string, string> = {}) =>
  rawMail({ From: 'Lan Nguyen <lan@customer.example>', To: 'support@imap.test', Subject: subject, 'Message-ID': mid(), 'Content-Type': 'text/plain; charset=utf-8', ...headers }, `${subject}: xin chào`);

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not seen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describeEngines('IMAP mailboxes against Dovecot', (get) => {
  let dovecot: Dovecot;
  beforeAll(async () => {
    dovecot = await startDovecot({ user: `support-${randomBytes(3).toString('hex')}@imap.test` });
  }, 60_000);
  afterAll(() => dovecot?.stop(), 30_000);

  const pollerDeps = (ctx: TestContext): ImapPollerDeps => ({ ingest: ingestDepsOf(ctx), box: secretBoxFor(ctx.config), logger: quiet, pollSeconds: 5, reconcileMs: 200 });
  const subjects = async (ctx: TestContext, ws: WorkspaceFixture) =>
    (await call(ctx.app, 'GET', '/api/v1/tickets?limit=100', { as: ws.as })).json().data.map((t: { subject: string }) => t.subject).sort();
  const addMailbox = async (ctx: TestContext, ws: WorkspaceFixture, extra: Record<string, unknown> = {}) => {
    const res = await call(ctx.app, 'POST', '/api/v1/mailboxes', {
      as: ws.as,
      body: { name: 'Support inbox', host: dovecot.host, port: dovecot.port, secure: false, username: dovecot.user, password: dovecot.password, ...extra },
    });
    expect(res.statusCode).toBe(201);
    return res.json();
  };

  it('imports the folder, then only new mail; replies thread; the password is sealed at rest', async () => {
    const ctx = get();
    const ws = await createWorkspace(ctx.app);
    const firstId = mid();
    await dovecot.append(message('First question', { 'Message-ID': firstId }));
    await dovecot.append(message('Second question'));
    const mailbox = await addMailbox(ctx, ws, { folder: 'INBOX', import_existing: true });
    expect(mailbox).not.toHaveProperty('password');
    const row = await ctx.database.db.selectFrom('email_mailboxes').selectAll().where('id', '=', mailbox.id).executeTakeFirstOrThrow();
    expect(row.password_sealed).not.toContain(dovecot.password);
    expect(secretBoxFor(ctx.config).open(row.password_sealed)).toBe(dovecot.password);

    const deps = pollerDeps(ctx);
    expect(await pollMailboxOnce(deps, ws.workspaceId, mailbox.id)).toBeGreaterThanOrEqual(2);
    expect(await subjects(ctx, ws)).toEqual(expect.arrayContaining(['First question', 'Second question']));
    const count = (await subjects(ctx, ws)).length;
    expect(await pollMailboxOnce(deps, ws.workspaceId, mailbox.id)).toBe(0);

    await dovecot.append(message('Re: First question', { 'In-Reply-To': firstId }));
    expect(await pollMailboxOnce(deps, ws.workspaceId, mailbox.id)).toBe(1);
    expect((await subjects(ctx, ws)).length).toBe(count);
    const polled = (await call(ctx.app, 'GET', `/api/v1/mailboxes/${mailbox.id}`, { as: ws.as })).json();
    expect(polled).toMatchObject({ last_error: null, last_polled_at: expect.any(String) });
  }, 60_000);

  it('the supervised poller picks new mail up through IDLE, and skips the past when told to', async () => {
    const ctx = get();
    const ws = await createWorkspace(ctx.app);
    await dovecot.append(message('Old mail before the mailbox was added'));
    const mailbox = await addMailbox(ctx, ws, { import_existing: false });
    const poller = startImapPoller(pollerDeps(ctx));
    try {
      // The worker has connected and noted where the folder ends.
      await waitFor(async () => {
        const r = await ctx.database.db.selectFrom('email_mailboxes').select(['uid_validity', 'last_polled_at']).where('id', '=', mailbox.id).executeTakeFirstOrThrow();
        return r.uid_validity && r.last_polled_at ? r : undefined;
      });
      await dovecot.append(message('Pushed by IDLE'));
      await waitFor(async () => ((await subjects(ctx, ws)).includes('Pushed by IDLE') ? true : undefined));
      expect(await subjects(ctx, ws)).toEqual(['Pushed by IDLE']);

      // Deactivated through the API: the poller lets go of it.
      await call(ctx.app, 'PATCH', `/api/v1/mailboxes/${mailbox.id}`, { as: ws.as, body: { active: false } });
      await poller.reconcile();
      await waitFor(async () => {
        const r = await ctx.database.db.selectFrom('email_mailboxes').select('lease_owner').where('id', '=', mailbox.id).executeTakeFirstOrThrow();
        return r.lease_owner === null ? true : undefined;
      });
    } finally {
      await poller.stop();
    }
  }, 60_000);

  it('shows why a mailbox cannot be polled', async () => {
    const ctx = get();
    const ws = await createWorkspace(ctx.app);
    const mailbox = await addMailbox(ctx, ws, { password: 'wrong-password' });
    await expect(pollMailboxOnce(pollerDeps(ctx), ws.workspaceId, mailbox.id)).rejects.toThrow();
    const poller = startImapPoller(pollerDeps(ctx));
    try {
      const shown = await waitFor(async () => {
        const m = (await call(ctx.app, 'GET', `/api/v1/mailboxes/${mailbox.id}`, { as: ws.as })).json();
        return m.last_error ? m : undefined;
      });
      expect(shown.last_error).toMatch(/auth|fail|invalid/i);
    } finally {
      await poller.stop();
    }
  }, 60_000);
});
