import diagnostics from 'node:diagnostics_channel';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { expect, it } from 'vitest';
import { createWorkspace } from '../factories.ts';
import { type Auth, call, describeEngines } from '../harness.ts';
import { createApiKey, fillParams } from './security-fixtures.ts';

/**
 * Walks every route the app registers. Fastify announces each new instance
 * on the `fastify.initialization` diagnostics channel, so an onRoute hook
 * added there sees every route of the app the harness builds, exactly as
 * production builds it.
 */
const routesOf = new WeakMap<object, RouteOptions[]>();
diagnostics.subscribe('fastify.initialization', (message) => {
  const { fastify } = message as { fastify: FastifyInstance };
  const routes: RouteOptions[] = [];
  routesOf.set(fastify, routes);
  fastify.addHook('onRoute', (route) => {
    routes.push(route);
  });
});

/**
 * The routes anyone may call without signing in. A new public route must be
 * added here on purpose (and reviewed for what it exposes).
 */
const PUBLIC = new Set(['GET /healthz', 'GET /readyz', 'GET /api/openapi.json', 'POST /api/v1/session', 'GET /s/:token', 'POST /s/:token', 'GET /widget.js', 'GET /api/v1/public/chat/socket', 'GET /*', 'GET /assets/*']); // GET /*: the web app's index.html (server paths stay 404)
// Web form, messaging webhooks and Telegram (channels/form, channels/webhook): each finds its workspace by the form/channel id only.
// The survey page's CORS preflight: the chat widget posts an inline answer from the customer's site (issue 6).
PUBLIC.add('OPTIONS /s/:token');
for (const route of ['POST /api/v1/public/forms/:formId', 'GET /api/v1/public/forms/:formId/embed', 'POST /api/v1/public/webhooks/:channelId', 'POST /api/v1/public/telegram/:channelId/:secretPathToken']) PUBLIC.add(route);
const isDocsUi = (url: string) => url === '/api/docs' || url.startsWith('/api/docs/');

const LEVELS = ['agent', 'supervisor', 'admin', 'owner', 'instance_admin'] as const;
type Level = (typeof LEVELS)[number];

interface Endpoint {
  method: string;
  url: string;
  auth: string | undefined;
}

function endpoints(app: FastifyInstance): Endpoint[] {
  const routes = routesOf.get(app);
  if (!routes) throw new Error('the diagnostics channel did not see this app being built');
  return routes.flatMap((r) =>
    (Array.isArray(r.method) ? r.method : [r.method]).map((method) => ({ method, url: r.url, auth: r.config?.auth })),
  );
}

describeEngines('security: route walk', (get) => {
  it('every route declares config.auth, and only the reviewed routes are public', async () => {
    const { app } = get();
    const all = endpoints(app);
    expect(all.length).toBeGreaterThan(40);
    const undeclared = all.filter((e) => !['public', ...LEVELS].includes(e.auth as string));
    expect(undeclared.map((e) => `${e.method} ${e.url}`)).toEqual([]);

    const publicOnes = all.filter((e) => e.auth === 'public' && e.method !== 'HEAD' && !isDocsUi(e.url)).map((e) => `${e.method} ${e.url}`);
    expect(new Set(publicOnes)).toEqual(PUBLIC);
    // Every API route is described in the OpenAPI document.
    const doc = (await call(app, 'GET', '/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    const missing = all
      .filter((e) => e.url.startsWith('/api/v1/') && e.method !== 'HEAD')
      .filter((e) => !doc.paths[e.url.replace(/:([A-Za-z_]+)/g, '{$1}')]?.[e.method.toLowerCase()])
      .map((e) => `${e.method} ${e.url}`);
    expect(missing).toEqual([]);
  });

  it('every non-public route answers 401 problem+json without valid credentials', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const revoked = await createApiKey(app, ws.as, 'admin');
    expect((await call(app, 'DELETE', `/api/v1/api-keys/${revoked.id}`, { as: ws.as })).statusCode).toBe(204);
    const badCredentials: { label: string; headers: Record<string, string> }[] = [
      { label: 'no credentials', headers: {} },
      { label: 'an unknown session cookie', headers: { cookie: 'gapwise_session=gws_not-a-real-token' } },
      { label: 'an unknown API key', headers: { authorization: 'Bearer gwk_not-a-real-key' } },
      { label: 'a revoked API key', headers: { authorization: `Bearer ${(revoked.as as { apiKey: string }).apiKey}` } },
      { label: 'a non-bearer Authorization', headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } },
    ];
    const guarded = endpoints(app).filter((e) => e.auth !== 'public');
    expect(guarded.filter((e) => e.url.startsWith('/api/v1/')).length).toBeGreaterThan(30);
    for (const e of guarded) {
      for (const { label, headers } of badCredentials) {
        const res = await call(app, e.method as 'GET', fillParams(e.url), { headers, ...(['POST', 'PATCH', 'PUT'].includes(e.method) ? { body: {} } : {}) });
        expect(res.statusCode, `${e.method} ${e.url} with ${label}`).toBe(401);
        expect(res.headers['content-type'], `${e.method} ${e.url}`).toContain('application/problem+json');
        if (e.method !== 'HEAD') expect(res.json().code).toBe('unauthenticated');
      }
    }
    // An unknown path is a plain 404, signed in or not.
    const nowhere = await call(app, 'GET', '/api/v1/no-such-thing');
    expect(nowhere.statusCode).toBe(404);
    expect(nowhere.json().code).toBe('not_found');
  });

  it('every route above agent level refuses each lower role with 403 forbidden', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const callers: { level: Level; as: Auth }[] = [
      { level: 'agent', as: (await createApiKey(app, ws.as, 'agent')).as },
      { level: 'supervisor', as: (await createApiKey(app, ws.as, 'supervisor')).as },
      { level: 'admin', as: (await createApiKey(app, ws.as, 'admin')).as },
      { level: 'owner', as: ws.as },
    ];
    let checked = 0;
    for (const e of endpoints(app)) {
      const least = LEVELS.indexOf(e.auth as Level);
      if (least <= 0) continue;
      for (const caller of callers.filter((c) => LEVELS.indexOf(c.level) < least)) {
        const res = await call(app, e.method as 'GET', fillParams(e.url), { as: caller.as, ...(['POST', 'PATCH', 'PUT'].includes(e.method) ? { body: {} } : {}) });
        expect(res.statusCode, `${caller.level}: ${e.method} ${e.url}`).toBe(403);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
