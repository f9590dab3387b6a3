import { expect, it } from 'vitest';
import { addUser, createTicket, createWorkspace } from '../../../test/factories.ts';
import { type Auth, call, describeEngines, walkPages } from '../../../test/harness.ts';

describeEngines('branches API', (get) => {
  const bangkok = { name: 'Bangkok HQ', code: 'BKK', time_zone: 'Asia/Bangkok', address: '1 Sukhumvit Rd' };

  it('creates, reads, changes and deletes a branch, with audit rows', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const created = await call(app, 'POST', '/api/v1/branches', { as: ws.as, body: bangkok });
    expect(created.statusCode).toBe(201);
    const branch = created.json();
    expect(branch).toMatchObject(bangkok);

    const agent = await addUser(app, ws, 'agent');
    expect((await call(app, 'GET', `/api/v1/branches/${branch.id}`, { as: agent.as })).json()).toEqual(branch);

    const changed = await call(app, 'PATCH', `/api/v1/branches/${branch.id}`, { as: ws.as, body: { time_zone: 'Asia/Ho_Chi_Minh', code: null } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ name: 'Bangkok HQ', code: null, time_zone: 'Asia/Ho_Chi_Minh', address: '1 Sukhumvit Rd' });

    const list = (await call(app, 'GET', '/api/v1/branches', { as: agent.as })).json();
    expect(list.data.map((b: { id: string }) => b.id)).toEqual([branch.id]);

    expect((await call(app, 'DELETE', `/api/v1/branches/${branch.id}`, { as: ws.as })).statusCode).toBe(204);
    expect((await call(app, 'GET', `/api/v1/branches/${branch.id}`, { as: ws.as })).statusCode).toBe(404);

    const audit = (await call(app, 'GET', `/api/v1/audit-log?entity_type=branch&entity_id=${branch.id}`, { as: ws.as })).json();
    expect(audit.data.map((a: { action: string }) => a.action)).toEqual(['branch.deleted', 'branch.updated', 'branch.created']);
    expect(audit.data[2]).toMatchObject({ actor_type: 'user', actor_id: ws.owner.id });
  });

  it('refuses a second branch with the same name, whatever the case', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    await call(app, 'POST', '/api/v1/branches', { as: ws.as, body: bangkok });
    const dup = await call(app, 'POST', '/api/v1/branches', { as: ws.as, body: { name: 'BANGKOK hq', time_zone: 'UTC' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('conflict');

    const other = (await call(app, 'POST', '/api/v1/branches', { as: ws.as, body: { name: 'Hanoi', time_zone: 'Asia/Ho_Chi_Minh' } })).json();
    const rename = await call(app, 'PATCH', `/api/v1/branches/${other.id}`, { as: ws.as, body: { name: 'bangkok HQ' } });
    expect(rename.statusCode).toBe(409);
    // Renaming a branch to its own name (another case) is fine.
    expect((await call(app, 'PATCH', `/api/v1/branches/${other.id}`, { as: ws.as, body: { name: 'HANOI' } })).statusCode).toBe(200);

    // Another workspace may use the same name.
    const ws2 = await createWorkspace(app);
    expect((await call(app, 'POST', '/api/v1/branches', { as: ws2.as, body: bangkok })).statusCode).toBe(201);
  });

  it('validates input as problem+json', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const badZone = await call(app, 'POST', '/api/v1/branches', { as: ws.as, body: { name: 'Mars', time_zone: 'Mars/Olympus' } });
    expect(badZone.statusCode).toBe(400);
    expect(badZone.headers['content-type']).toContain('application/problem+json');
    expect(badZone.json().code).toBe('validation_failed');
    expect(badZone.json().issues.map((i: { path: string }) => i.path)).toContain('body.time_zone');

    const noZone = await call(app, 'POST', '/api/v1/branches', { as: ws.as, body: { name: 'Nowhere' } });
    expect(noZone.statusCode).toBe(400);
    const unknownField = await call(app, 'POST', '/api/v1/branches', { as: ws.as, body: { ...bangkok, colour: 'red' } });
    expect(unknownField.json().code).toBe('validation_failed');
    const emptyName = await call(app, 'POST', '/api/v1/branches', { as: ws.as, body: { name: '  ', time_zone: 'UTC' } });
    expect(emptyName.statusCode).toBe(400);
    const badId = await call(app, 'GET', '/api/v1/branches/not-a-uuid', { as: ws.as });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().code).toBe('invalid_id');
  });

  it('refuses to delete a branch that tickets belong to', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const branch = (await call(app, 'POST', '/api/v1/branches', { as: ws.as, body: bangkok })).json();
    await createTicket(app, ws.as, { branch_id: branch.id });
    const del = await call(app, 'DELETE', `/api/v1/branches/${branch.id}`, { as: ws.as });
    expect(del.statusCode).toBe(409);
    expect(del.json().code).toBe('conflict');
    expect((await call(app, 'GET', `/api/v1/branches/${branch.id}`, { as: ws.as })).statusCode).toBe(200);
  });

  it('walks every branch with the cursor, once each', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      ids.push((await call(app, 'POST', '/api/v1/branches', { as: ws.as, body: { name: `Branch ${i}`, time_zone: 'UTC' } })).json().id);
    }
    expect(await walkPages(app, ws.as, '/api/v1/branches', 3)).toEqual(ids);
    const bad = await call(app, 'GET', '/api/v1/branches?cursor=garbage', { as: ws.as });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('invalid_cursor');
  });

  it('lets agents read but only admins change branches', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const branch = (await call(app, 'POST', '/api/v1/branches', { as: ws.as, body: bangkok })).json();
    const agent = await addUser(app, ws, 'agent');
    const supervisor = await addUser(app, ws, 'supervisor');
    const admin = await addUser(app, ws, 'admin');
    for (const who of [agent, supervisor]) {
      expect((await call(app, 'POST', '/api/v1/branches', { as: who.as, body: { name: 'X', time_zone: 'UTC' } })).statusCode).toBe(403);
      const patch = await call(app, 'PATCH', `/api/v1/branches/${branch.id}`, { as: who.as, body: { name: 'Y' } });
      expect(patch.statusCode).toBe(403);
      expect(patch.json().code).toBe('forbidden');
      expect((await call(app, 'DELETE', `/api/v1/branches/${branch.id}`, { as: who.as })).statusCode).toBe(403);
    }
    expect((await call(app, 'PATCH', `/api/v1/branches/${branch.id}`, { as: admin.as, body: { address: null } })).statusCode).toBe(200);
    expect((await call(app, 'GET', '/api/v1/branches', { as: null })).statusCode).toBe(401);
  });

  it('treats a branch of another workspace as unknown', async () => {
    const { app } = get();
    const a = await createWorkspace(app);
    const b = await createWorkspace(app);
    const theirs = (await call(app, 'POST', '/api/v1/branches', { as: b.as, body: bangkok })).json();
    await call(app, 'POST', '/api/v1/branches', { as: a.as, body: { name: 'Ours', time_zone: 'UTC' } });

    expect((await call(app, 'GET', `/api/v1/branches/${theirs.id}`, { as: a.as })).statusCode).toBe(404);
    expect((await call(app, 'PATCH', `/api/v1/branches/${theirs.id}`, { as: a.as, body: { name: 'Mine now' } })).statusCode).toBe(404);
    expect((await call(app, 'DELETE', `/api/v1/branches/${theirs.id}`, { as: a.as })).statusCode).toBe(404);
    const list = (await call(app, 'GET', '/api/v1/branches', { as: a.as })).json();
    expect(list.data.map((x: { name: string }) => x.name)).toEqual(['Ours']);
    // Untouched in its own workspace.
    expect((await call(app, 'GET', `/api/v1/branches/${theirs.id}`, { as: b.as })).json()).toEqual(theirs);
    // And a ticket in A cannot point at it.
    const ticket = await call(app, 'POST', '/api/v1/tickets', {
      as: a.as,
      body: { subject: 'Hi', customer: { email: 'x@example.com' }, message: { body_text: 'Hello' }, branch_id: theirs.id },
    });
    expect(ticket.statusCode).toBe(422);
  });

  it('works by a calendar of its own workspace only', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const other = await createWorkspace(app);
    const hours = { name: 'Shop hours', time_zone: 'Asia/Bangkok', weekly_hours: { sat: [{ start: '10:00', end: '22:00' }] } };
    const ours = (await call(app, 'POST', '/api/v1/calendars', { as: ws.as, body: hours })).json();
    const theirs = (await call(app, 'POST', '/api/v1/calendars', { as: other.as, body: hours })).json();

    const branch = await call(app, 'POST', '/api/v1/branches', { as: ws.as, body: { ...bangkok, calendar_id: ours.id } });
    expect(branch.statusCode).toBe(201);
    expect(branch.json().calendar_id).toBe(ours.id);
    expect((await call(app, 'GET', `/api/v1/branches/${branch.json().id}`, { as: ws.as })).json().calendar_id).toBe(ours.id);
    const plain = (await call(app, 'POST', '/api/v1/branches', { as: ws.as, body: { name: 'Hanoi', time_zone: 'Asia/Ho_Chi_Minh' } })).json();
    expect(plain.calendar_id).toBeNull();

    for (const [method, url] of [['POST', '/api/v1/branches'], ['PATCH', `/api/v1/branches/${plain.id}`]] as const) {
      const res = await call(app, method, url, { as: ws.as, body: { name: 'Elsewhere', time_zone: 'UTC', calendar_id: theirs.id } });
      expect(res.statusCode, `${method} ${url}`).toBe(422);
      expect(res.json()).toMatchObject({ code: 'invalid_reference', issues: [{ path: 'body.calendar_id' }] });
    }
    expect((await call(app, 'GET', `/api/v1/branches/${plain.id}`, { as: ws.as })).json()).toEqual(plain);
  });
});
