import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWorkspace } from '../../../../test/factories.ts';
import { call, describeEngines } from '../../../../test/harness.ts';
import { ManualClock } from '../../../platform/clock.ts';
import { type StandInServer, startStandInServer } from './stand-in-server.ts';
import { TELEGRAM_UPDATES } from './telegram-fixtures.ts';
import { deliverWebhookReply } from './webhook-reply.ts';

const clock = new ManualClock(new Date('2026-03-02T08:00:00Z'));
type Body = Record<string, any>;
const BOT_TOKEN = '123456:ABC-test-token-xyz';
let telegram: StandInServer;
beforeAll(async () => {
  telegram = await startStandInServer();
});
afterAll(async () => telegram.close());

describeEngines('channels: Telegram adapter', (get) => {
  async function setup() {
    const { app } = get();
    const ws = await createWorkspace(app);
    const res = await call(app, 'POST', '/api/v1/webhook-channels', {
      as: ws.as,
      body: { name: 'Telegram bot', kind: 'telegram', bot_token: BOT_TOKEN, api_base_url: `${telegram.url}/` },
    });
    expect(res.statusCode, res.body).toBe(201);
    const channel = res.json() as Body;
    const deliver = (update: unknown, secret: string | null = channel.signing_secret, path: string = channel.telegram_webhook_path) =>
      call(app, 'POST', path, { body: update, headers: secret ? { 'x-telegram-bot-api-secret-token': secret } : {} });
    return { ws, channel, deliver };
  }

  it('updates become messages of one social ticket per chat; repeats are answered 200 and stored once', async () => {
    const { app } = get();
    const { ws, channel, deliver } = await setup();
    expect(channel).toMatchObject({ kind: 'telegram', api_base_url: telegram.url, has_bot_token: true, inbound_path: null });
    expect(channel.telegram_webhook_path).toMatch(new RegExp(`^/api/v1/public/telegram/${channel.id}/[A-Za-z0-9_-]{32}$`));
    expect(JSON.stringify(channel)).not.toContain(BOT_TOKEN);

    const first = await deliver(TELEGRAM_UPDATES.text);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().status).toBe('accepted');
    for (const u of [TELEGRAM_UPDATES.edited, TELEGRAM_UPDATES.photo]) expect((await deliver(u)).json().ticket_id).toBe(first.json().ticket_id);
    const again = await deliver(TELEGRAM_UPDATES.text);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ status: 'duplicate' });
    expect((await deliver(TELEGRAM_UPDATES.callbackQuery)).json()).toEqual({ status: 'ignored' });
    expect((await deliver(TELEGRAM_UPDATES.fromBot)).json()).toEqual({ status: 'ignored' });

    const ticket = (await call(app, 'GET', `/api/v1/tickets/${first.json().ticket_id}`, { as: ws.as })).json();
    expect(ticket).toMatchObject({ channel: 'social', subject: 'Xin chào, đơn hàng của tôi bị trễ' });
    const customer = (await call(app, 'GET', `/api/v1/customers/${ticket.customer_id}`, { as: ws.as })).json();
    expect(customer).toMatchObject({ name: 'Nguyen An', identities: [expect.objectContaining({ kind: 'social', value: 'telegram:5550001' })] });
    const messages = (await call(app, 'GET', `/api/v1/tickets/${ticket.id}/messages`, { as: ws.as })).json().data as Body[];
    expect(messages.map((m) => m.body_text)).toEqual([
      'Xin chào, đơn hàng của tôi bị trễ',
      '(edited) Xin chào, đơn hàng #42 của tôi bị trễ',
      'Ảnh gói hàng bị hỏng\n[photo]',
    ]);
    expect(messages[2]?.metadata.webhook).toMatchObject({ kind: 'telegram', conversation_id: '5550001', update_id: 900003, attachments: [{ kind: 'photo', file_id: 'AgAC-large' }] });

    // A group chat is its own conversation; the sender is still found by their Telegram id.
    const group = await deliver(TELEGRAM_UPDATES.document);
    expect(group.json().ticket_id).not.toBe(ticket.id);
    const groupMessages = (await call(app, 'GET', `/api/v1/tickets/${group.json().ticket_id}/messages`, { as: ws.as })).json().data as Body[];
    expect(groupMessages[0]?.body_text).toBe('[document: faktura.pdf]');
  });

  it('refuses a wrong secret header, a wrong path token, another channel kind; bad JSON is 400', async () => {
    const { app } = get();
    const { ws, channel, deliver } = await setup();
    const wrongHeader = await deliver(TELEGRAM_UPDATES.text, 'nope');
    expect(wrongHeader.statusCode).toBe(401);
    expect(wrongHeader.json().code).toBe('webhook_signature_invalid');
    expect((await deliver(TELEGRAM_UPDATES.text, null)).statusCode).toBe(401);
    const path = String(channel.telegram_webhook_path);
    // Change the token's last character to a different one (a fixed 'x' would match 1 time in 64).
    const wrongPath = `${path.slice(0, -1)}${path.endsWith('x') ? 'y' : 'x'}`;
    expect((await deliver(TELEGRAM_UPDATES.text, channel.signing_secret, wrongPath)).statusCode).toBe(401);
    // The generic inbound route does not take a telegram channel (and vice versa).
    expect((await call(app, 'POST', `/api/v1/public/webhooks/${channel.id}`, { body: {} })).statusCode).toBe(404);
    const bad = await call(app, 'POST', path, { body: '{"update_id":', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': channel.signing_secret } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('malformed_json');
    expect((await call(app, 'GET', '/api/v1/tickets', { as: ws.as })).json().data).toEqual([]);
  });

  it('agent replies go out through sendMessage at the configured base URL; long ones in parts; a refusal is a ticket event', async () => {
    const { app, database, config } = get();
    const { ws, deliver } = await setup();
    const inbound = (await deliver(TELEGRAM_UPDATES.text)).json();
    const reply = (await call(app, 'POST', `/api/v1/tickets/${inbound.ticket_id}/messages`, { as: ws.as, body: { body_text: 'Chào bạn, chúng tôi đang kiểm tra.' } })).json();
    const before = telegram.requests.length;
    expect(await deliverWebhookReply({ db: database.db, config }, ws.workspaceId, reply.id, clock.now())).toBe('sent');
    const sent = telegram.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.path).toBe(`/bot${BOT_TOKEN}/sendMessage`);
    expect(JSON.parse(String(sent[0]?.body))).toEqual({ chat_id: '5550001', text: 'Chào bạn, chúng tôi đang kiểm tra.' });

    // 5,000 characters: two sendMessage calls; a failure after the first resumes with the second.
    const long = (await call(app, 'POST', `/api/v1/tickets/${inbound.ticket_id}/messages`, { as: ws.as, body: { body_text: 'a'.repeat(5000) } })).json();
    telegram.respondWith(200, 502, 200);
    const mark = telegram.requests.length;
    await expect(deliverWebhookReply({ db: database.db, config }, ws.workspaceId, long.id, clock.now())).rejects.toThrow(/HTTP 502/);
    expect(await deliverWebhookReply({ db: database.db, config }, ws.workspaceId, long.id, clock.now())).toBe('sent');
    const texts = telegram.requests.slice(mark).map((r) => (JSON.parse(r.body) as { text: string }).text.length);
    expect(texts).toEqual([4096, 904, 904]);

    telegram.respondWith(403);
    const blocked = (await call(app, 'POST', `/api/v1/tickets/${inbound.ticket_id}/messages`, { as: ws.as, body: { body_text: 'Still there?' } })).json();
    expect(await deliverWebhookReply({ db: database.db, config }, ws.workspaceId, blocked.id, clock.now())).toBe('failed');
    const events = (await call(app, 'GET', `/api/v1/tickets/${inbound.ticket_id}/events`, { as: ws.as })).json().data as Body[];
    const failed = events.find((e) => e.type === 'webhook_delivery_failed');
    expect(failed?.data.reason).toMatch(/HTTP 403/);
    expect(JSON.stringify(events)).not.toContain(BOT_TOKEN);
  });
}, { clock: () => clock });
