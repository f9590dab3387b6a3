import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../server/server.ts';
import { testConfig } from './harness.ts';

describe('startServer on an embedded PGlite data directory', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gapwise-start-'));
  const config = testConfig({
    GAPWISE_DATA_DIR: dir,
    GAPWISE_DEMO: '0',
    PORT: '0',
    HOST: '127.0.0.1',
    GAPWISE_ADMIN_EMAIL: 'first@admin.test',
    GAPWISE_ADMIN_PASSWORD: 'first-admin-pw',
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('bootstraps the first admin on an empty database, and finishes in-flight requests on shutdown', async () => {
    // Watch the request log so shutdown starts only once the request is inside the server.
    let received: () => void = () => {};
    const requestReceived = new Promise<void>((resolve) => (received = resolve));
    const stream = new Writable({
      write(chunk, _encoding, done) {
        if (String(chunk).includes('incoming request')) received();
        done();
      },
    });
    const server = await startServer(config, { logger: { level: 'info', stream } });
    expect(server.startup.bootstrapped).toBe(true);
    expect(server.startup.migrations.length).toBeGreaterThan(0);
    expect(server.startup.demoTickets).toBe(0);

    // A sign-in takes a while (scrypt); shutting down meanwhile must still answer it.
    const pending = fetch(`${server.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'first@admin.test', password: 'first-admin-pw' }),
    });
    await requestReceived;
    const closing = server.close();
    const res = await pending;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ role: 'owner', is_instance_admin: true });
    await closing;
  }, 60_000);

  it('on the next start keeps the data: no migrations to run, no second bootstrap', async () => {
    const server = await startServer(config, { logger: false });
    try {
      expect(server.startup.bootstrapped).toBe(false);
      expect(server.startup.migrations).toEqual([]);
      const login = await fetch(`${server.url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'first@admin.test', password: 'first-admin-pw' }),
      });
      expect(login.status).toBe(200);
    } finally {
      await server.close();
    }
  }, 60_000);
});
