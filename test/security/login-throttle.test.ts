import { expect, it } from 'vitest';
import { ManualClock } from '../../server/platform/clock.ts';
import { createWorkspace, TEST_PASSWORD } from '../factories.ts';
import { call, describeEngines } from '../harness.ts';

const MAX_PER_ACCOUNT = 3;
const MAX_PER_IP = 5;
const WINDOW_MINUTES = 15;

/** Signs in from a given client address; every test uses addresses of its own. */
function attempt(app: Parameters<typeof call>[0], email: string, password: string, ip: string, workspace?: string) {
  return call(app, 'POST', '/api/v1/session', { body: { email, password, ...(workspace ? { workspace } : {}) }, remoteAddress: ip });
}

describeEngines(
  'security: login throttling',
  (get) => {
    it('locks an account after GAPWISE_LOGIN_MAX_PER_ACCOUNT failures, even for the right password, from any address', async () => {
      const { app } = get();
      const clock = get().clock as ManualClock;
      const ws = await createWorkspace(app);
      const other = await createWorkspace(app);
      for (let i = 1; i <= MAX_PER_ACCOUNT; i++) {
        const res = await attempt(app, ws.owner.email.toUpperCase(), 'wrong password', `10.1.0.${i}`);
        expect(res.statusCode).toBe(401);
        expect(res.json().code).toBe('invalid_credentials');
      }
      const locked = await attempt(app, ws.owner.email, TEST_PASSWORD, '10.1.0.99');
      expect(locked.statusCode).toBe(429);
      expect(locked.json().code).toBe('rate_limited');
      expect(locked.headers['content-type']).toContain('application/problem+json');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(WINDOW_MINUTES * 60);
      expect(locked.headers['set-cookie']).toBeUndefined();

      // Another account from another address is not affected.
      expect((await attempt(app, other.owner.email, TEST_PASSWORD, '10.1.1.1')).statusCode).toBe(200);
      // Sessions opened before the lockout keep working.
      expect((await call(app, 'GET', '/api/v1/session', { as: ws.as })).statusCode).toBe(200);

      // Once the window has passed, the right password works again.
      clock.advance(WINDOW_MINUTES * 60_000 + 1000);
      expect((await attempt(app, ws.owner.email, TEST_PASSWORD, '10.1.0.99')).statusCode).toBe(200);
    });

    it('blocks an address after GAPWISE_LOGIN_MAX_PER_IP failures across accounts; other addresses are unaffected', async () => {
      const { app } = get();
      const ws = await createWorkspace(app);
      const ip = '10.2.0.1';
      for (let i = 1; i <= MAX_PER_IP; i++) {
        // A different (unknown) account each time, so no account limit is reached.
        const res = await attempt(app, `guess-${i}@${ws.slug}.test`, 'wrong password', ip);
        expect(res.statusCode).toBe(401);
      }
      const blocked = await attempt(app, ws.owner.email, TEST_PASSWORD, ip);
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().code).toBe('rate_limited');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);

      // The same account from another address signs in.
      expect((await attempt(app, ws.owner.email, TEST_PASSWORD, '10.2.0.2')).statusCode).toBe(200);
    });

    it('a successful sign-in clears the account’s failures', async () => {
      const { app } = get();
      const ws = await createWorkspace(app);
      for (let i = 1; i < MAX_PER_ACCOUNT; i++) await attempt(app, ws.owner.email, 'wrong password', `10.3.0.${i}`);
      expect((await attempt(app, ws.owner.email, TEST_PASSWORD, '10.3.1.1')).statusCode).toBe(200);
      for (let i = 1; i < MAX_PER_ACCOUNT; i++) await attempt(app, ws.owner.email, 'wrong password', `10.3.2.${i}`);
      expect((await attempt(app, ws.owner.email, TEST_PASSWORD, '10.3.1.1')).statusCode).toBe(200);
    });
  },
  {
    clock: () => new ManualClock('2026-03-02T08:00:00Z'),
    config: {
      GAPWISE_LOGIN_MAX_PER_ACCOUNT: String(MAX_PER_ACCOUNT),
      GAPWISE_LOGIN_MAX_PER_IP: String(MAX_PER_IP),
      GAPWISE_LOGIN_WINDOW_MINUTES: String(WINDOW_MINUTES),
    },
  },
);
