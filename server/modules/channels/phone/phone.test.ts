import { expect, it } from 'vitest';
import { addUser, createTicket, createWorkspace } from '../../../../test/factories.ts';
import { call, describeEngines } from '../../../../test/harness.ts';
import { ManualClock } from '../../../platform/clock.ts';

const clock = new ManualClock(new Date('2026-03-02T08:00:00Z'));

type Body = Record<string, any>;
const clockOf = (ticket: Body, metric: string) => ticket.sla.clocks.find((c: Body) => c.metric === metric);

describeEngines('channels: phone calls and visits', (get) => {
  async function withPolicy() {
    const { app } = get();
    const ws = await createWorkspace(app);
    const policy = await call(app, 'POST', '/api/v1/sla-policies', {
      as: ws.as,
      body: { name: 'Everyone', targets: { normal: { first_reply: { minutes: 60, mode: 'calendar' } } } },
    });
    expect(policy.statusCode, policy.body).toBe(201);
    return ws;
  }

  it('an inbound answered call opens a phone ticket: the customer spoke, the agent answered on the call (first reply fulfilled)', async () => {
    const { app } = get();
    const ws = await withPolicy();
    const branch = await call(app, 'POST', '/api/v1/branches', { as: ws.as, body: { name: 'Silom', time_zone: 'Asia/Bangkok' } });
    expect(branch.statusCode, branch.body).toBe(201);
    const res = await call(app, 'POST', '/api/v1/calls', {
      as: ws.as,
      body: {
        customer: { phone: '+66 81 234 5678', name: 'Somchai' },
        subject: 'Invoice question',
        direction: 'inbound',
        duration_seconds: 300,
        outcome: 'follow_up',
        branch_id: branch.json().id,
        reason: 'Asks why the March invoice is higher',
        notes: 'Explained the new tariff; will send a breakdown.',
        at: '2026-03-02T07:30:00Z',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.ticket).toMatchObject({ channel: 'phone', subject: 'Invoice question', branch_id: branch.json().id, created_at: '2026-03-02T07:30:00.000Z' });
    expect(body.messages.map((m: Body) => [m.kind, m.author_type, m.channel, m.created_at])).toEqual([
      ['customer', 'customer', 'phone', '2026-03-02T07:30:00.000Z'],
      ['public_reply', 'user', 'phone', '2026-03-02T07:35:00.000Z'],
    ]);
    expect(body.messages[0].body_text).toBe('Asks why the March invoice is higher');
    expect(body.messages[1].metadata.call).toMatchObject({ direction: 'inbound', duration_seconds: 300, outcome: 'follow_up', part: 'agent', id: body.contact.id });
    expect(clockOf(body.ticket, 'first_reply')).toMatchObject({ state: 'fulfilled', outcome: 'achieved' });

    // The same phone number is the same customer.
    const customer = await call(app, 'GET', `/api/v1/customers/${body.ticket.customer_id}`, { as: ws.as });
    expect(customer.json().identities).toEqual([expect.objectContaining({ kind: 'phone', value: '+66812345678' })]);

    const events = (await call(app, 'GET', `/api/v1/tickets/${body.ticket.id}/events`, { as: ws.as })).json().data as Body[];
    const logged = events.find((e) => e.type === 'call_logged');
    expect(logged?.data).toMatchObject({ outcome: 'follow_up', message_ids: body.messages.map((m: Body) => m.id) });
    // Messages read back through the ticket API with their metadata.
    const messages = (await call(app, 'GET', `/api/v1/tickets/${body.ticket.id}/messages`, { as: ws.as })).json().data as Body[];
    expect(messages[1]?.metadata.call.outcome).toBe('follow_up');
  });

  it('a missed inbound call leaves the first reply running; an outbound call back fulfils it', async () => {
    const { app } = get();
    const ws = await withPolicy();
    const missed = await call(app, 'POST', '/api/v1/calls', {
      as: ws.as,
      body: { customer: { email: 'nok@example.com' }, subject: 'Missed call', direction: 'inbound', duration_seconds: 0, outcome: 'voicemail', notes: 'Voicemail: please call back' },
    });
    expect(missed.statusCode, missed.body).toBe(201);
    expect(missed.json().messages.map((m: Body) => m.kind)).toEqual(['customer']);
    expect(missed.json().messages[0].body_text).toBe('Inbound phone call (0 s)\n\nVoicemail: please call back');
    expect(clockOf(missed.json().ticket, 'first_reply')).toMatchObject({ state: 'active' });
    clock.advance(10 * 60_000);

    const back = await call(app, 'POST', `/api/v1/tickets/${missed.json().ticket.id}/calls`, {
      as: ws.as,
      body: { direction: 'outbound', duration_seconds: 120, outcome: 'resolved', notes: 'Called back, settled.', status: 'solved' },
    });
    expect(back.statusCode, back.body).toBe(201);
    expect(back.json().messages.map((m: Body) => [m.kind, m.author_type])).toEqual([['public_reply', 'user']]);
    expect(back.json().ticket.status).toBe('solved');
    expect(clockOf(back.json().ticket, 'first_reply')).toMatchObject({ state: 'fulfilled' });

    // An unanswered outbound attempt is an internal note: no clock effect.
    const other = await createTicket(app, ws.as);
    const attempt = await call(app, 'POST', `/api/v1/tickets/${other.id}/calls`, {
      as: ws.as,
      body: { direction: 'outbound', duration_seconds: 0, outcome: 'no_answer', notes: 'No answer' },
    });
    expect(attempt.json().messages.map((m: Body) => m.kind)).toEqual(['internal_note']);
    expect(clockOf(attempt.json().ticket, 'first_reply')).toMatchObject({ state: 'active' });
  });

  it('visits: a walk-in on an existing ticket, a field visit as a new ticket', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const ticket = await createTicket(app, ws.as);
    clock.advance(60 * 60_000);
    const walkIn = await call(app, 'POST', `/api/v1/tickets/${ticket.id}/visits`, {
      as: ws.as,
      body: { direction: 'inbound', duration_seconds: 900, outcome: 'resolved', notes: 'Replaced the part at the counter', status: 'solved' },
    });
    expect(walkIn.statusCode, walkIn.body).toBe(201);
    expect(walkIn.json().messages.map((m: Body) => [m.kind, m.channel])).toEqual([['customer', 'visit'], ['public_reply', 'visit']]);
    expect(walkIn.json().messages[0].body_text).toBe('Walk-in visit (15 min 0 s)');
    expect(walkIn.json().ticket).toMatchObject({ status: 'solved', channel: ticket.channel });
    const events = (await call(app, 'GET', `/api/v1/tickets/${ticket.id}/events`, { as: ws.as })).json().data as Body[];
    expect(events.some((e) => e.type === 'visit_logged')).toBe(true);

    const field = await call(app, 'POST', '/api/v1/visits', {
      as: ws.as,
      body: { customer: { id: ticket.customer_id }, subject: 'Site survey', direction: 'outbound', duration_seconds: 3600, outcome: 'no_show', notes: 'Nobody home' },
    });
    expect(field.statusCode, field.body).toBe(201);
    expect(field.json().ticket).toMatchObject({ channel: 'visit', customer_id: ticket.customer_id });
    expect(field.json().messages.map((m: Body) => m.kind)).toEqual(['internal_note']);
  });

  it('bad input: 400/404/409/422 problem+json, nothing written', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const other = await createWorkspace(app);
    const ticket = await createTicket(app, ws.as);
    const base = { direction: 'inbound', duration_seconds: 60, outcome: 'resolved', notes: 'x' };
    const cases: [string, string, unknown, number, string][] = [
      ['POST', `/api/v1/tickets/${ticket.id}/calls`, { ...base, outcome: 'no_show' }, 400, 'validation_failed'],
      ['POST', `/api/v1/tickets/${ticket.id}/calls`, { ...base, duration_seconds: -1 }, 400, 'validation_failed'],
      ['POST', `/api/v1/tickets/${ticket.id}/calls`, { ...base, notes: '' }, 400, 'validation_failed'],
      ['POST', `/api/v1/tickets/${ticket.id}/calls`, { ...base, at: '2099-01-01T00:00:00Z' }, 400, 'validation_failed'],
      ['POST', `/api/v1/tickets/${ticket.id}/calls`, { ...base, at: '2001-01-01T00:00:00Z' }, 400, 'validation_failed'],
      ['POST', `/api/v1/tickets/${ticket.id}/visits`, { ...base, outcome: 'voicemail' }, 400, 'validation_failed'],
      ['POST', `/api/v1/tickets/${ticket.id}/calls`, { ...base, branch_id: '00000000-0000-7000-8000-000000000000' }, 422, 'invalid_reference'],
      ['POST', '/api/v1/calls', { ...base, subject: 's', customer: {} }, 400, 'validation_failed'],
      ['POST', '/api/v1/calls', { ...base, subject: 's', customer: { id: ticket.customer_id } }, 422, 'invalid_reference'],
    ];
    for (const [method, url, body, status, code] of cases) {
      const as = url === '/api/v1/calls' && (body as Body).customer.id ? other.as : ws.as;
      const res = await call(app, method as 'POST', url, { as, body });
      expect(res.statusCode, `${url} ${JSON.stringify(body)}: ${res.body}`).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe(code);
    }
    // Another workspace's ticket is not found.
    const foreign = await call(app, 'POST', `/api/v1/tickets/${ticket.id}/calls`, { as: other.as, body: base });
    expect(foreign.statusCode).toBe(404);
    const messages = (await call(app, 'GET', `/api/v1/tickets/${ticket.id}/messages`, { as: ws.as })).json().data;
    expect(messages).toHaveLength(1);
  });

  it('agents may log; a closed ticket refuses with 409', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const agent = await addUser(app, ws, 'agent');
    const ticket = await createTicket(app, agent.as);
    expect((await call(app, 'PATCH', `/api/v1/tickets/${ticket.id}`, { as: ws.as, body: { status: 'closed' } })).statusCode).toBe(200);
    const res = await call(app, 'POST', `/api/v1/tickets/${ticket.id}/calls`, {
      as: agent.as,
      body: { direction: 'inbound', duration_seconds: 60, outcome: 'resolved', notes: 'x' },
    });
    expect(res.statusCode).toBe(409);
  });
}, { clock: () => clock });
