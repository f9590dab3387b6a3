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
});
