import type { FastifyInstance } from 'fastify';
import { expect, it } from 'vitest';
import { addUser, createWorkspace } from '../../../test/factories.ts';
import { type Auth, call, describeEngines, walkPages } from '../../../test/harness.ts';

async function created(app: FastifyInstance, as: Auth, url: string, body: unknown) {
  const res = await call(app, 'POST', url, { as, body });
  if (res.statusCode !== 201) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

const officeHours = { name: 'Office', time_zone: 'Asia/Bangkok', weekly_hours: { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }] } };

describeEngines('SLA policies API', (get) => {
  it('creates, reads, changes and deletes a policy, with defaults filled in and audit rows', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const calendar = await created(app, ws.as, '/api/v1/calendars', officeHours);
    const gold = await created(app, ws.as, '/api/v1/tiers', { name: 'Gold', rank: 10 });
    const team = await created(app, ws.as, '/api/v1/teams', { name: 'Escalations' });
    const lead = await addUser(app, ws, 'supervisor');

    const body = {
      name: 'Gold urgent',
      conditions: { tier_ids: [gold.id], priorities: ['urgent', 'high', 'urgent'], tags_any: ['VIP', 'vip'], categories: [' Billing '], custom_fields: { region: ['north', 'north'] } },
      targets: {
        urgent: {
          first_reply: { minutes: 60, mode: 'business', calendar_id: calendar.id },
          chat_greet: { seconds: 60, mode: 'calendar' },
          resolution: { minutes: 480, mode: 'business', calendar_id: calendar.id },
        },
        normal: { first_reply: { minutes: 240, mode: 'calendar' } },
      },
      pause_statuses: { first_reply: ['pending', 'on_hold', 'pending'] },
      solve_while_waiting: 'cancel',
      escalation_rules: [
        { metric: 'first_reply', offset_minutes: -15, actions: [{ type: 'notify', to: 'assignee' }] },
        {
          metric: 'first_reply',
          offset_minutes: 0,
          actions: [{ type: 'notify', to: 'users', user_ids: [lead.id] }, { type: 'raise_priority' }, { type: 'reassign', team_id: team.id }, { type: 'add_tag', tag: 'SLA-Breach' }],
        },
      ],
    };
    const res = await call(app, 'POST', '/api/v1/sla-policies', { as: ws.as, body });
    expect(res.statusCode, res.body).toBe(201);
    const policy = res.json();
    expect(policy).toMatchObject({
      name: 'Gold urgent',
      position: 1,
      active: true,
      // Lists lose repeats, tags are lower-case, categories trimmed.
      conditions: { tier_ids: [gold.id], priorities: ['urgent', 'high'], tags_any: ['vip'], categories: ['Billing'], custom_fields: { region: ['north'] } },
      targets: body.targets,
      solve_while_waiting: 'cancel',
    });
    // Pause statuses: the given metric as given, every other one as by default.
    expect(policy.pause_statuses).toEqual({
      first_reply: ['pending', 'on_hold'],
      next_reply: [],
      periodic_update: [],
      requester_wait: ['pending'],
      agent_work: ['pending', 'on_hold'],
      resolution: ['pending'],
      total_resolution: ['pending'],
      chat_greet: [],
      chat_hold: [],
    });
    expect(policy.escalation_rules[1].actions[3]).toEqual({ type: 'add_tag', tag: 'sla-breach' });
    expect((await call(app, 'GET', `/api/v1/sla-policies/${policy.id}`, { as: lead.as })).json()).toEqual(policy);

    // The fallback: a policy without conditions; it goes to the end of the list.
    const fallback = await created(app, ws.as, '/api/v1/sla-policies', { name: 'Everyone else', targets: { normal: { first_reply: { minutes: 480, mode: 'calendar' } } } });
    expect(fallback).toMatchObject({ position: 2, conditions: {}, solve_while_waiting: 'fulfil', escalation_rules: [], active: true });

    // PATCH replaces the given fields as a whole and leaves the rest.
    const changed = await call(app, 'PATCH', `/api/v1/sla-policies/${policy.id}`, {
      as: ws.as,
      body: { name: 'Gold', active: false, conditions: { tier_ids: [gold.id], tags_any: [] }, escalation_rules: [] },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ name: 'Gold', active: false, conditions: { tier_ids: [gold.id] }, escalation_rules: [], targets: body.targets, solve_while_waiting: 'cancel' });
    expect(changed.json().conditions).toEqual({ tier_ids: [gold.id] });

    // Names are unique without regard to case.
    const dup = await call(app, 'POST', '/api/v1/sla-policies', { as: ws.as, body: { name: 'everyone ELSE' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('conflict');
    expect((await call(app, 'PATCH', `/api/v1/sla-policies/${policy.id}`, { as: ws.as, body: { name: 'Everyone else' } })).statusCode).toBe(409);

    expect((await call(app, 'DELETE', `/api/v1/sla-policies/${fallback.id}`, { as: ws.as })).statusCode).toBe(204);
    expect((await call(app, 'GET', `/api/v1/sla-policies/${fallback.id}`, { as: ws.as })).statusCode).toBe(404);
    expect((await call(app, 'DELETE', `/api/v1/sla-policies/${fallback.id}`, { as: ws.as })).statusCode).toBe(404);

    const audit = (await call(app, 'GET', '/api/v1/audit-log?limit=100', { as: ws.as })).json().data as { action: string; entity_id: string | null }[];
    const ours = audit.filter((row) => row.action.startsWith('sla_policy.'));
    expect(ours.map((row) => [row.action, row.entity_id]).sort()).toEqual(
      [
        ['sla_policy.created', policy.id],
        ['sla_policy.created', fallback.id],
        ['sla_policy.updated', policy.id],
        ['sla_policy.deleted', fallback.id],
      ].sort(),
    );
  });

  it('lists in evaluation order and reorders; the order survives a page boundary', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const agent = await addUser(app, ws, 'agent');
    const ids: string[] = [];
    for (const name of ['A', 'B', 'C', 'D', 'E']) ids.push((await created(app, ws.as, '/api/v1/sla-policies', { name })).id);
    expect(await walkPages(app, agent.as, '/api/v1/sla-policies', 2)).toEqual(ids);

    const order = [ids[3], ids[0], ids[4], ids[2], ids[1]] as string[];
    const res = await call(app, 'POST', '/api/v1/sla-policies/reorder', { as: ws.as, body: { ids: order } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data.map((p: { id: string; position: number }) => [p.id, p.position])).toEqual(order.map((id, i) => [id, i + 1]));
    expect(await walkPages(app, agent.as, '/api/v1/sla-policies', 2)).toEqual(order);
    // A new policy goes to the end.
    const last = await created(app, ws.as, '/api/v1/sla-policies', { name: 'F' });
    expect(last.position).toBe(6);
    expect(await walkPages(app, agent.as, '/api/v1/sla-policies', 4)).toEqual([...order, last.id]);

    const audit = (await call(app, 'GET', '/api/v1/audit-log?limit=100', { as: ws.as })).json().data as { action: string; changes: { ids?: string[] } }[];
    expect(audit.find((row) => row.action === 'sla_policy.reordered')?.changes.ids).toEqual(order);
  });

  it('refuses a reorder that repeats, misses or invents a policy, and changes nothing', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const other = await createWorkspace(app);
    const a = (await created(app, ws.as, '/api/v1/sla-policies', { name: 'A' })).id;
    const b = (await created(app, ws.as, '/api/v1/sla-policies', { name: 'B' })).id;
    const foreign = (await created(app, other.as, '/api/v1/sla-policies', { name: 'A' })).id;
    const tries: [string[], number, string, string][] = [
      [[b, a, b], 400, 'validation_failed', 'more than once'],
      [[b], 400, 'validation_failed', `missing ${a}`],
      [[b, a, foreign], 422, 'invalid_reference', `unknown id ${foreign}`],
    ];
    for (const [ids, status, code, message] of tries) {
      const res = await call(app, 'POST', '/api/v1/sla-policies/reorder', { as: ws.as, body: { ids } });
      expect(res.statusCode, JSON.stringify(ids)).toBe(status);
      expect(res.json().code).toBe(code);
      expect(res.json().issues).toEqual([expect.objectContaining({ path: 'body.ids', message: expect.stringContaining(message) })]);
    }
    expect((await call(app, 'GET', '/api/v1/sla-policies', { as: ws.as })).json().data.map((p: { id: string }) => p.id)).toEqual([a, b]);
    expect((await call(app, 'GET', '/api/v1/sla-policies', { as: other.as })).json().data.map((p: { id: string; position: number }) => [p.id, p.position])).toEqual([[foreign, 1]]);
  });
});
