import { expect, it } from 'vitest';
import { addUser, createTicket, createWorkspace } from '../../../test/factories.ts';
import type { Role } from '../../platform/schema.ts';
import { call, describeEngines, walkPages } from '../../../test/harness.ts';

/** test/factories.ts types `name` as a Role (its default); any display name works at run time. */
const named = (name: string) => name as Role;

const reply = {
  en: { text: 'Hi {{customer.first_name}}, about #{{ticket.number}} ({{ticket.status}}): {{agent.name}} here. {{order.id}}' },
  th: { text: 'สวัสดีคุณ {{customer.first_name}} เรื่อง #{{ticket.number}} ({{ticket.status}})', html: '<p>สวัสดีคุณ {{customer.name}}</p>' },
};

describeEngines('macros API', (get) => {
  it('admins manage shared macros (audited); agents use them and keep personal ones to themselves', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const agent = await addUser(app, ws, 'agent', named('Ann'));
    const other = await addUser(app, ws, 'agent', named('Bob'));

    const created = await call(app, 'POST', '/api/v1/macros', { as: ws.as, body: { name: 'Refund', kind: 'public_reply', content: reply, actions: { status: 'pending', add_tags: ['refund'] } } });
    expect(created.statusCode).toBe(201);
    const shared = created.json();
    expect(shared).toMatchObject({ scope: 'shared', owner_user_id: null, kind: 'public_reply', actions: { status: 'pending', add_tags: ['refund'] } });

    const denied = await call(app, 'POST', '/api/v1/macros', { as: agent.as, body: { name: 'Mine', content: { en: { text: 'x' } } } });
    expect(denied.statusCode).toBe(403);
    expect((await call(app, 'PATCH', `/api/v1/macros/${shared.id}`, { as: agent.as, body: { name: 'Hijack' } })).statusCode).toBe(403);
    expect((await call(app, 'DELETE', `/api/v1/macros/${shared.id}`, { as: agent.as })).statusCode).toBe(403);

    const personal = await call(app, 'POST', '/api/v1/macros', { as: agent.as, body: { name: 'My thanks', scope: 'personal', content: { en: { text: 'Thanks!' } } } });
    expect(personal.statusCode).toBe(201);
    const mine = personal.json();
    expect(mine).toMatchObject({ scope: 'personal', owner_user_id: agent.id, kind: null, actions: {} });
    // Same name in another scope is fine; twice in one scope is not (case-insensitive).
    expect((await call(app, 'POST', '/api/v1/macros', { as: other.as, body: { name: 'MY THANKS', scope: 'personal', content: { en: { text: 'x' } } } })).statusCode).toBe(201);
    const dup = await call(app, 'POST', '/api/v1/macros', { as: agent.as, body: { name: 'my thanks', scope: 'personal', content: { en: { text: 'x' } } } });
    expect(dup.statusCode).toBe(409);

    const names = async (as: typeof ws.as, q = '') => (await call(app, 'GET', `/api/v1/macros${q}`, { as })).json().data.map((m: { name: string }) => m.name);
    expect(await names(agent.as)).toEqual(['My thanks', 'Refund']);
    expect(await names(other.as)).toEqual(['MY THANKS', 'Refund']);
    expect(await names(ws.as)).toEqual(['Refund']);
    expect(await names(agent.as, '?scope=personal')).toEqual(['My thanks']);
    expect(await names(agent.as, '?q=REF')).toEqual(['Refund']);
    expect((await call(app, 'GET', `/api/v1/macros/${mine.id}`, { as: other.as })).statusCode).toBe(404);
    expect((await call(app, 'PATCH', `/api/v1/macros/${mine.id}`, { as: ws.as, body: { name: 'x' } })).statusCode).toBe(404);

    const renamed = await call(app, 'PATCH', `/api/v1/macros/${shared.id}`, { as: ws.as, body: { name: 'Refund request', actions: { priority: 'high' } } });
    expect(renamed.json()).toMatchObject({ name: 'Refund request', actions: { priority: 'high' }, content: reply });
    expect((await call(app, 'PATCH', `/api/v1/macros/${mine.id}`, { as: agent.as, body: { kind: 'internal_note' } })).json().kind).toBe('internal_note');
    expect((await call(app, 'DELETE', `/api/v1/macros/${mine.id}`, { as: agent.as })).statusCode).toBe(204);
    expect((await call(app, 'DELETE', `/api/v1/macros/${shared.id}`, { as: ws.as })).statusCode).toBe(204);

    const audit = (await call(app, 'GET', `/api/v1/audit-log?entity_type=macro`, { as: ws.as })).json();
    expect(audit.data.map((a: { action: string; entity_id: string }) => [a.action, a.entity_id])).toEqual([
      ['macro.deleted', shared.id],
      ['macro.updated', shared.id],
      ['macro.created', shared.id],
    ]);
  });

  it('checks content, actions and their references, and pages by name', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const other = await createWorkspace(app);
    const bad = [
      { name: 'No text', content: { en: { text: '  ' } } },
      { name: 'Bad language', content: { de: { text: 'Hallo' } } },
      { name: 'Closing', content: { en: { text: 'x' } }, actions: { status: 'closed' } },
      { name: 'Bad tag', content: { en: { text: 'x' } }, actions: { add_tags: ['two words'] } },
    ];
    for (const body of bad) expect((await call(app, 'POST', '/api/v1/macros', { as: ws.as, body })).statusCode, body.name).toBe(400);
    const foreign = await call(app, 'POST', '/api/v1/macros', { as: ws.as, body: { name: 'Elsewhere', content: { en: { text: 'x' } }, actions: { assignee_id: other.owner.id } } });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json()).toMatchObject({ code: 'invalid_reference', issues: [{ path: 'body.actions.assignee_id' }] });

    for (const name of ['delta', 'Alpha', 'charlie', 'Bravo', 'echo']) {
      expect((await call(app, 'POST', '/api/v1/macros', { as: ws.as, body: { name, content: { en: { text: name } } } })).statusCode).toBe(201);
    }
    const ids = await walkPages(app, ws.as, '/api/v1/macros', 2);
    const all = (await call(app, 'GET', '/api/v1/macros?limit=100', { as: ws.as })).json().data;
    expect(all.map((m: { name: string }) => m.name)).toEqual(['Alpha', 'Bravo', 'charlie', 'delta', 'echo']);
    expect(ids).toEqual(all.map((m: { id: string }) => m.id));
  });

  it('previews in the customer’s language with placeholders, and applies the actions', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const agent = await addUser(app, ws, 'agent', named('Petra Nováková'));
    const team = (await call(app, 'POST', '/api/v1/teams', { as: ws.as, body: { name: 'Billing' } })).json();
    const macro = (
      await call(app, 'POST', '/api/v1/macros', {
        as: ws.as,
        body: { name: 'Refund', kind: 'public_reply', content: reply, actions: { status: 'pending', priority: 'high', assignee_id: 'me', team_id: team.id, add_tags: ['refund'], remove_tags: ['new'] } },
      })
    ).json();
    const ticket = await createTicket(app, ws.as, { customer: { email: 'somchai@example.com', name: 'Somchai Jaidee' }, tags: ['new', 'web'] });

    const en = await call(app, 'POST', `/api/v1/tickets/${ticket.id}/macros/${macro.id}/preview`, { as: agent.as });
    expect(en.statusCode).toBe(200);
    expect(en.json()).toEqual({
      macro_id: macro.id,
      name: 'Refund',
      kind: 'public_reply',
      locale: 'en',
      body_text: `Hi Somchai, about #${ticket.number} (New): Petra Nováková here. {{order.id}}`,
      body_html: null,
      unknown_placeholders: ['order.id'],
      actions: { status: 'pending', priority: 'high', assignee_id: agent.id, team_id: team.id, add_tags: ['refund'], remove_tags: ['new'] },
    });

    await call(app, 'PATCH', `/api/v1/customers/${ticket.customer_id}`, { as: ws.as, body: { locale: 'th' } });
    const th = (await call(app, 'POST', `/api/v1/tickets/${ticket.id}/macros/${macro.id}/preview`, { as: agent.as })).json();
    expect(th).toMatchObject({ locale: 'th', body_text: `สวัสดีคุณ Somchai เรื่อง #${ticket.number} (ใหม่)`, body_html: '<p>สวัสดีคุณ Somchai Jaidee</p>', unknown_placeholders: [] });
    // Preview changes nothing.
    expect((await call(app, 'GET', `/api/v1/tickets/${ticket.id}`, { as: ws.as })).json()).toMatchObject({ status: 'new', tags: ['new', 'web'] });

    const applied = await call(app, 'POST', `/api/v1/tickets/${ticket.id}/macros/${macro.id}/apply`, { as: agent.as });
    expect(applied.statusCode).toBe(200);
    expect(applied.json()).toMatchObject({ status: 'pending', priority: 'high', assignee_id: agent.id, team_id: team.id, tags: ['web', 'refund'] });
    const events = (await call(app, 'GET', `/api/v1/tickets/${ticket.id}/events?limit=100`, { as: ws.as })).json().data as { type: string; data: Record<string, unknown> }[];
    expect(events.find((e) => e.type === 'macro_applied')?.data).toEqual({ macro_id: macro.id, name: 'Refund' });
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['status_changed', 'priority_changed', 'assigned', 'tags_changed']));
  });

  it('hides other workspaces’ tickets and macros, and other agents’ personal macros', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const other = await createWorkspace(app);
    const agent = await addUser(app, ws, 'agent');
    const theirs = (await call(app, 'POST', '/api/v1/macros', { as: other.as, body: { name: 'Theirs', content: { en: { text: 'x' } } } })).json();
    const personal = (await call(app, 'POST', '/api/v1/macros', { as: ws.as, body: { name: 'Owner only', scope: 'personal', content: { en: { text: 'x' } } } })).json();
    const ticket = await createTicket(app, ws.as);
    const foreignTicket = await createTicket(app, other.as);
    const ours = (await call(app, 'POST', '/api/v1/macros', { as: ws.as, body: { name: 'Ours', content: { en: { text: 'x' } } } })).json();
    for (const [url, as] of [
      [`/api/v1/tickets/${ticket.id}/macros/${theirs.id}/preview`, ws.as],
      [`/api/v1/tickets/${ticket.id}/macros/${personal.id}/preview`, agent.as],
      [`/api/v1/tickets/${ticket.id}/macros/${personal.id}/apply`, agent.as],
      [`/api/v1/tickets/${foreignTicket.id}/macros/${ours.id}/preview`, ws.as],
      [`/api/v1/tickets/${foreignTicket.id}/macros/${ours.id}/apply`, ws.as],
    ] as const) {
      const res = await call(app, 'POST', url, { as });
      expect(res.statusCode, url).toBe(404);
    }
  });
});
