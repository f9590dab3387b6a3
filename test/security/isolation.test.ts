import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { createTicket, createWorkspace, type WorkspaceFixture } from '../factories.ts';
import { type Auth, call, describeEngines } from '../harness.ts';
import { createApiKey } from './security-fixtures.ts';
import { notifyUsers } from '../../server/modules/notifications/notifications.service.ts';

/**
 * Tenant isolation: workspace A's owner (by session) and A's API key try to
 * reach workspace B's data in every way the API offers. B's ids must behave
 * exactly like ids that do not exist, and B's rows must stay as they were.
 */

interface Side {
  ws: WorkspaceFixture;
  key: { id: string; as: Auth };
  /** A word that appears in this side's searchable data and nowhere else. */
  tag: string;
  /** Resource name -> id of this side's row. */
  ids: Record<string, string>;
}

interface Resource {
  name: string;
  /** Collection path under /api/v1. */
  path: string;
  /** Creates this side's row (its text carries `side.tag`); may use ids of resources earlier in the table. */
  create(app: FastifyInstance, side: Side): Promise<string>;
  /** Reads a row as its own workspace sees it; default GET path/:id. */
  read?(app: FastifyInstance, as: Auth, id: string): Promise<unknown>;
  /** false when there is no GET path/:id route. */
  get?: boolean;
  /** A valid PATCH body, when there is a PATCH route. */
  patch?: Record<string, unknown>;
  /** Whether there is a DELETE route. */
  remove?: boolean;
  /** Whether the list takes `q`. */
  search?: boolean;
}

async function post(app: FastifyInstance, as: Auth, path: string, body: unknown): Promise<string> {
  const res = await call(app, 'POST', `/api/v1${path}`, { as, body });
  if (res.statusCode !== 201) throw new Error(`POST ${path}: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

async function listAll(app: FastifyInstance, as: Auth, path: string, query = ''): Promise<{ id: string }[]> {
  const res = await call(app, 'GET', `/api/v1${path}?limit=100${query}`, { as });
  expect(res.statusCode, `GET ${path}?${query}`).toBe(200);
  expect(res.json().next_cursor).toBeNull();
  return res.json().data;
}

/**
 * Every workspace-scoped resource, in dependency order (later rows refer to
 * earlier ones). A new module adds one row here.
 */
const resources: Resource[] = [
  { name: 'tier', path: '/tiers', create: (app, s) => post(app, s.ws.as, '/tiers', { name: `Tier ${s.tag}`, rank: 5 }), patch: { name: 'Hijacked' }, remove: true },
  {
    name: 'organization',
    path: '/organizations',
    create: (app, s) => post(app, s.ws.as, '/organizations', { name: `Org ${s.tag}`, domains: [`${s.tag}.example`], tier_id: s.ids.tier }),
    patch: { name: 'Hijacked', tier_id: null },
    remove: true,
    search: true,
  },
  {
    name: 'calendar',
    path: '/calendars',
    create: (app, s) =>
      post(app, s.ws.as, '/calendars', { name: `Calendar ${s.tag}`, time_zone: 'Asia/Bangkok', weekly_hours: { mon: [{ start: '09:00', end: '17:00' }] }, is_default: true }),
    patch: { name: 'Hijacked', always_open: true, weekly_hours: {}, is_default: false },
    remove: true,
  },
  {
    name: 'branch',
    path: '/branches',
    create: (app, s) => post(app, s.ws.as, '/branches', { name: `Branch ${s.tag}`, time_zone: 'Asia/Bangkok', calendar_id: s.ids.calendar }),
    patch: { name: 'Hijacked', calendar_id: null },
    remove: true,
  },
  { name: 'team', path: '/teams', create: (app, s) => post(app, s.ws.as, '/teams', { name: `Team ${s.tag}`, calendar_id: s.ids.calendar }), patch: { name: 'Hijacked' }, remove: true },
  {
    name: 'user',
    path: '/users',
    // No password: keeps the suite fast (no scrypt) and such a user cannot sign in anyway.
    create: (app, s) => post(app, s.ws.as, '/users', { email: `${s.tag}@${s.ws.slug}.test`, name: `Agent ${s.tag}`, role: 'agent', team_ids: [s.ids.team] }),
    patch: { name: 'Hijacked', role: 'admin' },
    remove: true,
    search: true,
  },
  {
    name: 'sla policy',
    path: '/sla-policies',
    create: (app, s) =>
      post(app, s.ws.as, '/sla-policies', {
        name: `Policy ${s.tag}`,
        conditions: { tier_ids: [s.ids.tier], organization_ids: [s.ids.organization], team_ids: [s.ids.team], branch_ids: [s.ids.branch] },
        targets: { urgent: { first_reply: { minutes: 60, mode: 'business', calendar_id: s.ids.calendar } } },
        escalation_rules: [{ metric: 'first_reply', offset_minutes: 0, actions: [{ type: 'notify', to: 'users', user_ids: [s.ids.user] }, { type: 'reassign', team_id: s.ids.team }] }],
      }),
    patch: { name: 'Hijacked', active: false },
    remove: true,
  },
  {
    name: 'sla recompute',
    path: '/sla/recomputes',
    create: async (app, s) => {
      const res = await call(app, 'POST', '/api/v1/sla/recomputes', { as: s.ws.as, body: { historical: true } });
      if (res.statusCode !== 202) throw new Error(`POST /sla/recomputes: ${res.statusCode} ${res.body}`);
      return res.json().id;
    },
  },
  {
    name: 'customer',
    path: '/customers',
    create: (app, s) =>
      post(app, s.ws.as, '/customers', {
        name: `Customer ${s.tag}`,
        organization_id: s.ids.organization,
        tier_id: s.ids.tier,
        identities: [{ kind: 'email', value: `${s.tag}@customer.example` }],
      }),
    patch: { name: 'Hijacked', notes: 'pwned' },
    remove: true,
    search: true,
  },
  {
    name: 'ticket',
    path: '/tickets',
    create: async (app, s) => {
      const t = await createTicket(app, s.ws.as, {
        subject: `Ticket ${s.tag}`,
        customer: { id: s.ids.customer },
        message: { body_text: `The ${s.tag} machine is broken` },
        team_id: s.ids.team,
        assignee_id: s.ids.user,
        branch_id: s.ids.branch,
      });
      const reply = await call(app, 'POST', `/api/v1/tickets/${t.id}/messages`, { as: s.ws.as, body: { kind: 'internal_note', body_text: `note ${s.tag}` } });
      if (reply.statusCode !== 201) throw new Error(`reply: ${reply.body}`);
      return t.id;
    },
    patch: { subject: 'Hijacked', status: 'solved', priority: 'urgent' },
    search: true,
  },
  {
    name: 'api key',
    path: '/api-keys',
    create: async (app, s) => (await createApiKey(app, s.ws.as, 'agent')).id,
    get: false,
    read: async (app, as, id) => (await listAll(app, as, '/api-keys')).find((k) => k.id === id) ?? null,
    remove: true,
  },
];

/** Request bodies that name one of B's ids; A must get 422 invalid_reference for each. */
const references: { name: string; method: 'POST' | 'PATCH'; url: (a: Side) => string; body: (a: Side, b: Side) => unknown }[] = [
  ...(['team_id', 'assignee_id', 'branch_id'] as const).flatMap((field) => {
    const resource = { team_id: 'team', assignee_id: 'user', branch_id: 'branch' }[field];
    return [
      {
        name: `new ticket with B's ${field}`,
        method: 'POST' as const,
        url: () => '/api/v1/tickets',
        body: (a: Side, b: Side) => ({ subject: 'x', customer: { id: a.ids.customer }, message: { body_text: 'x' }, [field]: b.ids[resource] }),
      },
      { name: `ticket changed to B's ${field}`, method: 'PATCH' as const, url: (a: Side) => `/api/v1/tickets/${a.ids.ticket}`, body: (_a: Side, b: Side) => ({ [field]: b.ids[resource] }) },
    ];
  }),
  { name: "new ticket for B's customer", method: 'POST', url: () => '/api/v1/tickets', body: (_a, b) => ({ subject: 'x', customer: { id: b.ids.customer }, message: { body_text: 'x' } }) },
  { name: "new user in B's team", method: 'POST', url: () => '/api/v1/users', body: (a, b) => ({ email: `ref@${a.ws.slug}.test`, name: 'Ref', team_ids: [a.ids.team, b.ids.team] }) },
  { name: "user moved to B's team", method: 'PATCH', url: (a) => `/api/v1/users/${a.ids.user}`, body: (_a, b) => ({ team_ids: [b.ids.team] }) },
  { name: "new customer in B's organization", method: 'POST', url: () => '/api/v1/customers', body: (_a, b) => ({ name: 'Ref', organization_id: b.ids.organization }) },
  { name: "new customer in B's tier", method: 'POST', url: () => '/api/v1/customers', body: (_a, b) => ({ name: 'Ref', tier_id: b.ids.tier }) },
  { name: "customer moved to B's organization", method: 'PATCH', url: (a) => `/api/v1/customers/${a.ids.customer}`, body: (_a, b) => ({ organization_id: b.ids.organization }) },
  { name: "customer moved to B's tier", method: 'PATCH', url: (a) => `/api/v1/customers/${a.ids.customer}`, body: (_a, b) => ({ tier_id: b.ids.tier }) },
  { name: "new organization in B's tier", method: 'POST', url: () => '/api/v1/organizations', body: (_a, b) => ({ name: 'Ref', tier_id: b.ids.tier }) },
  { name: "organization moved to B's tier", method: 'PATCH', url: (a) => `/api/v1/organizations/${a.ids.organization}`, body: (_a, b) => ({ tier_id: b.ids.tier }) },
  { name: "new branch on B's calendar", method: 'POST', url: () => '/api/v1/branches', body: (_a, b) => ({ name: 'Ref', time_zone: 'UTC', calendar_id: b.ids.calendar }) },
  { name: "branch moved to B's calendar", method: 'PATCH', url: (a) => `/api/v1/branches/${a.ids.branch}`, body: (_a, b) => ({ calendar_id: b.ids.calendar }) },
  { name: "new team on B's calendar", method: 'POST', url: () => '/api/v1/teams', body: (_a, b) => ({ name: 'Ref', calendar_id: b.ids.calendar }) },
  { name: "team moved to B's calendar", method: 'PATCH', url: (a) => `/api/v1/teams/${a.ids.team}`, body: (_a, b) => ({ calendar_id: b.ids.calendar }) },
  ...(
    [
      ['tier', (b: Side) => ({ conditions: { tier_ids: [b.ids.tier] } })],
      ['organization', (b: Side) => ({ conditions: { organization_ids: [b.ids.organization] } })],
      ['team', (b: Side) => ({ conditions: { team_ids: [b.ids.team] } })],
      ['branch', (b: Side) => ({ conditions: { branch_ids: [b.ids.branch] } })],
      ['calendar', (b: Side) => ({ targets: { normal: { resolution: { minutes: 60, mode: 'business', calendar_id: b.ids.calendar } } } })],
      ['user', (b: Side) => ({ escalation_rules: [{ metric: 'resolution', offset_minutes: 0, actions: [{ type: 'notify', to: 'users', user_ids: [b.ids.user] }] }] })],
      ['team (reassign)', (b: Side) => ({ escalation_rules: [{ metric: 'resolution', offset_minutes: 30, actions: [{ type: 'reassign', team_id: b.ids.team }] }] })],
    ] as const
  ).flatMap(([what, body]) => [
    { name: `new SLA policy naming B's ${what}`, method: 'POST' as const, url: () => '/api/v1/sla-policies', body: (_a: Side, b: Side) => ({ name: `Ref ${what}`, ...body(b) }) },
    { name: `SLA policy changed to name B's ${what}`, method: 'PATCH' as const, url: (a: Side) => `/api/v1/sla-policies/${a.ids['sla policy']}`, body: (_a: Side, b: Side) => body(b) },
  ]),
  { name: "SLA policies reordered with B's policy", method: 'POST', url: () => '/api/v1/sla-policies/reorder', body: (a, b) => ({ ids: [a.ids['sla policy'], b.ids['sla policy']] }) },
];

/** List filters that take an id: with B's id, A's list is empty (B's own list is not). */
const filters: { path: string; param: string; resource: string }[] = [
  { path: '/tickets', param: 'team_id', resource: 'team' },
  { path: '/tickets', param: 'assignee_id', resource: 'user' },
  { path: '/tickets', param: 'branch_id', resource: 'branch' },
  { path: '/tickets', param: 'customer_id', resource: 'customer' },
  { path: '/tickets', param: 'organization_id', resource: 'organization' },
  { path: '/tickets', param: 'tier_id', resource: 'tier' },
  { path: '/customers', param: 'organization_id', resource: 'organization' },
  { path: '/customers', param: 'tier_id', resource: 'tier' },
  { path: '/organizations', param: 'tier_id', resource: 'tier' },
];

describeEngines('security: workspace isolation', (get) => {
  let a: Side;
  let b: Side;
  let attackers: { label: string; as: Auth }[];
  let bAuditBefore: unknown[];

  async function makeSide(app: FastifyInstance, tag: string): Promise<Side> {
    const ws = await createWorkspace(app);
    const side: Side = { ws, key: await createApiKey(app, ws.as, 'admin'), tag, ids: {} };
    for (const r of resources) side.ids[r.name] = await r.create(app, side);
    return side;
  }

  function read(app: FastifyInstance, r: Resource, as: Auth, id: string): Promise<unknown> {
    if (r.read) return r.read(app, as, id);
    return call(app, 'GET', `/api/v1${r.path}/${id}`, { as }).then((res) => res.json());
  }

  beforeAll(async () => {
    const { app } = get();
    const suffix = randomBytes(3).toString('hex');
    a = await makeSide(app, `aardvark${suffix}`);
    b = await makeSide(app, `zebrafish${suffix}`);
    attackers = [
      { label: "A's owner session", as: a.ws.as },
      { label: "A's admin API key", as: a.key.as },
    ];
    bAuditBefore = await listAll(app, b.ws.as, '/audit-log');
  }, 120_000);

  for (const r of resources) {
    it(`${r.name}: B's row is unknown to A (get, change, delete, list, search) and stays unchanged`, async () => {
      const { app } = get();
      const bId = b.ids[r.name] as string;
      const before = await read(app, r, b.ws.as, bId);
      expect(before).toMatchObject({ id: bId });

      for (const { label, as } of attackers) {
        const tries: [string, 'GET' | 'PATCH' | 'DELETE', unknown][] = [];
        if (r.get !== false) tries.push(['get', 'GET', undefined]);
        if (r.patch) tries.push(['patch', 'PATCH', r.patch]);
        if (r.remove) tries.push(['delete', 'DELETE', undefined]);
        for (const [what, method, body] of tries) {
          const res = await call(app, method, `/api/v1${r.path}/${bId}`, { as, ...(body ? { body } : {}) });
          expect(res.statusCode, `${label}: ${what} B's ${r.name}`).toBe(404);
          expect(res.json().code).toBe('not_found');
        }
        // The answer for B's id is the answer for an id that never existed.
        if (r.get !== false) {
          const unknown = await call(app, 'GET', `/api/v1${r.path}/01900000-0000-7000-8000-000000000000`, { as });
          const mine = await call(app, 'GET', `/api/v1${r.path}/${bId}`, { as });
          expect({ ...mine.json(), request_id: null }).toEqual({ ...unknown.json(), request_id: null });
        }

        const listed = (await listAll(app, as, r.path)).map((row) => row.id);
        expect(listed, `${label}: A's ${r.name} list`).toContain(a.ids[r.name]);
        expect(listed, `${label}: A's ${r.name} list`).not.toContain(bId);
        if (r.search) {
          const found = await listAll(app, as, r.path, `&q=${b.tag}`);
          expect(found, `${label}: A searching ${r.path} for B's word`).toEqual([]);
          const own = await listAll(app, as, r.path, `&q=${a.tag}`);
          expect(own.map((row) => row.id)).toContain(a.ids[r.name]);
        }
      }
      expect(await read(app, r, b.ws.as, bId)).toEqual(before);
      if (r.search) expect((await listAll(app, b.ws.as, r.path, `&q=${b.tag}`)).map((row) => row.id)).toContain(bId);
    });
  }

  it("refuses B's ids inside A's request bodies with 422 invalid_reference, writing nothing", async () => {
    const { app } = get();
    const counts = async () => Promise.all(['/tickets', '/users', '/customers', '/organizations', '/branches', '/teams', '/sla-policies'].map(async (p) => (await listAll(app, a.ws.as, p)).length));
    const aTicketBefore = (await call(app, 'GET', `/api/v1/tickets/${a.ids.ticket}`, { as: a.ws.as })).json();
    const countsBefore = await counts();
    for (const ref of references) {
      for (const { label, as } of attackers) {
        const res = await call(app, ref.method, ref.url(a), { as, body: ref.body(a, b) });
        expect(res.statusCode, `${label}: ${ref.name}: ${res.body}`).toBe(422);
        expect(res.json().code).toBe('invalid_reference');
      }
    }
    expect(await counts()).toEqual(countsBefore);
    expect((await call(app, 'GET', `/api/v1/tickets/${a.ids.ticket}`, { as: a.ws.as })).json()).toEqual(aTicketBefore);
  });

  it("filters by B's ids find nothing for A", async () => {
    const { app } = get();
    for (const f of filters) {
      const query = `&${f.param}=${b.ids[f.resource]}`;
      const own = await listAll(app, b.ws.as, f.path, query);
      expect(own.length, `B: ${f.path}?${f.param}`).toBeGreaterThan(0);
      for (const { label, as } of attackers) {
        expect(await listAll(app, as, f.path, query), `${label}: ${f.path}?${f.param}=B's`).toEqual([]);
      }
    }
  });

  it("B's ticket messages and events are 404 to A, who cannot add to them either", async () => {
    const { app } = get();
    const bTicket = b.ids.ticket as string;
    const bMessages = (await call(app, 'GET', `/api/v1/tickets/${bTicket}/messages`, { as: b.ws.as })).json();
    const bEvents = (await call(app, 'GET', `/api/v1/tickets/${bTicket}/events`, { as: b.ws.as })).json();
    expect(bMessages.data).toHaveLength(2);
    expect(bEvents.data.length).toBeGreaterThanOrEqual(3);
    for (const { label, as } of attackers) {
      for (const sub of ['messages', 'events']) {
        const res = await call(app, 'GET', `/api/v1/tickets/${bTicket}/${sub}`, { as });
        expect(res.statusCode, `${label}: GET ${sub}`).toBe(404);
        expect(res.json().code).toBe('not_found');
      }
      for (const kind of ['public_reply', 'internal_note', 'customer']) {
        const res = await call(app, 'POST', `/api/v1/tickets/${bTicket}/messages`, { as, body: { kind, body_text: 'injected', status: 'solved' } });
        expect(res.statusCode, `${label}: POST ${kind}`).toBe(404);
      }
      // A's search over ticket messages never finds B's conversation.
      expect(await listAll(app, as, '/tickets', `&q=${encodeURIComponent(`note ${b.tag}`)}`)).toEqual([]);
    }
    expect((await call(app, 'GET', `/api/v1/tickets/${bTicket}/messages`, { as: b.ws.as })).json()).toEqual(bMessages);
    expect((await call(app, 'GET', `/api/v1/tickets/${bTicket}/events`, { as: b.ws.as })).json()).toEqual(bEvents);
  });

  it("a customer email known in B is a new customer in A, and B's customer is untouched", async () => {
    const { app } = get();
    const bCustomer = (await call(app, 'GET', `/api/v1/customers/${b.ids.customer}`, { as: b.ws.as })).json();
    const ticket = await createTicket(app, a.key.as, { customer: { email: `${b.tag}@customer.example`, name: 'Same person, other company' } });
    expect(ticket.customer_id).not.toBe(b.ids.customer);
    expect(ticket.organization_id).toBeNull();
    expect(ticket.tier_id).toBeNull();
    expect((await call(app, 'GET', `/api/v1/customers/${b.ids.customer}`, { as: b.ws.as })).json()).toEqual(bCustomer);
    expect((await listAll(app, b.ws.as, '/tickets', `&customer_id=${b.ids.customer}`)).map((t) => t.id)).toEqual([b.ids.ticket]);
  });

  it("an Idempotency-Key used in B never replays B's response to A", async () => {
    const { app } = get();
    const key = `shared-${randomBytes(4).toString('hex')}`;
    const body = { name: `Idem ${randomBytes(3).toString('hex')}` };
    const inB = await call(app, 'POST', '/api/v1/teams', { as: b.ws.as, body, headers: { 'idempotency-key': key } });
    expect(inB.statusCode).toBe(201);
    for (const { label, as } of attackers) {
      const inA = await call(app, 'POST', '/api/v1/teams', { as, body: { ...body, name: `${body.name} ${label}` }, headers: { 'idempotency-key': key } });
      expect(inA.statusCode, label).toBe(201);
      expect(inA.headers['idempotent-replayed']).toBeUndefined();
      expect(inA.json().id).not.toBe(inB.json().id);
    }
    expect((await listAll(app, a.ws.as, '/teams')).map((t) => t.id)).not.toContain(inB.json().id);
  });

  it("B's notifications are unknown to A: not listed, and 404 to mark read", async () => {
    const { app } = get();
    const noticeFor = async (side: Side) => {
      await notifyUsers(app.deps.database.db, app.deps.jobs, {
        workspaceId: side.ws.workspaceId,
        userIds: [side.ws.owner.id],
        ticketId: side.ids.ticket as string,
        kind: 'sla_warning',
        subject: `Notice ${side.tag}`,
        body: `Notice ${side.tag}`,
        data: {},
        dedupeKey: `isolation:${side.tag}`,
        at: app.deps.clock.now(),
      });
      return (await listAll(app, side.ws.as, '/notifications'))[0] as { id: string };
    };
    const bNotice = await noticeFor(b);
    const aNotice = await noticeFor(a);
    for (const { label, as } of attackers) {
      const listed = (await listAll(app, as, '/notifications')).map((n) => n.id);
      expect(listed, label).not.toContain(bNotice.id);
      const res = await call(app, 'POST', `/api/v1/notifications/${bNotice.id}/read`, { as });
      expect(res.statusCode, `${label}: mark B's notification read`).toBe(404);
      const unknown = await call(app, 'POST', '/api/v1/notifications/01900000-0000-7000-8000-000000000000/read', { as });
      expect({ ...res.json(), request_id: null }).toEqual({ ...unknown.json(), request_id: null });
    }
    expect((await listAll(app, a.ws.as, '/notifications')).map((n) => n.id)).toEqual([aNotice.id]);
    expect(await listAll(app, b.ws.as, '/notifications')).toEqual([expect.objectContaining({ id: bNotice.id, read_at: null })]);
  });

  // Runs last: every attempt above must have left B's audit log as it was.
  it("B's audit log shows nothing of A, and A's shows nothing of B", async () => {
    const { app } = get();
    const bAudit = await listAll(app, b.ws.as, '/audit-log');
    const newInB = bAudit.filter((row) => !bAuditBefore.some((old) => (old as { id: string }).id === row.id));
    // Only B's own idempotency test team was added since the start.
    expect(newInB.map((row) => (row as unknown as { action: string }).action)).toEqual(['team.created']);

    const aIds = new Set([a.ws.owner.id, a.key.id, ...Object.values(a.ids)]);
    const bIds = new Set([b.ws.owner.id, b.key.id, ...Object.values(b.ids)]);
    const mentions = (rows: unknown[], ids: Set<string>) =>
      rows.filter((row) => {
        const r = row as { actor_id: string | null; entity_id: string | null; changes: unknown };
        return ids.has(r.actor_id ?? '') || ids.has(r.entity_id ?? '') || [...ids].some((id) => JSON.stringify(r.changes).includes(id));
      });
    expect(bAudit.length).toBeGreaterThan(5);
    expect(mentions(bAudit, bIds).length).toBeGreaterThan(0);
    expect(mentions(bAudit, aIds)).toEqual([]);
    expect(JSON.stringify(bAudit)).not.toContain(a.tag);

    for (const { as } of attackers) {
      const aAudit = await listAll(app, as, '/audit-log');
      expect(mentions(aAudit, aIds).length).toBeGreaterThan(0);
      expect(mentions(aAudit, bIds)).toEqual([]);
      expect(JSON.stringify(aAudit)).not.toContain(b.tag);
      // Filtering A's log by one of B's entities finds nothing either.
      expect(await listAll(app, as, '/audit-log', `&entity_id=${b.ids.team}`)).toEqual([]);
    }
  });
});
