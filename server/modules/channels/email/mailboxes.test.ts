import { expect, it } from 'vitest';
import { addUser, createWorkspace } from '../../../../test/factories.ts';
import { call, describeEngines, walkPages } from '../../../../test/harness.ts';
import { secretBoxFor } from '../../../platform/secrets.ts';

const body = (n: number, extra: Record<string, unknown> = {}) => ({
  name: `Inbox ${n}`,
  host: 'imap.example.com',
  username: `support${n}@example.com`,
  password: `s3cret-${n}`,
  ...extra,
});

describeEngines('mailboxes API', (get) => {
  it('creates, reads, changes and deletes mailboxes; the password is sealed and never returned or audited', async () => {
    const { app, database, config } = get();
    const ws = await createWorkspace(app);
    const created = await call(app, 'POST', '/api/v1/mailboxes', { as: ws.as, body: body(1) });
    expect(created.statusCode).toBe(201);
    const mailbox = created.json();
    expect(mailbox).toMatchObject({ name: 'Inbox 1', host: 'imap.example.com', port: 993, secure: true, folder: 'INBOX', active: true, import_existing: false, has_password: true, last_error: null });
    expect(JSON.stringify(mailbox)).not.toContain('s3cret');

    const changed = await call(app, 'PATCH', `/api/v1/mailboxes/${mailbox.id}`, { as: ws.as, body: { password: 'n3w-secret', folder: 'Support', port: 143, secure: false } });
    expect(changed.json()).toMatchObject({ folder: 'Support', port: 143, secure: false });
    const row = await database.db.selectFrom('email_mailboxes').select('password_sealed').where('id', '=', mailbox.id).executeTakeFirstOrThrow();
    expect(secretBoxFor(config).open(row.password_sealed)).toBe('n3w-secret');

    const audit = (await call(app, 'GET', `/api/v1/audit-log?entity_type=mailbox&entity_id=${mailbox.id}`, { as: ws.as })).json().data;
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['mailbox.updated', 'mailbox.created']);
    expect(JSON.stringify(audit)).not.toMatch(/s3cret|n3w-secret/);
    expect(audit[0].changes.password_changed).toBe(true);

    expect((await call(app, 'POST', '/api/v1/mailboxes', { as: ws.as, body: body(2, { username: 'SUPPORT1@example.com', folder: 'Support' }) })).statusCode).toBe(409);
    expect((await call(app, 'DELETE', `/api/v1/mailboxes/${mailbox.id}`, { as: ws.as })).statusCode).toBe(204);
    expect((await call(app, 'GET', `/api/v1/mailboxes/${mailbox.id}`, { as: ws.as })).statusCode).toBe(404);
  });

  it('pages the list, is for admins only, and keeps workspaces apart', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const ids: string[] = [];
    for (let n = 0; n < 7; n++) ids.push((await call(app, 'POST', '/api/v1/mailboxes', { as: ws.as, body: body(n) })).json().id);
    expect(await walkPages(app, ws.as, '/api/v1/mailboxes', 3)).toEqual(ids);

    const agent = await addUser(app, ws, 'agent');
    expect((await call(app, 'GET', '/api/v1/mailboxes', { as: agent.as })).statusCode).toBe(403);
    expect((await call(app, 'POST', '/api/v1/mailboxes', { as: agent.as, body: body(9) })).statusCode).toBe(403);
    const admin = await addUser(app, ws, 'admin');
    expect((await call(app, 'GET', `/api/v1/mailboxes/${ids[0]}`, { as: admin.as })).statusCode).toBe(200);

    const other = await createWorkspace(app);
    expect((await call(app, 'GET', `/api/v1/mailboxes/${ids[0]}`, { as: other.as })).statusCode).toBe(404);
    expect((await call(app, 'PATCH', `/api/v1/mailboxes/${ids[0]}`, { as: other.as, body: { active: false } })).statusCode).toBe(404);
    expect((await call(app, 'DELETE', `/api/v1/mailboxes/${ids[0]}`, { as: other.as })).statusCode).toBe(404);
    expect((await call(app, 'GET', '/api/v1/mailboxes', { as: other.as })).json().data).toEqual([]);
  });

  it('validates the input', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    for (const bad of [{ ...body(1), host: 'bad host/x' }, { ...body(1), port: 70000 }, { ...body(1), password: '' }, { ...body(1), extra: 1 }]) {
      const res = await call(app, 'POST', '/api/v1/mailboxes', { as: ws.as, body: bad });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('validation_failed');
    }
  });
});
