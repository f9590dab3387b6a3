import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser, createWorkspace } from '../../../../test/factories.ts';
import { call, describeEngines } from '../../../../test/harness.ts';
import { ManualClock } from '../../../platform/clock.ts';
import { createMailer } from '../../../platform/mailer.ts';
import { deliverFormAcknowledgement } from './form-acknowledgement.ts';
import { type SmtpSink, startSmtpSink } from './smtp-sink.ts';

const clock = new ManualClock(new Date('2026-03-02T08:10:00Z'));
type Body = Record<string, any>;
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => sink.close());

describeEngines('channels: web form', (get) => {
  async function setup(body: Record<string, unknown> = {}) {
    const { app } = get();
    const ws = await createWorkspace(app);
    const res = await call(app, 'POST', '/api/v1/forms', { as: ws.as, body: { name: 'Contact us', ...body } });
    expect(res.statusCode, res.body).toBe(201);
    return { ws, form: res.json() as Body };
  }

  it('admin CRUD: defaults, changes, audit, roles, other workspaces', async () => {
    const { app } = get();
    const { ws, form } = await setup({ fields: [{ key: 'email', required: true }, { key: 'message' }, { key: 'order_no', label: { en: 'Order number', th: 'เลขที่คำสั่งซื้อ' } }] });
    expect(form).toMatchObject({ enabled: true, locale: 'en', priority: 'normal', spam_blocked: 0, submit_path: `/api/v1/public/forms/${form.id}` });
    const agent = await addUser(app, ws, 'agent');
    expect((await call(app, 'GET', `/api/v1/forms/${form.id}`, { as: agent.as })).statusCode).toBe(200);
    expect((await call(app, 'PATCH', `/api/v1/forms/${form.id}`, { as: agent.as, body: { enabled: false } })).statusCode).toBe(403);
    const changed = await call(app, 'PATCH', `/api/v1/forms/${form.id}`, { as: ws.as, body: { priority: 'high', tags: ['web'] } });
    expect(changed.json()).toMatchObject({ priority: 'high', tags: ['web'] });
    const list = await call(app, 'GET', '/api/v1/forms?limit=1', { as: ws.as });
    expect(list.json().data.map((f: Body) => f.id)).toEqual([form.id]);
    const audit = await call(app, 'GET', `/api/v1/audit-log?entity_id=${form.id}`, { as: ws.as });
    expect(audit.json().data.map((a: Body) => a.action).sort()).toEqual(['form.created', 'form.updated']);

    const bad = await call(app, 'POST', '/api/v1/forms', { as: ws.as, body: { name: 'x', fields: [{ key: 'message' }] } });
    expect(bad.statusCode).toBe(400);
    const reserved = await call(app, 'POST', '/api/v1/forms', { as: ws.as, body: { name: 'x', fields: [{ key: 'email' }, { key: 'website' }] } });
    expect(reserved.statusCode).toBe(400);

    const other = await createWorkspace(app);
    expect((await call(app, 'GET', `/api/v1/forms/${form.id}`, { as: other.as })).statusCode).toBe(404);
    expect((await call(app, 'PATCH', `/api/v1/forms/${form.id}`, { as: other.as, body: { enabled: false } })).statusCode).toBe(404);
    expect((await call(app, 'DELETE', `/api/v1/forms/${form.id}`, { as: other.as })).statusCode).toBe(404);
    expect((await call(app, 'GET', '/api/v1/forms', { as: other.as })).json().data).toEqual([]);
    expect((await call(app, 'DELETE', `/api/v1/forms/${form.id}`, { as: ws.as })).statusCode).toBe(204);
    expect((await call(app, 'GET', `/api/v1/forms/${form.id}`, { as: ws.as })).statusCode).toBe(404);
  });

  it('a JSON submission opens a web_form ticket for the customer by email and acknowledges it in their language', async () => {
    const { app, database } = get();
    const { ws, form } = await setup({
      locale: 'th',
      priority: 'high',
      category: 'Sales',
      fields: [{ key: 'name' }, { key: 'email', required: true }, { key: 'subject' }, { key: 'message', required: true }, { key: 'plan', type: 'select', options: ['basic', 'pro'], label: 'Plan' }],
    });
    const res = await call(app, 'POST', form.submit_path, {
      body: { name: 'Malee', email: 'Malee@Example.com', subject: 'ขอใบเสนอราคา', message: 'สนใจแพ็กเกจ pro ค่ะ', plan: 'pro' },
      remoteAddress: '203.0.113.5',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ status: 'received' });

    const tickets = (await call(app, 'GET', '/api/v1/tickets?channel=web_form', { as: ws.as })).json().data as Body[];
    expect(tickets).toHaveLength(1);
    const ticket = tickets[0] as Body;
    expect(ticket).toMatchObject({ subject: 'ขอใบเสนอราคา', priority: 'high', category: 'Sales', custom_fields: { plan: 'pro' } });
    const customer = (await call(app, 'GET', `/api/v1/customers/${ticket.customer_id}`, { as: ws.as })).json();
    expect(customer).toMatchObject({ name: 'Malee', identities: [expect.objectContaining({ kind: 'email', value: 'malee@example.com' })] });
    const messages = (await call(app, 'GET', `/api/v1/tickets/${ticket.id}/messages`, { as: ws.as })).json().data as Body[];
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ kind: 'customer', channel: 'web_form', body_text: 'สนใจแพ็กเกจ pro ค่ะ\n\nPlan: pro', author_customer_id: customer.id });
    expect(messages[0]?.metadata.form).toMatchObject({ form_id: form.id, email: 'malee@example.com', locale: 'th' });

    // The acknowledgement was queued in the same transaction...
    const queued = await sql<{ n: number }>`select count(*)::int as n from pgboss.job where name = 'forms.acknowledge' and data->>'message_id' = ${messages[0]?.id}`.execute(database.db);
    expect(queued.rows[0]?.n).toBe(1);
    // ...and the job sends it through the SMTP relay once.
    const mailer = createMailer({ smtpUrl: sink.url, from: 'Help <help@example.com>' });
    const before = sink.received.length;
    expect(await deliverFormAcknowledgement(database.db, mailer, ws.workspaceId, messages[0]?.id, clock.now())).toBe('sent');
    expect(await deliverFormAcknowledgement(database.db, mailer, ws.workspaceId, messages[0]?.id, clock.now())).toBe('done_before');
    await mailer.close();
    expect(sink.received.length).toBe(before + 1);
    const mail = sink.received.at(-1);
    expect(mail?.subject).toBe(`[#${ticket.number}] เราได้รับคำขอของคุณแล้ว: ขอใบเสนอราคา`);
    expect(mail?.headers.get('auto-submitted')).toBe('auto-replied');
    expect(mail?.to).toMatchObject({ value: [{ address: 'malee@example.com' }] });
    expect(mail?.text).toContain(`#${ticket.number}`);
  });

  it('a refused acknowledgement is visible as a ticket event; no relay: not sent, recorded', async () => {
    const { app, database } = get();
    const { ws, form } = await setup();
    for (const email of ['reject@example.com', 'someone@example.com']) {
      const res = await call(app, 'POST', form.submit_path, { body: { email, message: 'hello' } });
      expect(res.statusCode).toBe(201);
    }
    const tickets = (await call(app, 'GET', '/api/v1/tickets', { as: ws.as })).json().data as Body[];
    const byEmail = async (t: Body) => ((await call(app, 'GET', `/api/v1/tickets/${t.id}/messages`, { as: ws.as })).json().data[0] as Body);
    const rejectedMsg = await byEmail(tickets.find((t) => t.subject === 'hello') as Body);
    const msgs = await Promise.all(tickets.map(byEmail));
    const rejected = msgs.find((m) => m.metadata.form.email === 'reject@example.com') as Body;
    const plain = msgs.find((m) => m.metadata.form.email === 'someone@example.com') as Body;
    expect(rejectedMsg).toBeDefined();
    const mailer = createMailer({ smtpUrl: sink.url, from: 'help@example.com' });
    expect(await deliverFormAcknowledgement(database.db, mailer, ws.workspaceId, rejected.id, clock.now())).toBe('failed');
    await mailer.close();
    const events = (await call(app, 'GET', `/api/v1/tickets/${rejected.ticket_id}/events`, { as: ws.as })).json().data as Body[];
    expect(events.find((e) => e.type === 'acknowledgement_failed')?.data).toMatchObject({ to: 'reject@example.com' });
    const disabled = createMailer({ smtpUrl: undefined, from: 'help@example.com' });
    expect(await deliverFormAcknowledgement(database.db, disabled, ws.workspaceId, plain.id, clock.now())).toBe('not_configured');
  });

  it('url-encoded posts from the embedded page; HTML thanks and error pages; the embed page is localized and escaped', async () => {
    const { app } = get();
    const { ws, form } = await setup({ name: 'Kontakt <script>', fields: [{ key: 'email' }, { key: 'message', required: true }, { key: 'note', label: '<b>Note</b>' }] });
    const embed = await call(app, 'GET', `${form.embed_path}?locale=cs`);
    expect(embed.statusCode).toBe(200);
    expect(embed.headers['content-type']).toContain('text/html');
    expect(embed.headers['content-security-policy']).toContain("default-src 'none'");
    expect(embed.body).toContain('lang="cs"');
    expect(embed.body).toContain('S čím vám můžeme pomoci?');
    expect(embed.body).toContain('name="website"');
    expect(embed.body).toContain(`action="/api/v1/public/forms/${form.id}"`);
    expect(embed.body).not.toContain('<script>');
    expect(embed.body).toContain('&lt;b&gt;Note&lt;/b&gt;');
    for (const locale of ['en', 'th', 'vi', 'ms']) {
      expect((await call(app, 'GET', `${form.embed_path}?locale=${locale}`)).body).toContain(`lang="${locale}"`);
    }
    const headers = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
    const ok = await call(app, 'POST', form.submit_path, { headers, body: 'email=anna%40example.cz&message=Dobr%C3%BD+den&note=x&website=&locale=cs' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.body).toContain('Děkujeme');
    const missing = await call(app, 'POST', form.submit_path, { headers, body: 'message=bez+adresy&locale=cs' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Zkontrolujte prosím formulář');
    // Url-encoded without asking for HTML: JSON / problem+json like any API call.
    const api = await call(app, 'POST', form.submit_path, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'message=x' });
    expect(api.statusCode).toBe(400);
    expect(api.json()).toMatchObject({ code: 'validation_failed', issues: [{ path: 'body.email' }] });
    const tickets = (await call(app, 'GET', '/api/v1/tickets', { as: ws.as })).json().data as Body[];
    expect(tickets.map((t) => t.subject)).toEqual(['Dobrý den']);
    // Url-encoded bodies are accepted by the public form routes only.
    const elsewhere = await call(app, 'POST', '/api/v1/forms', { as: ws.as, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=x' });
    expect(elsewhere.statusCode).toBe(415);
  });

  it('honeypot: accepted, nothing created, counted; disabled and unknown forms are 404; bad input is 400', async () => {
    const { app } = get();
    const { ws, form } = await setup();
    const spam = await call(app, 'POST', form.submit_path, { body: { email: 'bot@example.com', message: 'buy now', website: 'http://spam.example' } });
    expect(spam.statusCode).toBe(201);
    expect(spam.json()).toEqual({ status: 'received' });
    expect((await call(app, 'GET', '/api/v1/tickets', { as: ws.as })).json().data).toEqual([]);
    expect((await call(app, 'GET', `/api/v1/forms/${form.id}`, { as: ws.as })).json().spam_blocked).toBe(1);

    const cases: [unknown, string][] = [
      [{ message: 'no email' }, 'body.email'],
      [{ email: 'not-an-email', message: 'x' }, 'body.email'],
      [{ email: 'a@example.com' }, 'body.message'],
      [{ email: 'a@example.com', message: 'x'.repeat(20_001) }, 'body.message'],
    ];
    for (const [body, path] of cases) {
      const res = await call(app, 'POST', form.submit_path, { body, remoteAddress: '198.51.100.1' });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation_failed', issues: [expect.objectContaining({ path })] });
    }
    expect((await call(app, 'POST', form.submit_path, { body: '{"email":', remoteAddress: '198.51.100.2' })).json().code).toBe('malformed_json');
    expect((await call(app, 'POST', form.submit_path, { body: [1, 2], remoteAddress: '198.51.100.2' })).statusCode).toBe(400);
    expect((await call(app, 'POST', '/api/v1/public/forms/not-a-uuid', { body: {} })).statusCode).toBe(400);
    expect((await call(app, 'POST', '/api/v1/public/forms/00000000-0000-7000-8000-000000000000', { body: {} })).statusCode).toBe(404);
    await call(app, 'PATCH', `/api/v1/forms/${form.id}`, { as: ws.as, body: { enabled: false } });
    const disabled = await call(app, 'POST', form.submit_path, { body: { email: 'a@example.com', message: 'x' } });
    expect(disabled.statusCode).toBe(404);
    expect(disabled.json().code).toBe('not_found');
    expect((await call(app, 'GET', form.embed_path)).statusCode).toBe(404);
    expect((await call(app, 'GET', '/api/v1/tickets', { as: ws.as })).json().data).toEqual([]);
  });

  it('per-IP rate limit in the database: 429 over the limit, other addresses unaffected, a new window opens', async () => {
    const { app } = get();
    const { ws, form } = await setup({ max_per_ip_per_hour: 2 });
    const submit = (ip: string) => call(app, 'POST', form.submit_path, { body: { email: 'r@example.com', message: 'x' }, remoteAddress: ip });
    expect((await submit('192.0.2.1')).statusCode).toBe(201);
    expect((await submit('192.0.2.1')).statusCode).toBe(201);
    const limited = await submit('192.0.2.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json().code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await submit('192.0.2.2')).statusCode).toBe(201);
    clock.advance(3600_000);
    expect((await submit('192.0.2.1')).statusCode).toBe(201);
    expect((await call(app, 'GET', '/api/v1/tickets', { as: ws.as })).json().data).toHaveLength(4);
  });
}, { clock: () => clock });
