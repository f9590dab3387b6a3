import type { FastifyInstance } from 'fastify';
import { expect, it } from 'vitest';
import { createWorkspace, signIn, type WorkspaceFixture } from '../factories.ts';
import { type Auth, call, describeEngines } from '../harness.ts';
import { createApiKey } from './security-fixtures.ts';

const HOST = 'gapwise.example';

/** Headers a browser would send for a request made by another site (or a sandboxed frame). */
const crossSite: Record<string, Record<string, string>> = {
  'Origin of another site': { origin: 'https://evil.example' },
  'Origin whose host merely starts like ours': { origin: `https://${HOST}.evil.example` },
  'Origin on another port': { origin: `https://${HOST}:8443` },
  'Origin: null (sandboxed frame)': { origin: 'null' },
  'a malformed Origin': { origin: 'not a url' },
  'Sec-Fetch-Site: cross-site without Origin': { 'sec-fetch-site': 'cross-site' },
  'Sec-Fetch-Site: same-site without Origin (a sibling subdomain)': { 'sec-fetch-site': 'same-site' },
  'a forged X-Forwarded-Host (proxy not trusted)': { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' },
};

/** Same-origin requests, and clients that are not browsers (no Origin, no Sec-Fetch-*). */
const sameOrigin: Record<string, Record<string, string>> = {
  'Origin matching Host': { origin: `https://${HOST}` },
  'Origin with the default port written out': { origin: `https://${HOST}:443` },
  'Sec-Fetch-Site: same-origin': { 'sec-fetch-site': 'same-origin' },
  'Sec-Fetch-Site: none (typed in the address bar)': { 'sec-fetch-site': 'none' },
  'no Origin and no Sec-Fetch-Site (curl, scripts)': {},
};

interface Write {
  name: string;
  /** Performs the write; returns the response. */
  run(app: FastifyInstance, ws: WorkspaceFixture, as: Auth, headers: Record<string, string>): Promise<{ statusCode: number; json(): { code?: string } }>;
  /** What the write would have changed, read back as the owner. */
  observe(app: FastifyInstance, ws: WorkspaceFixture): Promise<unknown>;
}

/** Cookie-authenticated writes of each method. Add a row for a new kind of write. */
function writes(teamId: string): Write[] {
  return [
    {
      name: 'POST /teams',
      run: (app, _ws, as, headers) => call(app, 'POST', '/api/v1/teams', { as, headers: { host: HOST, ...headers }, body: { name: `Team ${Math.random()}` } }),
      observe: async (app, ws) => (await call(app, 'GET', '/api/v1/teams?limit=100', { as: ws.as })).json().data.length,
    },
    {
      name: 'PATCH /workspaces/current',
      run: (app, _ws, as, headers) => call(app, 'PATCH', '/api/v1/workspaces/current', { as, headers: { host: HOST, ...headers }, body: { name: `Renamed ${Math.random()}` } }),
      observe: async (app, ws) => (await call(app, 'GET', '/api/v1/workspaces/current', { as: ws.as })).json().name,
    },
    {
      name: 'DELETE /teams/:id',
      run: (app, _ws, as, headers) => call(app, 'DELETE', `/api/v1/teams/${teamId}`, { as, headers: { host: HOST, ...headers } }),
      observe: async (app, ws) => (await call(app, 'GET', `/api/v1/teams/${teamId}`, { as: ws.as })).statusCode,
    },
  ];
}

async function newTeam(app: FastifyInstance, as: Auth): Promise<string> {
  const res = await call(app, 'POST', '/api/v1/teams', { as, body: { name: `Team ${Math.random()}` } });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

describeEngines('security: CSRF (same-origin check on cookie writes)', (get) => {
  it('refuses cookie-authenticated POST, PATCH and DELETE from another site with 403 csrf_failed, changing nothing', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const teamId = await newTeam(app, ws.as);
    for (const write of writes(teamId)) {
      for (const [label, headers] of Object.entries(crossSite)) {
        const before = await write.observe(app, ws);
        const res = await write.run(app, ws, ws.as, headers);
        expect(res.statusCode, `${write.name} with ${label}`).toBe(403);
        expect(res.json().code, `${write.name} with ${label}`).toBe('csrf_failed');
        expect(await write.observe(app, ws), `${write.name} with ${label}`).toEqual(before);
      }
    }
    // Signing out is a write too: a foreign page cannot end the session.
    const logout = await call(app, 'DELETE', '/api/v1/session', { as: ws.as, headers: { host: HOST, origin: 'https://evil.example' } });
    expect(logout.statusCode).toBe(403);
    expect((await call(app, 'GET', '/api/v1/session', { as: ws.as })).statusCode).toBe(200);
  });

  it('allows same-origin writes and clients that send no browser headers', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    for (const [label, headers] of Object.entries(sameOrigin)) {
      const teamId = await newTeam(app, ws.as);
      for (const write of writes(teamId)) {
        const res = await write.run(app, ws, ws.as, headers);
        expect(res.statusCode, `${write.name} with ${label}`).toBeLessThan(300);
      }
    }
    // A non-default port on both sides is still the same origin.
    const ported = await call(app, 'POST', '/api/v1/teams', {
      as: ws.as,
      headers: { host: `${HOST}:8443`, origin: `https://${HOST}:8443` },
      body: { name: 'Ported' },
    });
    expect(ported.statusCode).toBe(201);
    const defaultPortInHost = await call(app, 'POST', '/api/v1/teams', {
      as: ws.as,
      headers: { host: `${HOST}:443`, origin: `https://${HOST}` },
      body: { name: 'Default port in Host' },
    });
    expect(defaultPortInHost.statusCode).toBe(201);
  });

  it('does not apply to API-key requests (browsers cannot attach them cross-site) nor to reads', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const key = await createApiKey(app, ws.as, 'admin');
    const teamId = await newTeam(app, ws.as);
    for (const write of writes(teamId)) {
      const res = await write.run(app, ws, key.as, crossSite['Origin of another site'] as Record<string, string>);
      expect(res.statusCode, write.name).toBeLessThan(300);
    }
    for (const url of ['/api/v1/session', '/api/v1/workspaces/current', '/api/v1/tickets', '/api/v1/teams']) {
      const res = await call(app, 'GET', url, { as: ws.as, headers: { host: HOST, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
      expect(res.statusCode, url).toBe(200);
    }
  });

  it('checks the origin after the credentials: a cross-site write without a valid session is 401', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const session = await signIn(app, ws.owner.email);
    await call(app, 'DELETE', '/api/v1/session', { as: session });
    const res = await call(app, 'POST', '/api/v1/teams', { as: session, headers: { host: HOST, origin: 'https://evil.example' }, body: { name: 'x' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('unauthenticated');
  });
});
