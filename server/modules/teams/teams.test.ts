import { expect, it } from 'vitest';
import { addUser, createTicket, createWorkspace } from '../../../test/factories.ts';
import { call, describeEngines } from '../../../test/harness.ts';

describeEngines('teams API', (get) => {
  it('creates, reads, renames and deletes teams, writing the audit log', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const created = await call(app, 'POST', '/api/v1/teams', { as: ws.as, body: { name: 'Support', description: 'First line' } });
    expect(created.statusCode).toBe(201);
    const team = created.json();
    expect((await call(app, 'GET', `/api/v1/teams/${team.id}`, { as: ws.as })).json()).toMatchObject({ name: 'Support', description: 'First line' });
    const renamed = await call(app, 'PATCH', `/api/v1/teams/${team.id}`, { as: ws.as, body: { name: 'Customer Care' } });
    expect(renamed.json().name).toBe('Customer Care');
    expect((await call(app, 'DELETE', `/api/v1/teams/${team.id}`, { as: ws.as })).statusCode).toBe(204);
    expect((await call(app, 'GET', `/api/v1/teams/${team.id}`, { as: ws.as })).statusCode).toBe(404);
    const audit = (await call(app, 'GET', `/api/v1/audit-log?entity_type=team&entity_id=${team.id}`, { as: ws.as })).json();
    expect(audit.data.map((a: { action: string }) => a.action)).toEqual(['team.deleted', 'team.updated', 'team.created']);
  });

  it('refuses duplicate names (case-insensitive), also when two creates race', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    await call(app, 'POST', '/api/v1/teams', { as: ws.as, body: { name: 'Billing' } });
    const dup = await call(app, 'POST', '/api/v1/teams', { as: ws.as, body: { name: 'BILLING' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('conflict');
    const racing = await Promise.all([0, 1, 2].map(() => call(app, 'POST', '/api/v1/teams', { as: ws.as, body: { name: 'Returns' } })));
    expect(racing.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    for (const r of racing.filter((x) => x.statusCode === 409)) expect(r.json().code).toBe('conflict');
  });

  it('keeps a team that tickets belong to, and lets only admins change teams', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const team = (await call(app, 'POST', '/api/v1/teams', { as: ws.as, body: { name: 'Field' } })).json();
    await createTicket(app, ws.as, { team_id: team.id });
    const inUse = await call(app, 'DELETE', `/api/v1/teams/${team.id}`, { as: ws.as });
    expect(inUse.statusCode).toBe(409);
    const agent = await addUser(app, ws, 'agent');
    expect((await call(app, 'GET', '/api/v1/teams', { as: agent.as })).json().data).toHaveLength(1);
    const denied = await call(app, 'POST', '/api/v1/teams', { as: agent.as, body: { name: 'Mine' } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('forbidden');
  });

  it('works by a calendar of its own workspace only', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const other = await createWorkspace(app);
    const hours = { name: 'Night shift', time_zone: 'Europe/Prague', weekly_hours: { mon: [{ start: '22:00', end: '06:00' }] } };
    const ours = (await call(app, 'POST', '/api/v1/calendars', { as: ws.as, body: hours })).json();
    const theirs = (await call(app, 'POST', '/api/v1/calendars', { as: other.as, body: hours })).json();

    const team = await call(app, 'POST', '/api/v1/teams', { as: ws.as, body: { name: 'Nights', calendar_id: ours.id } });
    expect(team.statusCode).toBe(201);
    expect(team.json().calendar_id).toBe(ours.id);
    const days = (await call(app, 'POST', '/api/v1/teams', { as: ws.as, body: { name: 'Days' } })).json();
    expect(days.calendar_id).toBeNull();
    const moved = await call(app, 'PATCH', `/api/v1/teams/${days.id}`, { as: ws.as, body: { calendar_id: ours.id } });
    expect(moved.json().calendar_id).toBe(ours.id);

    for (const [method, url] of [['POST', '/api/v1/teams'], ['PATCH', `/api/v1/teams/${days.id}`]] as const) {
      const res = await call(app, method, url, { as: ws.as, body: { name: 'Elsewhere', calendar_id: theirs.id } });
      expect(res.statusCode, `${method} ${url}`).toBe(422);
      expect(res.json()).toMatchObject({ code: 'invalid_reference', issues: [{ path: 'body.calendar_id' }] });
    }
    expect((await call(app, 'GET', `/api/v1/teams/${days.id}`, { as: ws.as })).json()).toEqual(moved.json());
  });
});
