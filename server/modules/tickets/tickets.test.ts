import { expect, it } from 'vitest';
import { createTicket, createWorkspace } from '../../../test/factories.ts';
import { call, describeEngines } from '../../../test/harness.ts';

describeEngines('tickets API', (get) => {
  it('creates a ticket with its first message and a new customer, and records events', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const ticket = await createTicket(app, ws.as, { customer: { email: 'Somchai@Example.com', name: 'Somchai' }, tags: ['VIP', 'vip', 'billing'] });
    expect(ticket).toMatchObject({ number: 1, status: 'new', priority: 'normal', channel: 'api', tags: ['vip', 'billing'] });

    const customer = (await call(app, 'GET', `/api/v1/customers/${ticket.customer_id}`, { as: ws.as })).json();
    expect(customer.identities).toEqual([expect.objectContaining({ kind: 'email', value: 'somchai@example.com' })]);

    // The same email again is the same customer.
    const second = await createTicket(app, ws.as, { customer: { email: 'somchai@example.com' } });
    expect(second.customer_id).toBe(ticket.customer_id);
    expect(second.number).toBe(2);

    const events = (await call(app, 'GET', `/api/v1/tickets/${ticket.id}/events`, { as: ws.as })).json();
    expect(events.data.map((e: { type: string }) => e.type)).toEqual(['created', 'message_added']);
  });

  it('simultaneous first tickets of one new customer all succeed and share one customer', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const email = `first-contact-${Date.now()}@example.com`;
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call(app, 'POST', '/api/v1/tickets', { as: ws.as, body: { subject: `Try ${i}`, customer: { email, name: 'First Contact' }, message: { body_text: 'Hello?' } } }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    expect(new Set(responses.map((r) => r.json().customer_id)).size).toBe(1);
  });

  it('reply, note and status changes follow the rules and write events', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const ticket = await createTicket(app, ws.as);

    const reply = await call(app, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
      as: ws.as,
      body: { kind: 'public_reply', body_html: '<p>Hello <b>there</b><script>alert(1)</script><img src=x onerror=alert(2)></p>', status: 'pending' },
    });
    expect(reply.statusCode).toBe(201);
    expect(reply.json().body_html).not.toMatch(/script|onerror/);
    expect(reply.json().body_text).toBe('Hello there');
    expect((await call(app, 'GET', `/api/v1/tickets/${ticket.id}`, { as: ws.as })).json().status).toBe('pending');

    // A customer writing back reopens a pending ticket.
    await call(app, 'POST', `/api/v1/tickets/${ticket.id}/messages`, { as: ws.as, body: { kind: 'customer', body_text: 'Still broken' } });
    expect((await call(app, 'GET', `/api/v1/tickets/${ticket.id}`, { as: ws.as })).json().status).toBe('open');

    const solved = await call(app, 'PATCH', `/api/v1/tickets/${ticket.id}`, { as: ws.as, body: { status: 'solved', priority: 'high' } });
    expect(solved.json()).toMatchObject({ status: 'solved', priority: 'high' });
    expect(solved.json().solved_at).not.toBeNull();

    const closed = await call(app, 'PATCH', `/api/v1/tickets/${ticket.id}`, { as: ws.as, body: { status: 'closed' } });
    expect(closed.json().closed_at).not.toBeNull();
    const reopen = await call(app, 'PATCH', `/api/v1/tickets/${ticket.id}`, { as: ws.as, body: { status: 'open' } });
    expect(reopen.statusCode).toBe(409);
    expect(reopen.json().code).toBe('conflict');

    const events = (await call(app, 'GET', `/api/v1/tickets/${ticket.id}/events?limit=100`, { as: ws.as })).json();
    const types = events.data.map((e: { type: string }) => e.type);
    expect(types).toEqual([
      'created',
      'message_added',
      'message_added',
      'status_changed',
      'message_added',
      'status_changed',
      'status_changed',
      'priority_changed',
      'status_changed',
    ]);
    const statusChanges = events.data.filter((e: { type: string }) => e.type === 'status_changed').map((e: { data: { to: string } }) => e.data.to);
    expect(statusChanges).toEqual(['pending', 'open', 'solved', 'closed']);
  });

  it('filters, searches Thai and Vietnamese text, and paginates with a cursor', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    await createTicket(app, ws.as, { subject: 'เครื่องพิมพ์เสีย', message: { body_text: 'สวัสดีครับ เครื่องพิมพ์ของผมไม่ทำงานตั้งแต่เมื่อวาน' } });
    await createTicket(app, ws.as, { subject: 'Máy in bị hỏng', message: { body_text: 'Xin chào, máy in của tôi không hoạt động.' }, priority: 'urgent' });
    await createTicket(app, ws.as, { subject: 'Tiskárna nefunguje', message: { body_text: 'Dobrý den, tiskárna nefunguje.' }, tags: ['hardware'] });

    const thai = (await call(app, 'GET', `/api/v1/tickets?q=${encodeURIComponent('ไม่ทำงาน')}`, { as: ws.as })).json();
    expect(thai.data.map((t: { subject: string }) => t.subject)).toEqual(['เครื่องพิมพ์เสีย']);
    const vi = (await call(app, 'GET', `/api/v1/tickets?q=${encodeURIComponent('hoạt động')}`, { as: ws.as })).json();
    expect(vi.data.map((t: { subject: string }) => t.subject)).toEqual(['Máy in bị hỏng']);
    const urgent = (await call(app, 'GET', '/api/v1/tickets?priority=urgent,high', { as: ws.as })).json();
    expect(urgent.data).toHaveLength(1);
    const tagged = (await call(app, 'GET', '/api/v1/tickets?tag=hardware', { as: ws.as })).json();
    expect(tagged.data.map((t: { subject: string }) => t.subject)).toEqual(['Tiskárna nefunguje']);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/tickets?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const pageBody: { data: { id: string }[]; next_cursor: string | null } = (await call(app, 'GET', url, { as: ws.as })).json();
      seen.push(...pageBody.data.map((t) => t.id));
      cursor = pageBody.next_cursor;
    } while (cursor);
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
  });

  it('rejects bad input with problem+json and writes nothing', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const bad = await call(app, 'POST', '/api/v1/tickets', { as: ws.as, body: { subject: 'x', customer: { email: 'a@b.co' }, message: { body_text: 'hi' }, unknown: 1 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().code).toBe('validation_failed');
    const malformed = await call(app, 'POST', '/api/v1/tickets', { as: ws.as, body: '{"subject":' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('malformed_json');
    const badRef = await call(app, 'POST', '/api/v1/tickets', {
      as: ws.as,
      body: { subject: 'x', customer: { email: 'new-person@b.co' }, message: { body_text: 'hi' }, team_id: '01a2075e-5618-7000-91d9-154b080e8d31' },
    });
    expect(badRef.statusCode).toBe(422);
    expect(badRef.json().code).toBe('invalid_reference');
    const badId = await call(app, 'GET', '/api/v1/tickets/not-a-uuid', { as: ws.as });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().code).toBe('invalid_id');
    const list = (await call(app, 'GET', '/api/v1/tickets', { as: ws.as })).json();
    expect(list.data).toHaveLength(0);
    const customers = (await call(app, 'GET', '/api/v1/customers?q=new-person', { as: ws.as })).json();
    expect(customers.data).toHaveLength(0);
  });

  it('returns the first result when a create is retried with the same Idempotency-Key', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const body = { subject: 'Once only', customer: { email: 'once@example.com' }, message: { body_text: 'hi' } };
    const headers = { 'idempotency-key': 'abc-123' };
    const first = await call(app, 'POST', '/api/v1/tickets', { as: ws.as, body, headers });
    const retry = await call(app, 'POST', '/api/v1/tickets', { as: ws.as, body, headers });
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.json().id).toBe(first.json().id);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const other = await call(app, 'POST', '/api/v1/tickets', { as: ws.as, body: { ...body, subject: 'Different' }, headers });
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('idempotency_key_reused');
    expect((await call(app, 'GET', '/api/v1/tickets', { as: ws.as })).json().data).toHaveLength(1);
  });
});
