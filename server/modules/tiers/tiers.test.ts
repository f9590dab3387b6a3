import { expect, it } from 'vitest';
import { addUser, createTicket, createWorkspace } from '../../../test/factories.ts';
import { type Auth, call, describeEngines, walkPages } from '../../../test/harness.ts';

describeEngines('tiers API', (get) => {
  it('creates, reads, changes and deletes a tier; decimals come back as strings', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const created = await call(app, 'POST', '/api/v1/tiers', {
      as: ws.as,
      body: { name: 'Gold', rank: 20, description: 'Key accounts', min_annual_revenue: 1_000_000, min_margin: '0.25' },
    });
    expect(created.statusCode).toBe(201);
    const gold = created.json();
    expect(gold).toMatchObject({ name: 'Gold', rank: 20, description: 'Key accounts', min_annual_revenue: '1000000', min_margin: '0.25' });

    const agent = await addUser(app, ws, 'agent');
    expect((await call(app, 'GET', `/api/v1/tiers/${gold.id}`, { as: agent.as })).json()).toEqual(gold);

    const changed = await call(app, 'PATCH', `/api/v1/tiers/${gold.id}`, { as: ws.as, body: { rank: 30, min_margin: null, min_annual_revenue: '2500000.50' } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ name: 'Gold', rank: 30, min_margin: null, min_annual_revenue: '2500000.50' });

    expect((await call(app, 'DELETE', `/api/v1/tiers/${gold.id}`, { as: ws.as })).statusCode).toBe(204);
    expect((await call(app, 'GET', `/api/v1/tiers/${gold.id}`, { as: ws.as })).statusCode).toBe(404);
    const audit = (await call(app, 'GET', `/api/v1/audit-log?entity_type=tier&entity_id=${gold.id}`, { as: ws.as })).json();
    expect(audit.data.map((a: { action: string }) => a.action)).toEqual(['tier.deleted', 'tier.updated', 'tier.created']);
  });

  it('refuses duplicate names (any case) and invalid input', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    await call(app, 'POST', '/api/v1/tiers', { as: ws.as, body: { name: 'Gold', rank: 20 } });
    const dup = await call(app, 'POST', '/api/v1/tiers', { as: ws.as, body: { name: 'GOLD', rank: 5 } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('conflict');
    const silver = (await call(app, 'POST', '/api/v1/tiers', { as: ws.as, body: { name: 'Silver', rank: 10 } })).json();
    expect((await call(app, 'PATCH', `/api/v1/tiers/${silver.id}`, { as: ws.as, body: { name: 'gold' } })).statusCode).toBe(409);

    for (const body of [
      { name: 'Fractional', rank: 1.5 },
      { name: 'No rank' },
      { name: 'Bad money', rank: 1, min_annual_revenue: 'lots' },
      { name: 'Extra', rank: 1, colour: 'gold' },
    ]) {
      const res = await call(app, 'POST', '/api/v1/tiers', { as: ws.as, body });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('validation_failed');
    }
  });

  it('lists the most valuable tiers first and the cursor follows that order', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const ranks = [10, 30, 20, 30, 0, -5, 20, 30];
    const made: { id: string; rank: number }[] = [];
    for (const [i, rank] of ranks.entries()) {
      made.push((await call(app, 'POST', '/api/v1/tiers', { as: ws.as, body: { name: `Tier ${i}`, rank } })).json());
    }
    const expected = [...made].sort((a, b) => b.rank - a.rank || (a.id < b.id ? -1 : 1)).map((t) => t.id);
    for (const limit of [1, 2, 3, 100]) {
      expect(await walkPages(app, ws.as, '/api/v1/tiers', limit)).toEqual(expected);
    }
    const bad = await call(app, 'GET', `/api/v1/tiers?cursor=${Buffer.from(JSON.stringify(['x', 'y'])).toString('base64url')}`, { as: ws.as });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('invalid_cursor');
  });

  it('refuses to delete a tier that organizations, customers or tickets carry', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const tier = async (name: string) => (await call(app, 'POST', '/api/v1/tiers', { as: ws.as, body: { name, rank: 1 } })).json().id as string;

    const byOrg = await tier('Org tier');
    await call(app, 'POST', '/api/v1/organizations', { as: ws.as, body: { name: 'Acme', tier_id: byOrg } });
    expect((await call(app, 'DELETE', `/api/v1/tiers/${byOrg}`, { as: ws.as })).statusCode).toBe(409);

    const byCustomer = await tier('Customer tier');
    const customer = (await call(app, 'POST', '/api/v1/customers', { as: ws.as, body: { name: 'Somchai', tier_id: byCustomer, identities: [{ kind: 'email', value: 'somchai@example.com' }] } })).json();
    expect((await call(app, 'DELETE', `/api/v1/tiers/${byCustomer}`, { as: ws.as })).statusCode).toBe(409);

    // The ticket keeps the tier the customer had when it was opened.
    await createTicket(app, ws.as, { customer: { id: customer.id } });
    expect((await call(app, 'PATCH', `/api/v1/customers/${customer.id}`, { as: ws.as, body: { tier_id: null } })).statusCode).toBe(200);
    const byTicket = await call(app, 'DELETE', `/api/v1/tiers/${byCustomer}`, { as: ws.as });
    expect(byTicket.statusCode).toBe(409);
    expect(byTicket.json().code).toBe('conflict');

    const unused = await tier('Unused');
    expect((await call(app, 'DELETE', `/api/v1/tiers/${unused}`, { as: ws.as })).statusCode).toBe(204);
  });

  it('lets agents read but only admins change tiers', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const tier = (await call(app, 'POST', '/api/v1/tiers', { as: ws.as, body: { name: 'Gold', rank: 1 } })).json();
    const agent = await addUser(app, ws, 'agent');
    expect((await call(app, 'GET', '/api/v1/tiers', { as: agent.as })).statusCode).toBe(200);
    expect((await call(app, 'POST', '/api/v1/tiers', { as: agent.as, body: { name: 'Platinum', rank: 2 } })).statusCode).toBe(403);
    expect((await call(app, 'PATCH', `/api/v1/tiers/${tier.id}`, { as: agent.as, body: { rank: 9 } })).statusCode).toBe(403);
    const del = await call(app, 'DELETE', `/api/v1/tiers/${tier.id}`, { as: agent.as });
    expect(del.statusCode).toBe(403);
    expect(del.json().code).toBe('forbidden');
    expect((await call(app, 'GET', `/api/v1/tiers/${tier.id}`, { as: ws.as })).json().rank).toBe(1);
  });

  it('treats a tier of another workspace as unknown', async () => {
    const { app } = get();
    const a = await createWorkspace(app);
    const b = await createWorkspace(app);
    const theirs = (await call(app, 'POST', '/api/v1/tiers', { as: b.as, body: { name: 'Gold', rank: 99 } })).json();
    await call(app, 'POST', '/api/v1/tiers', { as: a.as, body: { name: 'Gold', rank: 1 } });
    expect((await call(app, 'GET', `/api/v1/tiers/${theirs.id}`, { as: a.as })).statusCode).toBe(404);
    expect((await call(app, 'PATCH', `/api/v1/tiers/${theirs.id}`, { as: a.as, body: { rank: 0 } })).statusCode).toBe(404);
    expect((await call(app, 'DELETE', `/api/v1/tiers/${theirs.id}`, { as: a.as })).statusCode).toBe(404);
    const ids = (await call(app, 'GET', '/api/v1/tiers', { as: a.as })).json().data.map((t: { id: string }) => t.id);
    expect(ids).not.toContain(theirs.id);
    expect(ids).toHaveLength(1);
    expect((await call(app, 'GET', `/api/v1/tiers/${theirs.id}`, { as: b.as })).json()).toEqual(theirs);
  });
});
