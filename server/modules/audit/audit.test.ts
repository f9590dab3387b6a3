import { expect, it } from 'vitest';
import { addUser, createWorkspace } from '../../../test/factories.ts';
import { call, describeEngines, walkPages } from '../../../test/harness.ts';

describeEngines('audit log API', (get) => {
  it('filters by entity type, entity and actor, newest first, for admins only', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const admin = await addUser(app, ws, 'admin');
    const byOwner = (await call(app, 'POST', '/api/v1/teams', { as: ws.as, body: { name: 'Owner team' } })).json();
    const byAdmin = (await call(app, 'POST', '/api/v1/teams', { as: admin.as, body: { name: 'Admin team' } })).json();
    await call(app, 'POST', '/api/v1/branches', { as: admin.as, body: { name: 'Brno', time_zone: 'Europe/Prague' } });

    const teams = (await call(app, 'GET', '/api/v1/audit-log?entity_type=team', { as: ws.as })).json();
    expect(teams.data.map((a: { entity_id: string }) => a.entity_id)).toEqual([byAdmin.id, byOwner.id]);

    const mine = (await call(app, 'GET', `/api/v1/audit-log?actor_id=${admin.id}`, { as: ws.as })).json();
    expect(mine.data.map((a: { action: string }) => a.action)).toEqual(['branch.created', 'team.created']);
    const adminTeams = (await call(app, 'GET', `/api/v1/audit-log?actor_id=${admin.id}&entity_type=team`, { as: ws.as })).json();
    expect(adminTeams.data).toHaveLength(1);

    const all = await walkPages(app, ws.as, '/api/v1/audit-log', 1);
    expect(all.length).toBeGreaterThanOrEqual(3);

    const agent = await addUser(app, ws, 'agent');
    expect((await call(app, 'GET', '/api/v1/audit-log', { as: agent.as })).statusCode).toBe(403);
    expect((await call(app, 'GET', '/api/v1/audit-log?actor_id=nope', { as: ws.as })).statusCode).toBe(400);
  });
});
