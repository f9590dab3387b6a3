import { expect, it } from 'vitest';
import { addUser, createTicket, createWorkspace } from '../../../test/factories.ts';
import { call, describeEngines, walkPages } from '../../../test/harness.ts';
import { ManualClock } from '../../platform/clock.ts';
import { CUSTOMER_REFERENCES, customerForeignKeys } from './customer-merge.repository.ts';

const clock = new ManualClock(new Date('2026-03-02T08:00:00Z'));
type Body = Record<string, any>;

describeEngines('customers: merge and timeline', (get) => {
  it('every foreign key to customers is moved by the merge (a new table must be added to CUSTOMER_REFERENCES)', async () => {
    const keys = await customerForeignKeys(get().database.db);
    const handled = [...CUSTOMER_REFERENCES.map((r) => `${r.table}.${r.column}`), 'customer_merges.target_customer_id'];
    expect(keys.sort()).toEqual(handled.sort());
  });

  async function twoRecordsOfOnePerson() {
    const { app } = get();
    const ws = await createWorkspace(app);
    const byEmail = await createTicket(app, ws.as, { customer: { email: 'somchai@example.com', name: 'Somchai' }, subject: 'Email ticket' });
    clock.advance(60_000);
    const call1 = await call(app, 'POST', '/api/v1/calls', {
      as: ws.as,
      body: { customer: { phone: '+66 81 000 0001', name: 'K. Somchai' }, subject: 'Phone ticket', direction: 'inbound', duration_seconds: 60, outcome: 'follow_up', notes: 'Will call back' },
    });
    expect(call1.statusCode, call1.body).toBe(201);
    const phone = call1.json().ticket as Body;
    await call(app, 'PATCH', `/api/v1/customers/${phone.customer_id}`, { as: ws.as, body: { notes: 'Prefers phone', time_zone: 'Asia/Bangkok', custom_fields: { vip: true, branch: 'Silom' } } });
    await call(app, 'PATCH', `/api/v1/customers/${byEmail.customer_id}`, { as: ws.as, body: { notes: 'Long-time customer', custom_fields: { branch: 'Asok' } } });
    return { ws, target: byEmail.customer_id as string, source: phone.customer_id as string, emailTicket: byEmail as Body, phoneTicket: phone };
  }

  it('merge moves tickets, identities and authorship, deletes the source, says where it went, is audited', async () => {
    const { app } = get();
    const { ws, target, source, phoneTicket } = await twoRecordsOfOnePerson();
    const supervisor = await addUser(app, ws, 'supervisor');
    const res = await call(app, 'POST', `/api/v1/customers/${target}/merge`, { as: supervisor.as, body: { source_customer_id: source } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.customer).toMatchObject({ id: target, name: 'Somchai', time_zone: 'Asia/Bangkok', notes: 'Long-time customer\n\nPrefers phone', custom_fields: { vip: true, branch: 'Asok' } });
    expect(body.customer.identities.map((i: Body) => `${i.kind}:${i.value}`).sort()).toEqual(['email:somchai@example.com', 'phone:+66810000001']);
    expect(body.merged.moved).toMatchObject({ 'tickets.customer_id': 1, 'customer_identities.customer_id': 1, 'messages.author_customer_id': 1 });

    // The phone ticket is the target's now, with an event saying so; its messages' author too.
    const moved = (await call(app, 'GET', `/api/v1/tickets/${phoneTicket.id}`, { as: ws.as })).json();
    expect(moved.customer_id).toBe(target);
    const events = (await call(app, 'GET', `/api/v1/tickets/${phoneTicket.id}/events`, { as: ws.as })).json().data as Body[];
    expect(events.find((e) => e.type === 'customer_merged')?.data).toEqual({ from: source, to: target });
    const messages = (await call(app, 'GET', `/api/v1/tickets/${phoneTicket.id}/messages`, { as: ws.as })).json().data as Body[];
    expect(messages.find((m) => m.kind === 'customer')?.author_customer_id).toBe(target);
    expect((await call(app, 'GET', `/api/v1/tickets?customer_id=${target}`, { as: ws.as })).json().data).toHaveLength(2);

    // The old id says where it went; the phone number now finds the target.
    const gone = await call(app, 'GET', `/api/v1/customers/${source}`, { as: ws.as });
    expect(gone.statusCode).toBe(404);
    expect(gone.headers['content-type']).toContain('application/problem+json');
    expect(gone.json()).toMatchObject({ code: 'customer_merged', merged_into: target });
    expect((await call(app, 'GET', `/api/v1/customers/${source}/timeline`, { as: ws.as })).json()).toMatchObject({ code: 'customer_merged', merged_into: target });
    const again = await call(app, 'POST', '/api/v1/calls', {
      as: ws.as,
      body: { customer: { phone: '+66810000001' }, subject: 'Again', direction: 'inbound', duration_seconds: 5, outcome: 'resolved', notes: 'ok' },
    });
    expect(again.json().ticket.customer_id).toBe(target);
    expect((await call(app, 'GET', '/api/v1/customers?q=Somchai', { as: ws.as })).json().data.map((c: Body) => c.id)).toEqual([target]);

    const audit = (await call(app, 'GET', `/api/v1/audit-log?entity_id=${target}`, { as: ws.as })).json().data as Body[];
    expect(audit.find((a) => a.action === 'customer.merged')?.changes).toMatchObject({ source_customer_id: source, source_name: 'K. Somchai' });

    // Merging into the merged id, or merging it again, is refused with where it went.
    expect((await call(app, 'POST', `/api/v1/customers/${source}/merge`, { as: ws.as, body: { source_customer_id: target } })).json()).toMatchObject({ code: 'customer_merged', merged_into: target });
    const twice = await call(app, 'POST', `/api/v1/customers/${target}/merge`, { as: ws.as, body: { source_customer_id: source } });
    expect(twice.statusCode).toBe(422);
  });

  it('a chain of merges leads to the last target', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const ids: string[] = [];
    for (const email of ['a@example.com', 'b@example.com', 'c@example.com']) ids.push((await createTicket(app, ws.as, { customer: { email } })).customer_id);
    const [a, b, c] = ids as [string, string, string];
    expect((await call(app, 'POST', `/api/v1/customers/${b}/merge`, { as: ws.as, body: { source_customer_id: a } })).statusCode).toBe(200);
    expect((await call(app, 'POST', `/api/v1/customers/${c}/merge`, { as: ws.as, body: { source_customer_id: b } })).statusCode).toBe(200);
    expect((await call(app, 'GET', `/api/v1/customers/${a}`, { as: ws.as })).json().merged_into).toBe(c);
    expect((await call(app, 'GET', `/api/v1/tickets?customer_id=${c}`, { as: ws.as })).json().data).toHaveLength(3);
  });

  it('merge: roles, bad input, other workspaces', async () => {
    const { app } = get();
    const { ws, target, source } = await twoRecordsOfOnePerson();
    const agent = await addUser(app, ws, 'agent');
    expect((await call(app, 'POST', `/api/v1/customers/${target}/merge`, { as: agent.as, body: { source_customer_id: source } })).statusCode).toBe(403);
    const self = await call(app, 'POST', `/api/v1/customers/${target}/merge`, { as: ws.as, body: { source_customer_id: target } });
    expect(self.statusCode).toBe(400);
    expect((await call(app, 'POST', `/api/v1/customers/${target}/merge`, { as: ws.as, body: {} })).statusCode).toBe(400);
    expect((await call(app, 'POST', `/api/v1/customers/${target}/merge`, { as: ws.as, body: { source_customer_id: 'x' } })).statusCode).toBe(400);

    const other = await createWorkspace(app);
    const foreign = (await createTicket(app, other.as)).customer_id;
    // Another workspace's customer is unknown either way round, and nothing moves.
    const cross = await call(app, 'POST', `/api/v1/customers/${target}/merge`, { as: ws.as, body: { source_customer_id: foreign } });
    expect(cross.statusCode).toBe(422);
    expect(cross.json().code).toBe('invalid_reference');
    expect((await call(app, 'POST', `/api/v1/customers/${foreign}/merge`, { as: ws.as, body: { source_customer_id: source } })).statusCode).toBe(404);
    expect((await call(app, 'POST', `/api/v1/customers/${target}/merge`, { as: other.as, body: { source_customer_id: source } })).statusCode).toBe(404);
    expect((await call(app, 'GET', `/api/v1/customers/${target}/timeline`, { as: other.as })).statusCode).toBe(404);
    expect((await call(app, 'GET', `/api/v1/customers/${foreign}`, { as: other.as })).statusCode).toBe(200);
    expect((await call(app, 'GET', `/api/v1/customers/${source}`, { as: ws.as })).statusCode).toBe(200);
  });

  it('timeline: every channel of the customer in time order, paginated, with events of note', async () => {
    const { app } = get();
    const { ws, target, source, emailTicket, phoneTicket } = await twoRecordsOfOnePerson();
    clock.advance(60_000);
    await call(app, 'POST', `/api/v1/tickets/${emailTicket.id}/messages`, { as: ws.as, body: { body_text: 'We are on it', status: 'solved' } });
    clock.advance(60_000);
    await call(app, 'POST', `/api/v1/tickets/${emailTicket.id}/messages`, { as: ws.as, body: { kind: 'internal_note', body_text: 'note' } });
    expect((await call(app, 'POST', `/api/v1/customers/${target}/merge`, { as: ws.as, body: { source_customer_id: source } })).statusCode).toBe(200);

    const all = (await call(app, 'GET', `/api/v1/customers/${target}/timeline?limit=100`, { as: ws.as })).json().data as Body[];
    const summary = all.map((i) => (i.type === 'message' ? `${i.ticket.subject}:${i.message.kind}:${i.message.channel}` : `${i.ticket.subject}:${i.event.type}`));
    expect(summary).toEqual([
      'Email ticket:created',
      'Email ticket:customer:api',
      'Phone ticket:created',
      'Phone ticket:customer:phone',
      'Phone ticket:public_reply:phone',
      'Phone ticket:status_changed',
      'Email ticket:public_reply:api',
      'Email ticket:status_changed',
      'Email ticket:internal_note:api',
      'Phone ticket:customer_merged',
    ]);
    const times = all.map((i) => i.at);
    expect([...times].sort()).toEqual(times);
    expect(all[4]?.message.metadata.call).toMatchObject({ direction: 'inbound' });
    expect(all[0]?.ticket).toMatchObject({ id: emailTicket.id, number: emailTicket.number, channel: 'api' });

    // Pages of 2 walk the same items; newest first is the reverse; filters by kind.
    expect(await walkPages(app, ws.as, `/api/v1/customers/${target}/timeline`, 2)).toEqual(all.map((i) => i.id));
    expect(await walkPages(app, ws.as, `/api/v1/customers/${target}/timeline?order=desc`, 3)).toEqual(all.map((i) => i.id).reverse());
    const messagesOnly = (await call(app, 'GET', `/api/v1/customers/${target}/timeline?kind=messages`, { as: ws.as })).json().data as Body[];
    expect(messagesOnly.every((i) => i.type === 'message')).toBe(true);
    expect(messagesOnly).toHaveLength(5);
    expect(phoneTicket.id).toBeDefined();

    const bad = await call(app, 'GET', `/api/v1/customers/${target}/timeline?cursor=nonsense`, { as: ws.as });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('invalid_cursor');
    expect((await call(app, 'GET', `/api/v1/customers/${target}/timeline?limit=101`, { as: ws.as })).statusCode).toBe(400);
    expect((await call(app, 'GET', '/api/v1/customers/00000000-0000-7000-8000-000000000000/timeline', { as: ws.as })).json().code).toBe('not_found');
  });
}, { clock: () => clock });
