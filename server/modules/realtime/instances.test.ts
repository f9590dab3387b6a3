import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyPostgresDatabase, createTestDatabase, testEngines } from '../../../test/database.ts';
import { httpRequest, openEventStream, type ServerProcess, startServerProcess } from '../../../test/processes.ts';
import { bootstrapInstance } from '../workspaces/workspaces.service.ts';

const ADMIN = { email: 'admin@instances.test', password: 'two instances, one database' };

/** Signs in through one instance; returns the session cookie. */
async function signIn(server: ServerProcess): Promise<string> {
  const res = await httpRequest(`${server.url}/api/v1/session`, { method: 'POST', body: ADMIN });
  expect(res.status, res.body).toBe(200);
  const setCookie = res.headers['set-cookie']?.find((c) => c.startsWith('gapwise_session='));
  if (!setCookie) throw new Error('no session cookie');
  return setCookie.split(';')[0] as string;
}

for (const engine of testEngines()) {
  describe(`first-start bootstrap [${engine}]`, () => {
    it('creates the first workspace exactly once when instances bootstrap at the same moment', async () => {
      const testDb = await createTestDatabase(engine);
      try {
        const now = new Date('2026-03-02T08:00:00Z');
        const admin = { email: 'admin@race.test', password: 'bootstrap race' };
        const results = await Promise.all([1, 2, 3, 4].map(() => bootstrapInstance(testDb.database.db, admin, now)));
        expect(results.filter((r) => r.created)).toHaveLength(1);
        const workspaces = await testDb.database.db.selectFrom('workspaces').select('slug').execute();
        expect(workspaces).toEqual([{ slug: 'main' }]);
      } finally {
        await testDb.drop();
      }
    });
  });
}

// Needs a PostgreSQL server: the suite exists only when DATABASE_URL is set
// (PGlite is one process's embedded database; it cannot be shared).
if (process.env.DATABASE_URL) {
  describe('two server processes on one PostgreSQL', () => {
    let database: Awaited<ReturnType<typeof createEmptyPostgresDatabase>>;
    let dataDir: string;
    let servers: ServerProcess[] = [];

    beforeAll(async () => {
      database = await createEmptyPostgresDatabase();
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-'));
      const env = {
        DATABASE_URL: database.url,
        GAPWISE_DATA_DIR: dataDir,
        GAPWISE_DEMO: '0',
        GAPWISE_ADMIN_EMAIL: ADMIN.email,
        GAPWISE_ADMIN_PASSWORD: ADMIN.password,
        LOG_LEVEL: 'warn',
      };
      // Started together on an empty database: both migrate and bootstrap at once.
      const started = await Promise.allSettled([startServerProcess(env), startServerProcess(env)]);
      servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      const failed = started.find((s) => s.status === 'rejected');
      if (failed) throw failed.reason;
    }, 180_000);

    afterAll(async () => {
      await Promise.all(servers.map((s) => s.stop()));
      await database?.drop();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    }, 60_000);

    it('bootstraps the install once although both instances started together', async () => {
      const [one, two] = servers as [ServerProcess, ServerProcess];
      const cookie = await signIn(one);
      const workspaces = await httpRequest(`${two.url}/api/v1/workspaces`, { headers: { cookie } });
      expect(workspaces.status).toBe(200);
      expect(workspaces.json().data.map((w: { slug: string }) => w.slug)).toEqual(['main']);
    });

    it('delivers an event written through one instance to a stream on the other, and both shut down cleanly', async () => {
      const [one, two] = servers as [ServerProcess, ServerProcess];
      const cookieOne = await signIn(one);
      const cookieTwo = await signIn(two);

      const stream = await openEventStream(`${two.url}/api/v1/events`, { cookie: cookieTwo });
      expect(stream.status).toBe(200);
      const created = await httpRequest(`${one.url}/api/v1/tickets`, {
        method: 'POST',
        headers: { cookie: cookieOne },
        body: { subject: 'Seen everywhere', customer: { email: 'somchai@example.com' }, message: { body_text: 'Hello' } },
      });
      expect(created.status, created.body).toBe(201);
      const ticketId = created.json().id as string;

      const event = await stream.waitFor((e) => e.event === 'created' && JSON.parse(e.data).ticket_id === ticketId, 20_000);
      expect(JSON.parse(event.data)).toMatchObject({ type: 'created', ticket_id: ticketId });

      // SIGTERM with the stream still open: graceful shutdown ends it and exits 0.
      const codes = await Promise.all(servers.map((s) => s.stop()));
      expect(codes, `${one.output()}\n${two.output()}`).toEqual([0, 0]);
      await stream.ended;
      // Nothing went wrong on the way (pino level 50 = error, 60 = fatal).
      expect(`${one.output()}${two.output()}`).not.toMatch(/"level":(50|60)/);
    }, 60_000);
  });
}
