import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { expect, it } from 'vitest';
import { createWorkspace, signIn, TEST_PASSWORD, uniqueSlug } from '../factories.ts';
import { type Auth, call, describeEngines } from '../harness.ts';
import { createApiKey } from './security-fixtures.ts';

function workspaceBody(slug: string, owner: { email: string; password: string }) {
  return { name: `Company ${slug}`, slug, time_zone: 'Asia/Ho_Chi_Minh', default_locale: 'vi', owner: { ...owner, name: 'New Owner' } };
}

function signInRaw(app: FastifyInstance, body: Record<string, unknown>) {
  return call(app, 'POST', '/api/v1/session', { body });
}

describeEngines('security: instance administration', (get) => {
  it('the instance admin creates a workspace whose owner signs in to that workspace only', async () => {
    const { app } = get();
    const admin = await createWorkspace(app, { instanceAdmin: true });
    const slug = uniqueSlug('new');
    const ownerEmail = `owner-${randomBytes(3).toString('hex')}@new.test`;
    const res = await call(app, 'POST', '/api/v1/workspaces', { as: admin.as, body: workspaceBody(slug, { email: ownerEmail, password: 'new owner passphrase' }) });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ slug, time_zone: 'Asia/Ho_Chi_Minh', default_locale: 'vi' });
    const workspaceId = res.json().id;

    const login = await signInRaw(app, { email: ownerEmail, password: 'new owner passphrase' });
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({ workspace_id: workspaceId, role: 'owner', is_instance_admin: false });
    const owner: Auth = await signIn(app, ownerEmail, 'new owner passphrase', slug);
    expect((await call(app, 'GET', '/api/v1/workspaces/current', { as: owner })).json().id).toBe(workspaceId);
    const users = (await call(app, 'GET', '/api/v1/users', { as: owner })).json().data;
    expect(users.map((u: { email: string }) => u.email)).toEqual([ownerEmail]);
    // The creation is on record in the new workspace, with the new owner's password redacted.
    const audit = await call(app, 'GET', '/api/v1/audit-log', { as: owner });
    expect(audit.json().data.map((r: { action: string }) => r.action)).toEqual(['workspace.created']);
    expect(audit.body).not.toContain('new owner passphrase');

    // Not into the admin's workspace, and the new owner is no instance admin.
    const wrongWorkspace = await signInRaw(app, { email: ownerEmail, password: 'new owner passphrase', workspace: admin.slug });
    expect(wrongWorkspace.statusCode).toBe(401);
    expect(wrongWorkspace.json().code).toBe('invalid_credentials');
    expect((await call(app, 'GET', '/api/v1/workspaces', { as: owner })).statusCode).toBe(403);
    // And the instance admin is an ordinary owner inside the new workspace's data: none of it is visible.
    const ticket = await call(app, 'POST', '/api/v1/tickets', { as: owner, body: { subject: 'Secret', customer: { email: 'c@new.test' }, message: { body_text: 'x' } } });
    expect(ticket.statusCode).toBe(201);
    expect((await call(app, 'GET', `/api/v1/tickets/${ticket.json().id}`, { as: admin.as })).statusCode).toBe(404);
    expect((await call(app, 'GET', '/api/v1/tickets', { as: admin.as })).json().data).toEqual([]);

    const listed = (await call(app, 'GET', '/api/v1/workspaces?limit=100', { as: admin.as })).json().data;
    expect(listed.map((w: { slug: string }) => w.slug)).toEqual(expect.arrayContaining([admin.slug, slug]));
  });

  it('an ordinary owner, and any API key, cannot create or list workspaces', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const admin = await createWorkspace(app, { instanceAdmin: true });
    const adminKey = await createApiKey(app, admin.as, 'admin');
    const slug = uniqueSlug('denied');
    for (const as of [ws.as, adminKey.as]) {
      const res = await call(app, 'POST', '/api/v1/workspaces', { as, body: workspaceBody(slug, { email: `o@${slug}.test`, password: 'long enough pass' }) });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('forbidden');
      expect((await call(app, 'GET', '/api/v1/workspaces', { as })).statusCode).toBe(403);
    }
    const attempt = await signInRaw(app, { email: `o@${slug}.test`, password: 'long enough pass' });
    expect(attempt.statusCode).toBe(401);
  });

  it('an email in two workspaces must name the workspace; the slug picks the right one', async () => {
    const { app } = get();
    const admin = await createWorkspace(app, { instanceAdmin: true });
    const email = `shared-${randomBytes(3).toString('hex')}@example.com`;
    const slugs = [uniqueSlug('one'), uniqueSlug('two')];
    const ids: string[] = [];
    for (const slug of slugs) {
      const res = await call(app, 'POST', '/api/v1/workspaces', { as: admin.as, body: workspaceBody(slug, { email, password: TEST_PASSWORD }) });
      expect(res.statusCode).toBe(201);
      ids.push(res.json().id);
    }

    const ambiguous = await signInRaw(app, { email, password: TEST_PASSWORD });
    expect(ambiguous.statusCode).toBe(400);
    expect(ambiguous.json().code).toBe('validation_failed');
    expect(ambiguous.json().issues).toEqual([expect.objectContaining({ path: 'body.workspace' })]);
    expect(ambiguous.headers['set-cookie']).toBeUndefined();
    for (const [i, slug] of slugs.entries()) {
      const res = await signInRaw(app, { email: email.toUpperCase(), password: TEST_PASSWORD, workspace: slug });
      expect(res.statusCode).toBe(200);
      expect(res.json().workspace_id).toBe(ids[i]);
    }

    // Without the password, nothing tells that the email is in several workspaces.
    const wrong = await signInRaw(app, { email, password: 'not the password' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('invalid_credentials');

    // When the password fits only one of them, that one is meant.
    const one = await signIn(app, email, TEST_PASSWORD, slugs[0]);
    const me = (await call(app, 'GET', '/api/v1/session', { as: one })).json().user_id;
    expect((await call(app, 'PATCH', `/api/v1/users/${me}`, { as: one, body: { password: 'only for workspace one' } })).statusCode).toBe(200);
    const fits = await signInRaw(app, { email, password: 'only for workspace one' });
    expect(fits.statusCode).toBe(200);
    expect(fits.json().workspace_id).toBe(ids[0]);
  });
});
