import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser, createWorkspace } from '../../../../test/factories.ts';
import { type Auth, call, describeEngines } from '../../../../test/harness.ts';
import { ManualClock } from '../../../platform/clock.ts';
import { type StandInServer, startStandInServer } from './stand-in-server.ts';
import { deliverWebhookReply } from './webhook-reply.ts';
import { signature } from './webhook-signature.ts';

const clock = new ManualClock(new Date('2026-03-02T08:00:00Z'));
type Body = Record<string, any>;
let receiver: StandInServer;
beforeAll(async () => {
  receiver = await startStandInServer();
});
afterAll(async () => receiver.close());

function signed(secret: string, body: unknown, at = clock.now()) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const ts = String(Math.floor(at.getTime() / 1000));
  return { body: raw, headers: { 'content-type': 'application/json', 'x-gapwise-timestamp': ts, 'x-gapwise-signature': signature(secret, ts, raw) } };
}

describeEngines('channels: generic messaging webhooks', (get) => {
  async function setup(prefix = '/hook') {
    const { app } = get();
    // Both engines' suites share the receiver: a path of its own per channel.
    const callbackPath = `${prefix}-${randomUUID()}`;
    const ws = await createWorkspace(app);
    const res = await call(app, 'POST', '/api/v1/webhook-channels', { as: ws.as, body: { name: 'WhatsApp bridge', kind: 'generic', callback_url: `${receiver.url}${callbackPath}` } });
    expect(res.statusCode, res.body).toBe(201);
    return { ws, channel: res.json() as Body, callbackPath };
  }
  const post = (channel: Body, body: unknown, at?: Date) => call(get().app, 'POST', channel.inbound_path, signed(channel.signing_secret, body, at));
  const msg = (over: Record<string, unknown> = {}) => ({ conversation_id: 'wa-chat-1', sender: { id: '+84901234567', name: 'Lan', handle: 'lan' }, text: 'Xin chào', ...over });

  it('admin CRUD: the secret is shown once and stored sealed; admins only; other workspaces see nothing', async () => {
    const { app, database } = get();
    const { ws, channel } = await setup();
    expect(channel).toMatchObject({ kind: 'generic', enabled: true, inbound_path: `/api/v1/public/webhooks/${channel.id}`, telegram_webhook_path: null });
    expect(channel.signing_secret).toMatch(/^whsec_/);
    const got = (await call(app, 'GET', `/api/v1/webhook-channels/${channel.id}`, { as: ws.as })).json();
    expect(got.signing_secret).toBeUndefined();
    const stored = await sql<{ secret_sealed: string }>`select secret_sealed from webhook_channels where id = ${channel.id}`.execute(database.db);
    expect(stored.rows[0]?.secret_sealed.startsWith('v1:')).toBe(true);
    expect(stored.rows[0]?.secret_sealed).not.toContain(channel.signing_secret);
    const audit = (await call(app, 'GET', `/api/v1/audit-log?entity_id=${channel.id}`, { as: ws.as })).json().data as Body[];
    expect(JSON.stringify(audit)).not.toContain(channel.signing_secret);

    const agent = await addUser(app, ws, 'agent');
    expect((await call(app, 'GET', '/api/v1/webhook-channels', { as: agent.as })).statusCode).toBe(403);
    const other = await createWorkspace(app);
    expect((await call(app, 'GET', `/api/v1/webhook-channels/${channel.id}`, { as: other.as })).statusCode).toBe(404);
    expect((await call(app, 'PATCH', `/api/v1/webhook-channels/${channel.id}`, { as: other.as, body: { enabled: false } })).statusCode).toBe(404);
    expect((await call(app, 'POST', `/api/v1/webhook-channels/${channel.id}/rotate-secret`, { as: other.as })).statusCode).toBe(404);
    expect((await call(app, 'GET', '/api/v1/webhook-channels', { as: other.as })).json().data).toEqual([]);

    const bad = await call(app, 'POST', '/api/v1/webhook-channels', { as: ws.as, body: { name: 'x', kind: 'telegram' } });
    expect(bad.statusCode).toBe(400);
    expect((await call(app, 'POST', '/api/v1/webhook-channels', { as: ws.as, body: { name: 'x', kind: 'generic', callback_url: 'ftp://x' } })).statusCode).toBe(400);

    // Rotation: the old secret stops working at once.
    const rotated = (await call(app, 'POST', `/api/v1/webhook-channels/${channel.id}/rotate-secret`, { as: ws.as })).json();
    expect(rotated.signing_secret).not.toBe(channel.signing_secret);
    expect((await post(channel, msg())).statusCode).toBe(401);
    expect((await post({ ...channel, signing_secret: rotated.signing_secret }, msg())).statusCode).toBe(202);
  });

  it('inbound: one customer by social identity, one ticket per conversation until closed, then a new one', async () => {
    const { app } = get();
    const { ws, channel } = await setup();
    const first = await post(channel, msg({ text: 'Đơn hàng của tôi đâu?\nMã 42' }));
    expect(first.statusCode, first.body).toBe(202);
    expect(first.json()).toMatchObject({ status: 'accepted' });
    const second = await post(channel, msg({ text: 'Còn đây không?', attachments: [{ url: 'https://cdn.example/p.jpg', filename: 'p.jpg', content_type: 'image/jpeg', size: 1234 }] }));
    expect(second.json().ticket_id).toBe(first.json().ticket_id);
    const ticket = (await call(app, 'GET', `/api/v1/tickets/${first.json().ticket_id}`, { as: ws.as })).json();
    expect(ticket).toMatchObject({ channel: 'webhook', subject: 'Đơn hàng của tôi đâu?' });
    const customer = (await call(app, 'GET', `/api/v1/customers/${ticket.customer_id}`, { as: ws.as })).json();
    expect(customer).toMatchObject({ name: 'Lan', identities: [expect.objectContaining({ kind: 'social', value: 'generic:+84901234567' })] });
    const messages = (await call(app, 'GET', `/api/v1/tickets/${ticket.id}/messages`, { as: ws.as })).json().data as Body[];
    expect(messages.map((m) => m.kind)).toEqual(['customer', 'customer']);
    expect(messages[1]?.metadata.webhook).toMatchObject({ conversation_id: 'wa-chat-1', sender: { id: '+84901234567' }, attachments: [{ url: 'https://cdn.example/p.jpg' }] });

    // Another conversation of the same sender: another ticket, the same customer.
    const other = await post(channel, msg({ conversation_id: 'wa-chat-2' }));
    expect(other.json().ticket_id).not.toBe(ticket.id);
    expect((await call(app, 'GET', `/api/v1/tickets/${other.json().ticket_id}`, { as: ws.as })).json().customer_id).toBe(customer.id);

    // Closed: the conversation continues on a new ticket.
    expect((await call(app, 'PATCH', `/api/v1/tickets/${ticket.id}`, { as: ws.as, body: { status: 'closed' } })).statusCode).toBe(200);
    const after = await post(channel, msg({ text: 'Lại là tôi' }));
    expect(after.json().ticket_id).not.toBe(ticket.id);
  });

  it('bad input: 401 bad signature / stale timestamp, 409 replay, 400 bad payload, 404 disabled; nothing stored', async () => {
    const { app } = get();
    const { ws, channel } = await setup();
    const body = msg({ event_id: 'evt-1' });
    const ok = await post(channel, body);
    expect(ok.statusCode).toBe(202);
    const replay = await post(channel, body);
    expect(replay.statusCode).toBe(409);
    expect(replay.json().code).toBe('webhook_replayed');
    // The same signed bytes without an event id: the signature is the key.
    const raw = signed(channel.signing_secret, msg({ text: 'once' }));
    expect((await call(app, 'POST', channel.inbound_path, raw)).statusCode).toBe(202);
    expect((await call(app, 'POST', channel.inbound_path, raw)).json().code).toBe('webhook_replayed');

    const tampered = signed(channel.signing_secret, msg());
    const cases: [string, Record<string, string>, string, number, string][] = [
      ['wrong secret', signed('whsec_other', msg()).headers, signed('whsec_other', msg()).body, 401, 'webhook_signature_invalid'],
      ['no signature', { 'content-type': 'application/json', 'x-gapwise-timestamp': tampered.headers['x-gapwise-timestamp'] }, tampered.body, 401, 'webhook_signature_invalid'],
      ['tampered body', tampered.headers, tampered.body.replace('Xin', 'Xyn'), 401, 'webhook_signature_invalid'],
      ['stale', signed(channel.signing_secret, msg(), new Date(clock.now().getTime() - 6 * 60_000)).headers, signed(channel.signing_secret, msg(), new Date(clock.now().getTime() - 6 * 60_000)).body, 401, 'webhook_timestamp_stale'],
      ['not JSON', signed(channel.signing_secret, '{"conversation_id":').headers, '{"conversation_id":', 400, 'malformed_json'],
      ['no sender', signed(channel.signing_secret, { conversation_id: 'c', text: 'x' }).headers, JSON.stringify({ conversation_id: 'c', text: 'x' }), 400, 'validation_failed'],
      ['no text', signed(channel.signing_secret, { conversation_id: 'c', sender: { id: '1' } }).headers, JSON.stringify({ conversation_id: 'c', sender: { id: '1' } }), 400, 'validation_failed'],
    ];
    for (const [label, headers, payload, status, code] of cases) {
      const res = await call(app, 'POST', channel.inbound_path, { headers, body: payload });
      expect(res.statusCode, `${label}: ${res.body}`).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe(code);
    }
    expect((await call(app, 'POST', channel.inbound_path, { headers: { 'content-type': 'text/plain' }, body: 'x' })).statusCode).toBe(415);
    expect((await call(app, 'POST', '/api/v1/public/webhooks/00000000-0000-7000-8000-000000000000', signed('x', msg()))).statusCode).toBe(404);
    await call(app, 'PATCH', `/api/v1/webhook-channels/${channel.id}`, { as: ws.as, body: { enabled: false } });
    expect((await post(channel, msg({ event_id: 'evt-9' }))).statusCode).toBe(404);
    const tickets = (await call(app, 'GET', '/api/v1/tickets', { as: ws.as })).json().data as Body[];
    const messages = (await call(app, 'GET', `/api/v1/tickets/${tickets[0]?.id}/messages`, { as: ws.as })).json().data as Body[];
    expect(messages.map((m) => m.body_text)).toEqual(['Xin chào', 'once']);
  });

  it("a workspace's secret does not open another workspace's channel", async () => {
    const a = await setup();
    const b = await setup();
    const res = await post({ ...a.channel, signing_secret: b.channel.signing_secret }, msg());
    expect(res.statusCode).toBe(401);
    expect(res.body).not.toContain(b.channel.id);
    expect((await call(get().app, 'GET', '/api/v1/tickets', { as: a.ws.as })).json().data).toEqual([]);
  });

  async function replyTo(as: Auth, ticketId: string, text: string) {
    const res = await call(get().app, 'POST', `/api/v1/tickets/${ticketId}/messages`, { as, body: { body_text: text } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Body;
  }

  it('outbound: an agent reply is POSTed signed to the callback URL by a queued job, once', async () => {
    const { app, database, config } = get();
    const { ws, channel, callbackPath } = await setup('/hook-ok');
    const inbound = (await post(channel, msg())).json();
    const reply = await replyTo(ws.as, inbound.ticket_id, 'Chào Lan, đơn hàng đang giao.');
    const queued = await sql<{ n: number }>`select count(*)::int as n from pgboss.job where name = 'webhooks.reply' and data->>'message_id' = ${reply.id}`.execute(database.db);
    expect(queued.rows[0]?.n).toBe(1);
    // An internal note goes nowhere.
    const note = (await call(app, 'POST', `/api/v1/tickets/${inbound.ticket_id}/messages`, { as: ws.as, body: { kind: 'internal_note', body_text: 'n' } })).json();
    const notes = await sql<{ n: number }>`select count(*)::int as n from pgboss.job where name = 'webhooks.reply' and data->>'message_id' = ${note.id}`.execute(database.db);
    expect(notes.rows[0]?.n).toBe(0);

    expect(await deliverWebhookReply({ db: database.db, config }, ws.workspaceId, reply.id, clock.now())).toBe('sent');
    expect(await deliverWebhookReply({ db: database.db, config }, ws.workspaceId, reply.id, clock.now())).toBe('done_before');
    const got = receiver.requests.filter((r) => r.path === callbackPath);
    expect(got).toHaveLength(1);
    const request = got[0] as (typeof got)[number];
    const ts = String(request.headers['x-gapwise-timestamp']);
    expect(request.headers['x-gapwise-signature']).toBe(signature(channel.signing_secret, ts, request.body));
    expect(JSON.parse(request.body)).toMatchObject({ type: 'reply', event_id: reply.id, conversation_id: 'wa-chat-1', message: { text: 'Chào Lan, đơn hàng đang giao.' }, agent: { name: 'Owner' } });
    const messages = (await call(app, 'GET', `/api/v1/tickets/${inbound.ticket_id}/messages`, { as: ws.as })).json().data as Body[];
    expect(messages.find((m) => m.id === reply.id)?.delivery).toMatchObject({ channel: 'webhook', status: 'sent', attempts: 1 });
  });

  it('outbound failures: a 5xx is retried (the job throws), a 4xx gives up with a ticket event', async () => {
    const { app, database, config } = get();
    const { ws, channel } = await setup('/hook-fail');
    const inbound = (await post(channel, msg())).json();
    const reply = await replyTo(ws.as, inbound.ticket_id, 'Hello?');
    receiver.respondWith(503, 404);
    await expect(deliverWebhookReply({ db: database.db, config }, ws.workspaceId, reply.id, clock.now())).rejects.toThrow(/HTTP 503/);
    expect(await deliverWebhookReply({ db: database.db, config }, ws.workspaceId, reply.id, clock.now())).toBe('failed');
    const events = (await call(app, 'GET', `/api/v1/tickets/${inbound.ticket_id}/events`, { as: ws.as })).json().data as Body[];
    expect(events.find((e) => e.type === 'webhook_delivery_failed')?.data).toMatchObject({ message_id: reply.id, attempts: 2 });
    expect(events.find((e) => e.type === 'webhook_delivery_failed')?.data.reason).toMatch(/HTTP 404/);
    const messages = (await call(app, 'GET', `/api/v1/tickets/${inbound.ticket_id}/messages`, { as: ws.as })).json().data as Body[];
    expect(messages.find((m) => m.id === reply.id)?.delivery).toMatchObject({ status: 'failed', attempts: 2 });

    // No callback URL: failed at once, visible.
    await call(app, 'PATCH', `/api/v1/webhook-channels/${channel.id}`, { as: ws.as, body: { callback_url: null } });
    const second = await replyTo(ws.as, inbound.ticket_id, 'Anyone?');
    expect(await deliverWebhookReply({ db: database.db, config }, ws.workspaceId, second.id, clock.now())).toBe('failed');
  });
}, { clock: () => clock });
