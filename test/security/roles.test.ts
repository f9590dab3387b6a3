import type { FastifyInstance } from 'fastify';
import { expect, it } from 'vitest';
import { addUser, createWorkspace, signIn, TEST_PASSWORD, type WorkspaceFixture } from '../factories.ts';
import { type Auth, call, describeEngines } from '../harness.ts';
import { createApiKey } from './security-fixtures.ts';

type Level = 'agent' | 'supervisor' | 'admin' | 'owner' | 'instance_admin';
const LEVELS: Level[] = ['agent', 'supervisor', 'admin', 'owner', 'instance_admin'];

interface Fixture {
  ws: WorkspaceFixture;
  users: Record<'admin' | 'supervisor' | 'agent', { id: string; as: Auth }>;
  ids: Record<'team' | 'customer' | 'branch' | 'tier' | 'organization' | 'apiKey' | 'calendar' | 'slaPolicy' | 'slaRecompute', string>;
}

interface Guarded {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: (f: Fixture) => string;
  body?: (f: Fixture) => unknown;
  /** The least role that may do this; everyone below gets 403 forbidden. */
  least: Exclude<Level, 'agent'>;
}

/** Routes beyond an agent's reach. Add a row per guarded route of a new module. */
const guarded: Guarded[] = [
  { method: 'POST', url: () => '/api/v1/users', body: (f) => ({ email: `new@${f.ws.slug}.test`, name: 'New', role: 'agent' }), least: 'admin' },
  { method: 'PATCH', url: (f) => `/api/v1/users/${f.users.admin.id}`, body: () => ({ name: 'Renamed' }), least: 'admin' },
  { method: 'PATCH', url: (f) => `/api/v1/users/${f.ws.owner.id}`, body: () => ({ name: 'Renamed' }), least: 'owner' },
  { method: 'DELETE', url: (f) => `/api/v1/users/${f.users.admin.id}`, least: 'admin' },
  { method: 'DELETE', url: (f) => `/api/v1/users/${f.ws.owner.id}`, least: 'owner' },
  { method: 'PATCH', url: () => '/api/v1/workspaces/current', body: () => ({ name: 'Renamed' }), least: 'admin' },
  { method: 'GET', url: () => '/api/v1/audit-log', least: 'admin' },
  { method: 'POST', url: () => '/api/v1/teams', body: () => ({ name: 'New team' }), least: 'admin' },
  { method: 'PATCH', url: (f) => `/api/v1/teams/${f.ids.team}`, body: () => ({ name: 'Renamed' }), least: 'admin' },
  { method: 'DELETE', url: (f) => `/api/v1/teams/${f.ids.team}`, least: 'admin' },
  { method: 'DELETE', url: (f) => `/api/v1/customers/${f.ids.customer}`, least: 'supervisor' },
  { method: 'POST', url: () => '/api/v1/workspaces', body: () => ({ name: 'X', slug: 'x-new', owner: { email: 'o@x.test', name: 'O', password: 'long enough' } }), least: 'instance_admin' },
  { method: 'GET', url: () => '/api/v1/workspaces', least: 'instance_admin' },
  { method: 'POST', url: () => '/api/v1/branches', body: () => ({ name: 'Plant', time_zone: 'Asia/Bangkok' }), least: 'admin' },
  { method: 'PATCH', url: (f) => `/api/v1/branches/${f.ids.branch}`, body: () => ({ name: 'Renamed' }), least: 'admin' },
  { method: 'DELETE', url: (f) => `/api/v1/branches/${f.ids.branch}`, least: 'admin' },
  { method: 'POST', url: () => '/api/v1/tiers', body: () => ({ name: 'Platinum', rank: 99 }), least: 'admin' },
  { method: 'PATCH', url: (f) => `/api/v1/tiers/${f.ids.tier}`, body: () => ({ name: 'Renamed' }), least: 'admin' },
  { method: 'DELETE', url: (f) => `/api/v1/tiers/${f.ids.tier}`, least: 'admin' },
  { method: 'DELETE', url: (f) => `/api/v1/organizations/${f.ids.organization}`, least: 'supervisor' },
  { method: 'GET', url: () => '/api/v1/api-keys', least: 'admin' },
  { method: 'POST', url: () => '/api/v1/api-keys', body: () => ({ name: 'k', role: 'agent' }), least: 'admin' },
  { method: 'DELETE', url: (f) => `/api/v1/api-keys/${f.ids.apiKey}`, least: 'admin' },
  { method: 'POST', url: () => '/api/v1/calendars', body: () => ({ name: 'Round the clock', time_zone: 'UTC', always_open: true }), least: 'admin' },
  { method: 'PATCH', url: (f) => `/api/v1/calendars/${f.ids.calendar}`, body: () => ({ name: 'Renamed' }), least: 'admin' },
  { method: 'DELETE', url: (f) => `/api/v1/calendars/${f.ids.calendar}`, least: 'admin' },
  { method: 'POST', url: (f) => `/api/v1/calendars/${f.ids.calendar}/holidays/import`, least: 'admin' },
  { method: 'POST', url: () => '/api/v1/sla-policies', body: () => ({ name: 'New policy' }), least: 'admin' },
  { method: 'PATCH', url: (f) => `/api/v1/sla-policies/${f.ids.slaPolicy}`, body: () => ({ name: 'Renamed', active: false }), least: 'admin' },
  { method: 'DELETE', url: (f) => `/api/v1/sla-policies/${f.ids.slaPolicy}`, least: 'admin' },
  { method: 'POST', url: () => '/api/v1/sla-policies/reorder', body: (f) => ({ ids: [f.ids.slaPolicy] }), least: 'admin' },
  { method: 'POST', url: () => '/api/v1/sla/recomputes', body: () => ({ historical: true }), least: 'admin' },
  { method: 'GET', url: () => '/api/v1/sla/recomputes', least: 'admin' },
  { method: 'GET', url: (f) => `/api/v1/sla/recomputes/${f.ids.slaRecompute}`, least: 'admin' },
];

async function created(app: FastifyInstance, as: Auth, url: string, body: unknown): Promise<string> {
  const res = await call(app, 'POST', url, { as, body });
  if (res.statusCode !== 201) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

async function fixture(app: FastifyInstance): Promise<Fixture> {
  const ws = await createWorkspace(app);
  const as = ws.as;
  return {
    ws,
    users: { admin: await addUser(app, ws, 'admin'), supervisor: await addUser(app, ws, 'supervisor'), agent: await addUser(app, ws, 'agent') },
    ids: {
      team: await created(app, as, '/api/v1/teams', { name: 'Support' }),
      customer: await created(app, as, '/api/v1/customers', { name: 'Somchai' }),
      branch: await created(app, as, '/api/v1/branches', { name: 'Bangkok', time_zone: 'Asia/Bangkok' }),
      tier: await created(app, as, '/api/v1/tiers', { name: 'Gold', rank: 10 }),
      organization: await created(app, as, '/api/v1/organizations', { name: 'Acme' }),
      apiKey: await created(app, as, '/api/v1/api-keys', { name: 'integration', role: 'agent' }),
      calendar: await created(app, as, '/api/v1/calendars', { name: 'Office', time_zone: 'Asia/Bangkok', weekly_hours: { mon: [{ start: '09:00', end: '17:00' }] } }),
      slaPolicy: await created(app, as, '/api/v1/sla-policies', { name: 'Standard', targets: { normal: { first_reply: { minutes: 60, mode: 'calendar' } } } }),
      slaRecompute: (await call(app, 'POST', '/api/v1/sla/recomputes', { as, body: {} })).json().id,
    },
  };
}

describeEngines('security: roles', (get) => {
  it('refuses every guarded route with 403 forbidden to each role below the one it needs, by session and by API key', async () => {
    const { app } = get();
    const f = await fixture(app);
    const callers: { level: Level; label: string; as: Auth }[] = [
      { level: 'agent', label: 'agent session', as: f.users.agent.as },
      { level: 'agent', label: 'agent API key', as: (await createApiKey(app, f.ws.as, 'agent')).as },
      { level: 'supervisor', label: 'supervisor session', as: f.users.supervisor.as },
      { level: 'supervisor', label: 'supervisor API key', as: (await createApiKey(app, f.ws.as, 'supervisor')).as },
      { level: 'admin', label: 'admin session', as: f.users.admin.as },
      { level: 'admin', label: 'admin API key', as: (await createApiKey(app, f.ws.as, 'admin')).as },
      { level: 'owner', label: 'owner session (not an instance admin)', as: f.ws.as },
    ];
    let checked = 0;
    for (const route of guarded) {
      for (const caller of callers) {
        if (LEVELS.indexOf(caller.level) >= LEVELS.indexOf(route.least)) continue;
        const url = route.url(f);
        const res = await call(app, route.method, url, { as: caller.as, ...(route.body ? { body: route.body(f) } : {}) });
        expect(res.statusCode, `${caller.label}: ${route.method} ${url}`).toBe(403);
        expect(res.json().code, `${caller.label}: ${route.method} ${url}`).toBe('forbidden');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(guarded.length * 2);
    // Nothing was changed by the refused calls.
    expect((await call(app, 'GET', `/api/v1/teams/${f.ids.team}`, { as: f.ws.as })).json().name).toBe('Support');
    expect((await call(app, 'GET', `/api/v1/users/${f.users.admin.id}`, { as: f.ws.as })).json()).toMatchObject({ name: 'admin', active: true });
    expect((await call(app, 'GET', `/api/v1/users/${f.ws.owner.id}`, { as: f.ws.as })).json()).toMatchObject({ name: 'Owner', active: true });
    expect((await call(app, 'GET', `/api/v1/customers/${f.ids.customer}`, { as: f.ws.as })).statusCode).toBe(200);
    expect((await call(app, 'GET', `/api/v1/calendars/${f.ids.calendar}`, { as: f.ws.as })).json()).toMatchObject({ name: 'Office', holidays: [] });
    expect((await call(app, 'GET', `/api/v1/sla-policies/${f.ids.slaPolicy}`, { as: f.ws.as })).json()).toMatchObject({ name: 'Standard', active: true });
  });

  it('an admin cannot create an owner or make anyone owner; an owner can', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const admin = await addUser(app, ws, 'admin');
    const agent = await addUser(app, ws, 'agent');

    const createOwner = await call(app, 'POST', '/api/v1/users', { as: admin.as, body: { email: `boss@${ws.slug}.test`, name: 'Boss', role: 'owner' } });
    expect(createOwner.statusCode).toBe(403);
    expect(createOwner.json().code).toBe('forbidden');
    for (const target of [agent.id, admin.id]) {
      const promote = await call(app, 'PATCH', `/api/v1/users/${target}`, { as: admin.as, body: { role: 'owner' } });
      expect(promote.statusCode).toBe(403);
      expect(promote.json().code).toBe('forbidden');
    }
    expect((await call(app, 'GET', `/api/v1/users/${agent.id}`, { as: ws.as })).json().role).toBe('agent');
    expect((await call(app, 'GET', `/api/v1/users/${admin.id}`, { as: ws.as })).json().role).toBe('admin');
    const owners = (await call(app, 'GET', '/api/v1/users?role=owner', { as: ws.as })).json().data;
    expect(owners.map((u: { id: string }) => u.id)).toEqual([ws.owner.id]);

    const byOwner = await call(app, 'PATCH', `/api/v1/users/${agent.id}`, { as: ws.as, body: { role: 'owner' } });
    expect(byOwner.statusCode).toBe(200);
    expect(byOwner.json().role).toBe('owner');

    // Roles are read at every request: a demoted admin loses admin rights in the session they already have.
    expect((await call(app, 'GET', '/api/v1/audit-log', { as: admin.as })).statusCode).toBe(200);
    expect((await call(app, 'PATCH', `/api/v1/users/${admin.id}`, { as: ws.as, body: { role: 'agent' } })).statusCode).toBe(200);
    const demoted = await call(app, 'GET', '/api/v1/audit-log', { as: admin.as });
    expect(demoted.statusCode).toBe(403);
    expect((await call(app, 'GET', '/api/v1/session', { as: admin.as })).json().role).toBe('agent');
  });

  it('the last active owner can be neither demoted nor deactivated (409)', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const me = `/api/v1/users/${ws.owner.id}`;
    for (const body of [{ role: 'admin' }, { role: 'agent' }, { active: false }]) {
      const res = await call(app, 'PATCH', me, { as: ws.as, body });
      expect(res.statusCode, JSON.stringify(body)).toBe(409);
      expect(res.json().code).toBe('conflict');
    }
    const del = await call(app, 'DELETE', me, { as: ws.as });
    expect(del.statusCode).toBe(409);
    expect((await call(app, 'GET', me, { as: ws.as })).json()).toMatchObject({ role: 'owner', active: true });

    // With a second owner, the first may step down; the second is then the last one.
    const second = await call(app, 'POST', '/api/v1/users', {
      as: ws.as,
      body: { email: `second-owner@${ws.slug}.test`, name: 'Second', role: 'owner', password: TEST_PASSWORD },
    });
    expect(second.statusCode).toBe(201);
    expect((await call(app, 'PATCH', me, { as: ws.as, body: { role: 'admin' } })).statusCode).toBe(200);
    const secondAs = await signIn(app, `second-owner@${ws.slug}.test`);
    const demoteLast = await call(app, 'PATCH', `/api/v1/users/${second.json().id}`, { as: secondAs, body: { role: 'supervisor' } });
    expect(demoteLast.statusCode).toBe(409);
    // The former owner, now an admin, cannot touch the remaining owner at all.
    expect((await call(app, 'DELETE', `/api/v1/users/${second.json().id}`, { as: ws.as })).statusCode).toBe(403);
  });

  it('an agent changes their own name, locale and time zone, but not their role, email, status or teams', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const agent = await addUser(app, ws, 'agent');
    const self = `/api/v1/users/${agent.id}`;
    const ok = await call(app, 'PATCH', self, { as: agent.as, body: { name: 'Nok', locale: 'th', time_zone: 'Asia/Bangkok' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: 'Nok', locale: 'th', time_zone: 'Asia/Bangkok', role: 'agent' });

    const team = await created(app, ws.as, '/api/v1/teams', { name: 'Escalations' });
    for (const body of [{ role: 'admin' }, { role: 'owner' }, { name: 'Nok', role: 'supervisor' }, { email: `x@${ws.slug}.test` }, { active: false }, { team_ids: [team] }]) {
      const res = await call(app, 'PATCH', self, { as: agent.as, body });
      expect(res.statusCode, JSON.stringify(body)).toBe(403);
      expect(res.json().code).toBe('forbidden');
    }
    const other = await call(app, 'PATCH', `/api/v1/users/${ws.owner.id}`, { as: agent.as, body: { name: 'Hacked' } });
    expect(other.statusCode).toBe(403);
    expect((await call(app, 'GET', self, { as: ws.as })).json()).toMatchObject({ name: 'Nok', role: 'agent', active: true, team_ids: [] });
    expect((await call(app, 'GET', '/api/v1/session', { as: agent.as })).json().role).toBe('agent');
  });
});
