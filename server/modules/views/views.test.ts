import { describe, expect, it } from 'vitest';
import { addUser, createTicket, createWorkspace } from '../../../test/factories.ts';
import { call, describeEngines } from '../../../test/harness.ts';
import { createApiKey } from '../../../test/security/security-fixtures.ts';
import { viewQuery } from '../../../web/src/features/inbox/views.ts';
import { BUILT_IN_VIEWS, toTicketFilter } from './built-in-views.ts';
import { countTicketsUpTo } from './views.repository.ts';

describe('built-in views', () => {
  it('say what the web app’s views say (web/src/features/inbox/views.ts)', () => {
    const me = '01900000-0000-7000-8000-000000000001';
    for (const [view, filters] of Object.entries(BUILT_IN_VIEWS)) {
      const { sort: _sort, ...web } = viewQuery(view as keyof typeof BUILT_IN_VIEWS, me, {});
      const server = Object.fromEntries(
        Object.entries(filters).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v === 'me' ? me : String(v)]),
      );
      expect(server, view).toEqual(web);
    }
  });
});

describeEngines('saved views API', (get) => {
  it('personal views are their owner’s; shared views are managed by supervisors and read by everyone', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const ann = await addUser(app, ws, 'agent');
    const bob = await addUser(app, ws, 'agent');
    const sue = await addUser(app, ws, 'supervisor');

    const personal = await call(app, 'POST', '/api/v1/views', { as: ann.as, body: { name: 'My VIPs', filters: { tag: 'vip', assignee_id: 'me', status: ['open'] } } });
    expect(personal.statusCode).toBe(201);
    expect(personal.json()).toMatchObject({ name: 'My VIPs', shared: false, owner_user_id: ann.id, can_manage: true, sort: 'updated_at' });
    const id = personal.json().id;
    // Invisible to everyone else, supervisors included.
    expect((await call(app, 'GET', `/api/v1/views/${id}`, { as: bob.as })).statusCode).toBe(404);
    expect((await call(app, 'PATCH', `/api/v1/views/${id}`, { as: sue.as, body: { name: 'x' } })).statusCode).toBe(404);
    expect((await call(app, 'GET', '/api/v1/views', { as: bob.as })).json().data).toEqual([]);
    // Same name again (any case) is a conflict; renaming works.
    expect((await call(app, 'POST', '/api/v1/views', { as: ann.as, body: { name: 'my vips' } })).statusCode).toBe(409);
    expect((await call(app, 'POST', '/api/v1/views', { as: bob.as, body: { name: 'My VIPs' } })).statusCode).toBe(201);
    expect((await call(app, 'PATCH', `/api/v1/views/${id}`, { as: ann.as, body: { name: 'VIPs' } })).json().name).toBe('VIPs');

    // Agents cannot share; supervisors can.
    expect((await call(app, 'POST', '/api/v1/views', { as: ann.as, body: { name: 'Team', shared: true } })).statusCode).toBe(403);
    expect((await call(app, 'PATCH', `/api/v1/views/${id}`, { as: ann.as, body: { shared: true } })).statusCode).toBe(403);
    const shared = await call(app, 'POST', '/api/v1/views', { as: sue.as, body: { name: 'Urgent', filters: { priority: ['urgent'] }, sort: 'sla_due', shared: true } });
    expect(shared.statusCode).toBe(201);
    const sharedId = shared.json().id;
    const annList = (await call(app, 'GET', '/api/v1/views', { as: ann.as })).json().data;
    expect(annList.map((v: { name: string; can_manage: boolean }) => [v.name, v.can_manage])).toEqual([
      ['Urgent', false],
      ['VIPs', true],
    ]);
    expect((await call(app, 'PATCH', `/api/v1/views/${sharedId}`, { as: ann.as, body: { name: 'Mine now' } })).statusCode).toBe(403);
    expect((await call(app, 'DELETE', `/api/v1/views/${sharedId}`, { as: ann.as })).statusCode).toBe(403);
    expect((await call(app, 'PATCH', `/api/v1/views/${sharedId}`, { as: ws.as, body: { filters: { priority: ['urgent', 'high'] } } })).json().filters).toEqual({
      priority: ['urgent', 'high'],
    });
    const audit = await get()
      .database.db.selectFrom('audit_log')
      .select('action')
      .where('workspace_id', '=', ws.workspaceId)
      .where('entity_id', '=', sharedId)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['view.created', 'view.updated']);
    expect((await call(app, 'DELETE', `/api/v1/views/${sharedId}`, { as: sue.as })).statusCode).toBe(204);
    expect((await call(app, 'DELETE', `/api/v1/views/${id}`, { as: ann.as })).statusCode).toBe(204);
    expect((await call(app, 'GET', '/api/v1/views', { as: ann.as })).json().data).toEqual([]);
  });

  it('checks filters, keeps workspaces apart, and lets API keys read shared views only', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const elsewhere = await createWorkspace(app);
    const foreignTeam = (await call(app, 'POST', '/api/v1/teams', { as: elsewhere.as, body: { name: 'Theirs' } })).json();
    expect((await call(app, 'POST', '/api/v1/views', { as: ws.as, body: { name: 'Bad', filters: { team_id: foreignTeam.id } } })).statusCode).toBe(422);
    expect((await call(app, 'POST', '/api/v1/views', { as: ws.as, body: { name: 'Bad', filters: { status: ['nope'] } } })).statusCode).toBe(400);
    expect((await call(app, 'POST', '/api/v1/views', { as: ws.as, body: { name: 'Bad', filters: { cursor: 'x' } } })).statusCode).toBe(400);

    const shared = (await call(app, 'POST', '/api/v1/views', { as: ws.as, body: { name: 'Shared one', shared: true } })).json();
    expect((await call(app, 'GET', `/api/v1/views/${shared.id}`, { as: elsewhere.as })).statusCode).toBe(404);
    expect((await call(app, 'DELETE', `/api/v1/views/${shared.id}`, { as: elsewhere.as })).statusCode).toBe(404);
    expect((await call(app, 'GET', '/api/v1/views', { as: elsewhere.as })).json().data).toEqual([]);

    const key = await createApiKey(app, ws.as, 'admin');
    expect((await call(app, 'GET', '/api/v1/views', { as: key.as })).json().data.map((v: { id: string }) => v.id)).toEqual([shared.id]);
    expect((await call(app, 'POST', '/api/v1/views', { as: key.as, body: { name: 'Key view' } })).statusCode).toBe(403);
    expect((await call(app, 'GET', '/api/v1/views')).statusCode).toBe(401);
  });

  it('counts the built-in and saved views, each bounded', async () => {
    const { app, database, clock } = get();
    const ws = await createWorkspace(app);
    const agent = await addUser(app, ws, 'agent');
    await createTicket(app, ws.as, { tags: ['vip'] });
    await createTicket(app, ws.as);
    await createTicket(app, ws.as, { assignee_id: agent.id, tags: ['vip'] });
    const waiting = await createTicket(app, ws.as);
    await call(app, 'PATCH', `/api/v1/tickets/${waiting.id}`, { as: ws.as, body: { status: 'pending' } });
    const other = await createWorkspace(app);
    await createTicket(app, other.as, { tags: ['vip'] });

    const vip = (await call(app, 'POST', '/api/v1/views', { as: agent.as, body: { name: 'VIP', filters: { tag: 'VIP' } } })).json();
    const mine = (await call(app, 'POST', '/api/v1/views', { as: ws.as, body: { name: 'Assigned to whoever looks', filters: { assignee_id: 'me' }, shared: true } })).json();
    const res = await call(app, 'GET', '/api/v1/views/counts', { as: agent.as });
    expect(res.statusCode).toBe(200);
    const counts = Object.fromEntries(res.json().counts.map((c: { view: string; count: number; capped: boolean }) => [c.view, c.count]));
    expect(res.json().cap).toBe(10_000);
    expect(counts).toEqual({ my_open: 1, unassigned: 2, all_open: 3, pending: 1, sla_soon: 0, sla_breached: 0, [mine.id]: 1, [vip.id]: 2 });
    // "me" is the caller: the owner has no tickets of their own.
    const ownerCounts = (await call(app, 'GET', '/api/v1/views/counts', { as: ws.as })).json().counts;
    expect(ownerCounts.find((c: { view: string }) => c.view === mine.id).count).toBe(0);
    expect(ownerCounts.find((c: { view: string }) => c.view === vip.id)).toBeUndefined();

    // The count query stops at cap + 1 rows: 4 tickets with a cap of 2 count as 3 ("more than 2").
    const all = toTicketFilter({}, null, clock.now());
    expect(await countTicketsUpTo(database.db, ws.workspaceId, all, 2)).toBe(3);
    expect(await countTicketsUpTo(database.db, ws.workspaceId, all, 10)).toBe(4);
  });
});
