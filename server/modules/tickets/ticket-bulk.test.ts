import { describe, expect, it } from 'vitest';
import { addUser, createTicket, createWorkspace } from '../../../test/factories.ts';
import { call, describeEngines } from '../../../test/harness.ts';
import { createApiKey } from '../../../test/security/security-fixtures.ts';
import { changesFor } from './ticket-bulk.service.ts';

describe('changesFor (bulk tags against the ticket’s own)', () => {
  const cases: [string, string[], Parameters<typeof changesFor>[1], ReturnType<typeof changesFor>][] = [
    ['adds, lower-cased, once', ['vip'], { add_tags: ['VIP', 'Billing'] }, { tags: ['vip', 'billing'] }],
    ['removes', ['vip', 'old'], { remove_tags: ['OLD'] }, { tags: ['vip'] }],
    ['remove wins over add', ['a'], { add_tags: ['b'], remove_tags: ['b'] }, { tags: ['a'] }],
    ['fields pass through, tags untouched', ['a'], { status: 'pending', assignee_id: null }, { status: 'pending', assignee_id: null }],
  ];
  it.each(cases)('%s', (_name, tags, changes, expected) => {
    expect(changesFor({ tags }, changes)).toEqual(expected);
  });
});

describeEngines('bulk ticket changes API', (get) => {
  it('applies the changes per ticket and reports each outcome; a closed or foreign ticket fails alone', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const elsewhere = await createWorkspace(app);
    const agent = await addUser(app, ws, 'agent');
    const team = (await call(app, 'POST', '/api/v1/teams', { as: ws.as, body: { name: 'Billing' } })).json();
    const a = await createTicket(app, ws.as, { tags: ['old', 'keep'] });
    const b = await createTicket(app, ws.as);
    const closed = await createTicket(app, ws.as);
    await call(app, 'PATCH', `/api/v1/tickets/${closed.id}`, { as: ws.as, body: { status: 'closed' } });
    const foreign = await createTicket(app, elsewhere.as);

    const changes = { status: 'pending', priority: 'high', assignee_id: agent.id, team_id: team.id, add_tags: ['VIP'], remove_tags: ['old'] };
    const res = await call(app, 'POST', '/api/v1/tickets/bulk', { as: agent.as, body: { ticket_ids: [a.id, b.id, closed.id, foreign.id], changes } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ updated: 2, unchanged: 0, failed: 2 });
    expect(body.results).toEqual([
      { ticket_id: a.id, outcome: 'updated', error: null },
      { ticket_id: b.id, outcome: 'updated', error: null },
      { ticket_id: closed.id, outcome: 'failed', error: { code: 'conflict', detail: expect.any(String) } },
      { ticket_id: foreign.id, outcome: 'failed', error: { code: 'not_found', detail: 'Ticket not found' } },
    ]);
    const after = (await call(app, 'GET', `/api/v1/tickets/${a.id}`, { as: ws.as })).json();
    expect(after).toMatchObject({ status: 'pending', priority: 'high', assignee_id: agent.id, team_id: team.id, tags: ['keep', 'vip'] });
    const types = (await call(app, 'GET', `/api/v1/tickets/${a.id}/events`, { as: ws.as })).json().data.map((e: { type: string }) => e.type);
    expect(types).toEqual(['created', 'message_added', 'status_changed', 'priority_changed', 'tags_changed', 'assigned', 'team_changed']);
    // The closed ticket and the other workspace's ticket are untouched.
    expect((await call(app, 'GET', `/api/v1/tickets/${closed.id}`, { as: ws.as })).json()).toMatchObject({ status: 'closed', priority: 'normal' });
    expect((await call(app, 'GET', `/api/v1/tickets/${foreign.id}`, { as: elsewhere.as })).json()).toMatchObject({ status: 'new', assignee_id: null });

    // The same changes again change nothing.
    const again = await call(app, 'POST', '/api/v1/tickets/bulk', { as: ws.as, body: { ticket_ids: [a.id, b.id], changes } });
    expect(again.json()).toMatchObject({ updated: 0, unchanged: 2, failed: 0 });
  });

  it('checks references and limits before changing anything; an agent API key may use it', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const elsewhere = await createWorkspace(app);
    const ticket = await createTicket(app, ws.as);
    const url = '/api/v1/tickets/bulk';

    const badAssignee = await call(app, 'POST', url, { as: ws.as, body: { ticket_ids: [ticket.id], changes: { priority: 'high', assignee_id: elsewhere.owner.id } } });
    expect(badAssignee.statusCode).toBe(422);
    expect((await call(app, 'GET', `/api/v1/tickets/${ticket.id}`, { as: ws.as })).json().priority).toBe('normal');

    const tooMany = Array.from({ length: 101 }, (_, i) => `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`);
    expect((await call(app, 'POST', url, { as: ws.as, body: { ticket_ids: tooMany, changes: { priority: 'high' } } })).statusCode).toBe(400);
    expect((await call(app, 'POST', url, { as: ws.as, body: { ticket_ids: [ticket.id], changes: {} } })).statusCode).toBe(400);
    expect((await call(app, 'POST', url, { as: ws.as, body: { ticket_ids: [ticket.id, ticket.id], changes: { priority: 'low' } } })).statusCode).toBe(400);
    expect((await call(app, 'POST', url, { body: { ticket_ids: [ticket.id], changes: { priority: 'low' } } })).statusCode).toBe(401);

    const key = await createApiKey(app, ws.as, 'agent');
    const viaKey = await call(app, 'POST', url, { as: key.as, body: { ticket_ids: [ticket.id], changes: { priority: 'urgent', assignee_id: null } } });
    expect(viaKey.json()).toMatchObject({ updated: 1 });
  });
});
