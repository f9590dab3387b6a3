import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { ManualClock } from '../../server/platform/clock.ts';
import { addUser, createWorkspace, signIn, TEST_PASSWORD } from '../factories.ts';
import { type Auth, call, describeEngines } from '../harness.ts';

const TTL_HOURS = 2;
const HOUR = 3_600_000;

function sessionCookieOf(res: { cookies: { name: string; value: string }[] }) {
  return res.cookies.find((c) => c.name === 'gapwise_session');
}

async function whoAmI(app: Parameters<typeof call>[0], as: Auth) {
  return call(app, 'GET', '/api/v1/session', { as });
}

describeEngines(
  'security: sessions',
  (get) => {
    it('sign-in sets an httpOnly, SameSite=Lax cookie whose token is stored only as a hash', async () => {
      const { app, database } = get();
      const ws = await createWorkspace(app);
      const res = await call(app, 'POST', '/api/v1/session', { body: { email: ws.owner.email, password: TEST_PASSWORD } });
      expect(res.statusCode).toBe(200);
      const cookie = sessionCookieOf(res) as Record<string, unknown> & { value: string };
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      // Expires has one-second resolution.
      const expires = new Date(cookie.expires as Date).getTime();
      expect(Math.abs(expires - (get().clock.now().getTime() + TTL_HOURS * HOUR))).toBeLessThan(1000);
      expect(res.json()).toMatchObject({ user_id: ws.owner.id, workspace_id: ws.workspaceId, role: 'owner' });

      const rows = await database.db.selectFrom('sessions').select(['token_hash']).where('user_id', '=', ws.owner.id).execute();
      expect(rows.map((r) => r.token_hash)).toContain(createHash('sha256').update(cookie.value).digest('hex'));
      expect(rows.map((r) => r.token_hash)).not.toContain(cookie.value);
      expect((await whoAmI(app, { cookie: `gapwise_session=${cookie.value}` })).json().user_id).toBe(ws.owner.id);
    });

    it('a wrong password and an unknown email get the same 401 invalid_credentials, and no cookie', async () => {
      const { app } = get();
      const ws = await createWorkspace(app);
      const wrong = await call(app, 'POST', '/api/v1/session', { body: { email: ws.owner.email, password: 'not the password' } });
      const unknown = await call(app, 'POST', '/api/v1/session', { body: { email: `nobody@${ws.slug}.test`, password: 'not the password' } });
      for (const res of [wrong, unknown]) {
        expect(res.statusCode).toBe(401);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.headers['set-cookie']).toBeUndefined();
      }
      const strip = (b: Record<string, unknown>) => ({ ...b, request_id: undefined });
      expect(strip(wrong.json())).toEqual(strip(unknown.json()));
      expect(wrong.json().code).toBe('invalid_credentials');
      // The right password for an account of another workspace, with this workspace's slug: same answer.
      const other = await createWorkspace(app);
      const elsewhere = await call(app, 'POST', '/api/v1/session', { body: { email: other.owner.email, password: TEST_PASSWORD, workspace: ws.slug } });
      expect(elsewhere.statusCode).toBe(401);
      expect(elsewhere.json().code).toBe('invalid_credentials');
    });

    it('signing out revokes the session: the old cookie gets 401 afterwards', async () => {
      const { app } = get();
      const ws = await createWorkspace(app);
      const second = await signIn(app, ws.owner.email);
      const out = await call(app, 'DELETE', '/api/v1/session', { as: ws.as });
      expect(out.statusCode).toBe(204);
      expect(out.headers['set-cookie']).toMatch(/gapwise_session=;/);
      const after = await whoAmI(app, ws.as);
      expect(after.statusCode).toBe(401);
      expect(after.json().code).toBe('unauthenticated');
      expect((await call(app, 'GET', '/api/v1/tickets', { as: ws.as })).statusCode).toBe(401);
      // Only that session: the owner's other sign-in still works.
      expect((await whoAmI(app, second)).statusCode).toBe(200);
    });

    it('a session expires GAPWISE_SESSION_TTL_HOURS after sign-in', async () => {
      const { app } = get();
      const clock = get().clock as ManualClock;
      const ws = await createWorkspace(app);
      clock.advance(TTL_HOURS * HOUR - 60_000);
      expect((await whoAmI(app, ws.as)).statusCode).toBe(200);
      clock.advance(60_000);
      const expired = await whoAmI(app, ws.as);
      expect(expired.statusCode).toBe(401);
      expect(expired.json().code).toBe('unauthenticated');
      // Signing in again opens a fresh session.
      expect((await whoAmI(app, await signIn(app, ws.owner.email))).statusCode).toBe(200);
    });

    it('a user deactivated by an admin loses access at once and cannot sign in', async () => {
      const { app } = get();
      const ws = await createWorkspace(app);
      const agent = await addUser(app, ws, 'agent');
      expect((await whoAmI(app, agent.as)).statusCode).toBe(200);
      expect((await call(app, 'DELETE', `/api/v1/users/${agent.id}`, { as: ws.as })).statusCode).toBe(204);
      expect((await whoAmI(app, agent.as)).statusCode).toBe(401);
      expect((await call(app, 'GET', '/api/v1/tickets', { as: agent.as })).statusCode).toBe(401);
      const again = await call(app, 'POST', '/api/v1/session', { body: { email: agent.email, password: TEST_PASSWORD } });
      expect(again.statusCode).toBe(401);
      expect(again.json().code).toBe('invalid_credentials');
    });

    it('changing your password ends your other sessions and keeps this one; the old password stops working', async () => {
      const { app } = get();
      const ws = await createWorkspace(app);
      const agent = await addUser(app, ws, 'agent');
      const laptop = agent.as;
      const phone = await signIn(app, agent.email);
      const changed = await call(app, 'PATCH', `/api/v1/users/${agent.id}`, { as: laptop, body: { password: 'a brand new passphrase' } });
      expect(changed.statusCode).toBe(200);
      expect((await whoAmI(app, phone)).statusCode).toBe(401);
      expect((await whoAmI(app, laptop)).statusCode).toBe(200);
      const old = await call(app, 'POST', '/api/v1/session', { body: { email: agent.email, password: TEST_PASSWORD } });
      expect(old.statusCode).toBe(401);
      expect((await whoAmI(app, await signIn(app, agent.email, 'a brand new passphrase'))).statusCode).toBe(200);

      // An admin resetting someone's password ends all of that user's sessions.
      const reset = await call(app, 'PATCH', `/api/v1/users/${agent.id}`, { as: ws.as, body: { password: 'reset by the admin' } });
      expect(reset.statusCode).toBe(200);
      expect((await whoAmI(app, laptop)).statusCode).toBe(401);
      expect((await whoAmI(app, ws.as)).statusCode).toBe(200);
    });

    it('stores passwords only as scrypt hashes, and audit rows never carry them', async () => {
      const { app, database } = get();
      const ws = await createWorkspace(app);
      const created = await call(app, 'POST', '/api/v1/users', {
        as: ws.as,
        body: { email: `hash-check@${ws.slug}.test`, name: 'Hash Check', role: 'agent', password: 'secret passphrase one' },
      });
      expect(created.statusCode).toBe(201);
      expect(JSON.stringify(created.json())).not.toMatch(/passphrase|scrypt/);
      await call(app, 'PATCH', `/api/v1/users/${created.json().id}`, { as: ws.as, body: { password: 'secret passphrase two' } });

      const users = await database.db.selectFrom('users').select(['password_hash']).where('workspace_id', '=', ws.workspaceId).execute();
      expect(users).toHaveLength(2);
      for (const u of users) {
        expect(u.password_hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
        expect(u.password_hash).not.toContain('passphrase');
        expect(u.password_hash).not.toContain(TEST_PASSWORD);
      }
      // Each hash has its own salt.
      expect(new Set(users.map((u) => u.password_hash?.split('$')[4])).size).toBe(2);

      const audit = await call(app, 'GET', '/api/v1/audit-log?limit=100', { as: ws.as });
      expect(audit.statusCode).toBe(200);
      expect(audit.json().data.length).toBeGreaterThanOrEqual(2);
      expect(audit.body).not.toMatch(/passphrase|scrypt\$/);
    });
  },
  {
    clock: () => new ManualClock('2026-03-02T08:00:00.250Z'),
    config: { GAPWISE_SESSION_TTL_HOURS: String(TTL_HOURS) },
  },
);
