import { expect, it } from 'vitest';
import { addUser, createTicket, createWorkspace } from '../../../test/factories.ts';
import { type Auth, call, describeEngines, walkPages } from '../../../test/harness.ts';

describeEngines('organizations API', (get) => {
  it('lets agents create, read and change organizations; domains are lowercased and deduplicated', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const agent = await addUser(app, ws, 'agent');
    const gold = (await call(app, 'POST', '/api/v1/tiers', { as: ws.as, body: { name: 'Gold', rank: 10 } })).json();

    const created = await call(app, 'POST', '/api/v1/organizations', {
      as: agent.as,
      body: {
        name: 'Siam Widgets Co.',
        domains: ['Siam-Widgets.co.th', 'siam-widgets.co.th', ' widgets.example '],
        tier_id: gold.id,
        annual_revenue: '12500000.00',
        margin: 0.18,
        notes: 'Pays on time',
        custom_fields: { account_manager: 'Niran', seats: 40 },
      },
    });
    expect(created.statusCode).toBe(201);
    const org = created.json();
    expect(org).toMatchObject({
      name: 'Siam Widgets Co.',
      domains: ['siam-widgets.co.th', 'widgets.example'],
      tier_id: gold.id,
      annual_revenue: '12500000.00',
      margin: '0.18',
      notes: 'Pays on time',
      custom_fields: { account_manager: 'Niran', seats: 40 },
    });
    expect((await call(app, 'GET', `/api/v1/organizations/${org.id}`, { as: agent.as })).json()).toEqual(org);

    const changed = await call(app, 'PATCH', `/api/v1/organizations/${org.id}`, {
      as: agent.as,
      body: { domains: ['SIAM.example'], tier_id: null, custom_fields: { seats: 41 } },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ name: 'Siam Widgets Co.', domains: ['siam.example'], tier_id: null, custom_fields: { seats: 41 }, notes: 'Pays on time' });

    const audit = (await call(app, 'GET', `/api/v1/audit-log?entity_type=organization&entity_id=${org.id}`, { as: ws.as })).json();
    expect(audit.data.map((a: { action: string }) => a.action)).toEqual(['organization.updated', 'organization.created']);
    expect(audit.data[1]).toMatchObject({ actor_type: 'user', actor_id: agent.id });
  });

  it('filters by name and tier, and walks every page once', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const gold = (await call(app, 'POST', '/api/v1/tiers', { as: ws.as, body: { name: 'Gold', rank: 10 } })).json();
    const ids: string[] = [];
    for (const [i, name] of ['Acme Thai', 'Acme Vietnam', 'Bolt 100%', 'Crane', 'Delta_Works', 'Echo'].entries()) {
      const body = { name, ...(i % 2 === 0 ? { tier_id: gold.id } : {}) };
      ids.push((await call(app, 'POST', '/api/v1/organizations', { as: ws.as, body })).json().id);
    }
    const names = async (query: string) =>
      (await call(app, 'GET', `/api/v1/organizations?${query}`, { as: ws.as })).json().data.map((o: { name: string }) => o.name);
    expect(await names('q=acme')).toEqual(['Acme Thai', 'Acme Vietnam']);
    // LIKE wildcards in the search are taken literally.
    expect(await names(`q=${encodeURIComponent('%')}`)).toEqual(['Bolt 100%']);
    expect(await names('q=_')).toEqual(['Delta_Works']);
    expect(await names(`tier_id=${gold.id}`)).toEqual(['Acme Thai', 'Bolt 100%', 'Delta_Works']);
    expect(await names(`tier_id=${gold.id}&q=acme`)).toEqual(['Acme Thai']);
    expect(await walkPages(app, ws.as, '/api/v1/organizations', 4)).toEqual(ids);
    expect(await walkPages(app, ws.as, '/api/v1/organizations', 1)).toEqual(ids);
  });

  it('refuses duplicate names and invalid input', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    await call(app, 'POST', '/api/v1/organizations', { as: ws.as, body: { name: 'Acme' } });
    const dup = await call(app, 'POST', '/api/v1/organizations', { as: ws.as, body: { name: 'ACME' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('conflict');
    const other = (await call(app, 'POST', '/api/v1/organizations', { as: ws.as, body: { name: 'Bolt' } })).json();
    expect((await call(app, 'PATCH', `/api/v1/organizations/${other.id}`, { as: ws.as, body: { name: 'acme' } })).statusCode).toBe(409);

    for (const domains of [['not a domain'], ['user@example.com'], ['example'], ['-bad.example.com'], ['http://example.com']]) {
      const res = await call(app, 'POST', '/api/v1/organizations', { as: ws.as, body: { name: `Org ${domains[0]}`, domains } });
      expect(res.statusCode, String(domains[0])).toBe(400);
      expect(res.json().code).toBe('validation_failed');
      expect(res.json().issues[0].path).toMatch(/^body\.domains/);
    }
    const badMoney = await call(app, 'POST', '/api/v1/organizations', { as: ws.as, body: { name: 'Money', margin: '12%' } });
    expect(badMoney.statusCode).toBe(400);
    const unknownTier = await call(app, 'POST', '/api/v1/organizations', { as: ws.as, body: { name: 'Tierless', tier_id: '0190a000-0000-7000-8000-000000000000' } });
    expect(unknownTier.statusCode).toBe(422);
    expect(unknownTier.json().code).toBe('invalid_reference');
  });

  it('lets a supervisor delete an unused organization, but not one customers or tickets belong to', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const agent = await addUser(app, ws, 'agent');
    const supervisor = await addUser(app, ws, 'supervisor');
    const org = (await call(app, 'POST', '/api/v1/organizations', { as: agent.as, body: { name: 'Acme' } })).json();
    const customer = (
      await call(app, 'POST', '/api/v1/customers', { as: agent.as, body: { name: 'Lan', organization_id: org.id, identities: [{ kind: 'email', value: 'lan@acme.example' }] } })
    ).json();

    const byAgent = await call(app, 'DELETE', `/api/v1/organizations/${org.id}`, { as: agent.as });
    expect(byAgent.statusCode).toBe(403);
    expect(byAgent.json().code).toBe('forbidden');
    expect((await call(app, 'DELETE', `/api/v1/organizations/${org.id}`, { as: supervisor.as })).statusCode).toBe(409);

    // A ticket opened for the customer keeps the organization even after the customer leaves it.
    const ticket = await createTicket(app, agent.as, { customer: { id: customer.id } });
    expect(ticket.organization_id).toBe(org.id);
    await call(app, 'PATCH', `/api/v1/customers/${customer.id}`, { as: agent.as, body: { organization_id: null } });
    const byTicket = await call(app, 'DELETE', `/api/v1/organizations/${org.id}`, { as: supervisor.as });
    expect(byTicket.statusCode).toBe(409);
    expect(byTicket.json().code).toBe('conflict');

    const unused = (await call(app, 'POST', '/api/v1/organizations', { as: agent.as, body: { name: 'Unused' } })).json();
    expect((await call(app, 'DELETE', `/api/v1/organizations/${unused.id}`, { as: supervisor.as })).statusCode).toBe(204);
    expect((await call(app, 'GET', `/api/v1/organizations/${unused.id}`, { as: agent.as })).statusCode).toBe(404);
  });

  it('treats an organization or tier of another workspace as unknown', async () => {
    const { app } = get();
    const a = await createWorkspace(app);
    const b = await createWorkspace(app);
    const theirTier = (await call(app, 'POST', '/api/v1/tiers', { as: b.as, body: { name: 'Gold', rank: 1 } })).json();
    const theirs = (await call(app, 'POST', '/api/v1/organizations', { as: b.as, body: { name: 'Acme', tier_id: theirTier.id } })).json();
    const ours = (await call(app, 'POST', '/api/v1/organizations', { as: a.as, body: { name: 'Acme' } })).json();

    expect((await call(app, 'GET', `/api/v1/organizations/${theirs.id}`, { as: a.as })).statusCode).toBe(404);
    expect((await call(app, 'PATCH', `/api/v1/organizations/${theirs.id}`, { as: a.as, body: { notes: 'mine' } })).statusCode).toBe(404);
    expect((await call(app, 'DELETE', `/api/v1/organizations/${theirs.id}`, { as: a.as })).statusCode).toBe(404);
    const list = (await call(app, 'GET', '/api/v1/organizations', { as: a.as })).json();
    expect(list.data.map((o: { id: string }) => o.id)).toEqual([ours.id]);
    expect((await call(app, 'GET', `/api/v1/organizations?tier_id=${theirTier.id}`, { as: a.as })).json().data).toEqual([]);

    const borrowTier = await call(app, 'PATCH', `/api/v1/organizations/${ours.id}`, { as: a.as, body: { tier_id: theirTier.id } });
    expect(borrowTier.statusCode).toBe(422);
    expect(borrowTier.json().code).toBe('invalid_reference');
    expect((await call(app, 'POST', '/api/v1/organizations', { as: a.as, body: { name: 'Other', tier_id: theirTier.id } })).statusCode).toBe(422);
    expect((await call(app, 'GET', `/api/v1/organizations/${theirs.id}`, { as: b.as })).json()).toEqual(theirs);
  });
});
