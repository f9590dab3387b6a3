import { expect, it } from 'vitest';
import { addUser, createTicket, createWorkspace } from '../../../test/factories.ts';
import { type Auth, call, describeEngines } from '../../../test/harness.ts';
import { ManualClock } from '../../platform/clock.ts';
import { hashSecret } from '../auth/token.ts';
import { createApiKey } from './api-keys.service.ts';

describeEngines(
  'API keys',
  (get) => {
    const HOUR = 3_600_000;

    async function newKey(app: Parameters<typeof call>[0], as: Auth, body: Record<string, unknown> = { name: 'Zapier', role: 'agent' }) {
      const res = await call(app, 'POST', '/api/v1/api-keys', { as, body });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    }

    it('shows a new key once, stores only its hash, and the key authenticates', async () => {
      const { app, database } = get();
      const ws = await createWorkspace(app);
      const created = await newKey(app, ws.as, { name: 'ERP sync', role: 'supervisor' });
      expect(created.key).toMatch(/^gwk_[A-Za-z0-9_-]{43}$/);
      expect(created).toMatchObject({ name: 'ERP sync', role: 'supervisor', prefix: created.key.slice(0, 12), created_by: ws.owner.id, revoked_at: null, expires_at: null, last_used_at: null });

      const row = await database.db.selectFrom('api_keys').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
      expect(row.key_hash).toBe(hashSecret(created.key));
      expect(Object.values(row)).not.toContain(created.key);

      const apiKey = { apiKey: created.key };
      expect((await call(app, 'GET', '/api/v1/tickets', { as: apiKey })).statusCode).toBe(200);

      const listRes = await call(app, 'GET', '/api/v1/api-keys', { as: ws.as });
      expect(listRes.body).not.toContain(created.key);
      expect(listRes.body).not.toContain(row.key_hash);
      const [listed] = listRes.json().data;
      expect(Object.keys(listed).sort()).toEqual(['created_at', 'created_by', 'expires_at', 'id', 'last_used_at', 'name', 'prefix', 'revoked_at', 'role']);
      expect(listed).toMatchObject({ id: created.id, prefix: created.prefix, last_used_at: get().clock.now().toISOString() });

      const audit = await call(app, 'GET', `/api/v1/audit-log?entity_type=api_key&entity_id=${created.id}`, { as: ws.as });
      expect(audit.json().data.map((a: { action: string }) => a.action)).toEqual(['api_key.created']);
      expect(audit.json().data[0].changes).toMatchObject({ name: 'ERP sync', role: 'supervisor', prefix: created.prefix });
      expect(audit.body).not.toContain(created.key);
      expect(audit.body).not.toContain(row.key_hash);
    });

    it('a revoked key is refused with 401 from then on', async () => {
      const { app } = get();
      const ws = await createWorkspace(app);
      const created = await newKey(app, ws.as, { name: 'Old integration', role: 'admin' });
      const apiKey = { apiKey: created.key };
      expect((await call(app, 'GET', '/api/v1/tickets', { as: apiKey })).statusCode).toBe(200);

      expect((await call(app, 'DELETE', `/api/v1/api-keys/${created.id}`, { as: ws.as })).statusCode).toBe(204);
      const refused = await call(app, 'GET', '/api/v1/tickets', { as: apiKey });
      expect(refused.statusCode).toBe(401);
      expect(refused.json().code).toBe('unauthenticated');

      // Revoking again changes nothing and writes no second audit row.
      expect((await call(app, 'DELETE', `/api/v1/api-keys/${created.id}`, { as: ws.as })).statusCode).toBe(204);
      const [listed] = (await call(app, 'GET', '/api/v1/api-keys', { as: ws.as })).json().data;
      expect(listed.revoked_at).toBe(get().clock.now().toISOString());
      const audit = (await call(app, 'GET', `/api/v1/audit-log?entity_type=api_key&entity_id=${created.id}`, { as: ws.as })).json();
      expect(audit.data.map((a: { action: string }) => a.action)).toEqual(['api_key.revoked', 'api_key.created']);
    });

    it('an expired key is refused; an expiry in the past is invalid', async () => {
      const { app } = get();
      const clock = get().clock as ManualClock;
      const ws = await createWorkspace(app);
      const expiresAt = new Date(clock.now().getTime() + HOUR).toISOString();
      const created = await newKey(app, ws.as, { name: 'Temporary', role: 'agent', expires_at: expiresAt });
      expect(created.expires_at).toBe(expiresAt);
      expect((await call(app, 'GET', '/api/v1/tickets', { as: { apiKey: created.key } })).statusCode).toBe(200);

      clock.advance(HOUR);
      const refused = await call(app, 'GET', '/api/v1/tickets', { as: { apiKey: created.key } });
      expect(refused.statusCode).toBe(401);
      expect(refused.json().code).toBe('unauthenticated');

      const past = await call(app, 'POST', '/api/v1/api-keys', { as: ws.as, body: { name: 'Late', role: 'agent', expires_at: new Date(clock.now().getTime() - 1000).toISOString() } });
      expect(past.statusCode).toBe(400);
      expect(past.json()).toMatchObject({ code: 'validation_failed', issues: [{ path: 'body.expires_at' }] });
      const garbage = await call(app, 'POST', '/api/v1/api-keys', { as: ws.as, body: { name: 'Bad', role: 'agent', expires_at: 'tomorrow' } });
      expect(garbage.statusCode).toBe(400);
    });

    it('validates the request and never hands out the owner role', async () => {
      const { app } = get();
      const ws = await createWorkspace(app);
      for (const body of [{ name: 'x', role: 'owner' }, { name: '', role: 'agent' }, { role: 'agent' }, { name: 'x', role: 'agent', key: 'gwk_mine' }]) {
        const res = await call(app, 'POST', '/api/v1/api-keys', { as: ws.as, body });
        expect(res.statusCode).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().code).toBe('validation_failed');
      }
      expect((await call(app, 'GET', '/api/v1/api-keys', { as: ws.as })).json().data).toEqual([]);
    });

    it('only admins manage keys, a key is capped at its creator role, and a key acts with its own role', async () => {
      const { app } = get();
      const ws = await createWorkspace(app);
      const agent = await addUser(app, ws, 'agent');
      const supervisor = await addUser(app, ws, 'supervisor');
      const admin = await addUser(app, ws, 'admin');
      const existing = await newKey(app, ws.as);
      for (const who of [agent, supervisor]) {
        const post = await call(app, 'POST', '/api/v1/api-keys', { as: who.as, body: { name: 'Mine', role: 'agent' } });
        expect(post.statusCode).toBe(403);
        expect(post.json().code).toBe('forbidden');
        expect((await call(app, 'GET', '/api/v1/api-keys', { as: who.as })).statusCode).toBe(403);
        expect((await call(app, 'DELETE', `/api/v1/api-keys/${existing.id}`, { as: who.as })).statusCode).toBe(403);
      }

      // An admin may create a key with its own role (owners are above admins, keys never are).
      const adminKey = await newKey(app, admin.as, { name: 'Admin bot', role: 'admin' });
      expect(adminKey.created_by).toBe(admin.id);

      // The cap itself, for a role that cannot reach the route today.
      const asSupervisor = {
        actor: { kind: 'user' as const, id: supervisor.id, userId: supervisor.id, workspaceId: ws.workspaceId, role: 'supervisor' as const, isInstanceAdmin: false, sessionId: null },
        workspaceId: ws.workspaceId,
        now: get().clock.now(),
      };
      await expect(createApiKey(app.deps.database.db, asSupervisor, { name: 'Too high', role: 'admin' })).rejects.toMatchObject({ code: 'forbidden' });
      await expect(createApiKey(app.deps.database.db, asSupervisor, { name: 'Fine', role: 'supervisor' })).resolves.toMatchObject({ role: 'supervisor' });

      // An agent-role key can work tickets but not touch admin routes.
      const agentKey = { apiKey: existing.key };
      expect((await call(app, 'GET', '/api/v1/tickets', { as: agentKey })).statusCode).toBe(200);
      const denied = await call(app, 'POST', '/api/v1/branches', { as: agentKey, body: { name: 'Bot branch', time_zone: 'UTC' } });
      expect(denied.statusCode).toBe(403);
      expect(denied.json().code).toBe('forbidden');
      expect((await call(app, 'POST', '/api/v1/api-keys', { as: agentKey, body: { name: 'Escalate', role: 'admin' } })).statusCode).toBe(403);

      // An admin-role key can, and the audit log names the key as the actor.
      const viaKey = await call(app, 'POST', '/api/v1/branches', { as: { apiKey: adminKey.key }, body: { name: 'Bot branch', time_zone: 'UTC' } });
      expect(viaKey.statusCode).toBe(201);
      const audit = (await call(app, 'GET', `/api/v1/audit-log?entity_type=branch&entity_id=${viaKey.json().id}`, { as: ws.as })).json();
      expect(audit.data[0]).toMatchObject({ actor_type: 'api_key', actor_id: adminKey.id });

      // But a key cannot mint keys: only signed-in people can.
      const minted = await call(app, 'POST', '/api/v1/api-keys', { as: { apiKey: adminKey.key }, body: { name: 'Child', role: 'agent' } });
      expect(minted.statusCode).toBe(403);
      expect(minted.json().code).toBe('forbidden');
    });

    it('keeps keys inside their workspace', async () => {
      const { app } = get();
      const a = await createWorkspace(app);
      const b = await createWorkspace(app);
      const ours = await newKey(app, a.as);
      const theirs = await newKey(app, b.as, { name: 'B key', role: 'admin' });

      const revoke = await call(app, 'DELETE', `/api/v1/api-keys/${theirs.id}`, { as: a.as });
      expect(revoke.statusCode).toBe(404);
      expect(revoke.json().code).toBe('not_found');
      expect((await call(app, 'GET', '/api/v1/api-keys', { as: a.as })).json().data.map((k: { id: string }) => k.id)).toEqual([ours.id]);
      // Their key still works, and only sees its own workspace.
      const ticketInA = await createTicket(app, a.as);
      expect((await call(app, 'GET', `/api/v1/tickets/${ticketInA.id}`, { as: { apiKey: theirs.key } })).statusCode).toBe(404);
      expect((await call(app, 'GET', `/api/v1/tickets/${ticketInA.id}`, { as: { apiKey: ours.key } })).statusCode).toBe(200);
    });

    it('walks every key with the cursor, once each', async () => {
      const { app } = get();
      const ws = await createWorkspace(app);
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await newKey(app, ws.as, { name: `Key ${i}`, role: 'agent' })).id);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/api-keys?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const body = (await call(app, 'GET', url, { as: ws.as })).json();
        expect(body.data.length).toBeLessThanOrEqual(2);
        seen.push(...body.data.map((k: { id: string }) => k.id));
        cursor = body.next_cursor;
      } while (cursor);
      expect(seen).toEqual(ids);
    });
  },
  { clock: () => new ManualClock() },
);
