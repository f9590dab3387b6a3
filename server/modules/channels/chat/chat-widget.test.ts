import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWorkspace } from '../../../../test/factories.ts';
import { call, describeEngines } from '../../../../test/harness.ts';
import { TestSocket } from './test-chat-client.ts';

/**
 * The widget in real Chromium (issue 4, item 10): a shop page on another origin embeds
 * `<script src=".../widget.js" data-workspace=…>` as a customer's site would; a visitor opens it
 * and writes; the agent sees the chat through the API, types and answers; the page shows both.
 */
describeEngines('chat widget in Chromium', (get) => {
  let browser: Browser;
  let shop: Server;
  let appUrl = '';
  let shopUrl = '';

  beforeAll(async () => {
    const { app } = get();
    await app.deps.events.start();
    appUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    shop = createServer((req, res) => {
      const slug = new URL(req.url ?? '/', 'http://x').searchParams.get('ws') ?? '';
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html><head><title>Shop</title></head><body><h1>A shop</h1>
<script src="${appUrl}/widget.js" data-workspace="${slug}" data-title="Ask us" async></script></body></html>`);
    });
    await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
    shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => shop?.close(resolve));
  });

  it('a visitor chats with an agent: message, typing both ways, reply, history after reload', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    expect((await call(app, 'POST', '/api/v1/chats/presence', { as: ws.as })).statusCode).toBe(200);
    const agentSocket = await TestSocket.open(`${appUrl.replace('http', 'ws')}/api/v1/chats/socket`, { cookie: (ws.as as { cookie: string }).cookie });

    const context = await browser.newContext();
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${shopUrl}/?ws=${ws.slug}`);
    // Playwright's CSS selectors pierce the widget's open shadow root.
    await page.locator('button.launcher').click();
    await expect.poll(() => page.locator('header .s').textContent(), { timeout: 10_000 }).toBe('We are online');

    await page.locator('textarea').fill('Hello from the shop');
    await page.locator('textarea').press('Enter');
    await expect.poll(() => page.locator('.b.visitor:not(.unsent)').count(), { timeout: 10_000 }).toBe(1);

    const waiting = (await call(app, 'GET', '/api/v1/chats?state=waiting', { as: ws.as })).json<{ data: { ticket_id: string; page_url: string }[] }>().data;
    expect(waiting).toHaveLength(1);
    const ticketId = waiting[0]?.ticket_id ?? '';
    expect(waiting[0]?.page_url).toBe(`${shopUrl}/?ws=${ws.slug}`);
    const ticket = (await call(app, 'GET', `/api/v1/tickets/${ticketId}`, { as: ws.as })).json<{ channel: string }>();
    expect(ticket.channel).toBe('chat');
    const messages = (await call(app, 'GET', `/api/v1/tickets/${ticketId}/messages`, { as: ws.as })).json<{ data: { body_text: string; kind: string }[] }>().data;
    expect(messages).toEqual([expect.objectContaining({ kind: 'customer', body_text: 'Hello from the shop' })]);

    // Typing shows both ways once the chat exists.
    const visitorTyping = agentSocket.next((f) => f.type === 'visitor_typing' && f.typing === true, 10_000);
    await page.locator('textarea').pressSequentially('and', { delay: 20 });
    expect((await visitorTyping).ticket_id).toBe(ticketId);
    await page.locator('textarea').fill('');
    expect((await call(app, 'POST', `/api/v1/chats/${ticketId}/typing`, { as: ws.as, body: { typing: true } })).statusCode).toBe(204);
    await expect.poll(() => page.locator('.typing').textContent(), { timeout: 10_000 }).toBe('Agent is typing…');

    const answer = 'Hi! <b>How</b> can we help?';
    expect((await call(app, 'POST', `/api/v1/tickets/${ticketId}/messages`, { as: ws.as, body: { body_text: answer } })).statusCode).toBe(201);
    await expect.poll(() => page.locator('.b.agent').last().textContent(), { timeout: 10_000 }).toBe(`Owner${answer}`);
    expect(await page.locator('.b.agent b').count()).toBe(0); // shown as text, never as HTML
    expect(await page.locator('.typing').textContent()).toBe('');

    // Same browser, new page view: the token in localStorage brings the conversation back.
    await page.reload();
    await page.locator('button.launcher').click();
    await expect.poll(() => page.locator('.b').allTextContents(), { timeout: 10_000 }).toEqual(['Hello from the shop', `Owner${answer}`]);
    expect(pageErrors).toEqual([]);
    agentSocket.close();
    await context.close();
  });

  it('with nobody online the widget asks for the email, and the message becomes an email ticket', async () => {
    const { app } = get();
    const ws = await createWorkspace(app);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${shopUrl}/?ws=${ws.slug}`);
    await page.locator('button.launcher').click();
    await expect.poll(() => page.locator('header .s').textContent(), { timeout: 10_000 }).toBe('We are away: leave a message and your email');
    await page.locator('textarea').fill('My parcel is late');
    await page.locator('textarea').press('Enter');
    await page.locator('form.email').waitFor({ state: 'visible', timeout: 10_000 });
    await page.locator('input[type=email]').fill('pim@example.com');
    await page.locator('form.email button').click();
    await expect.poll(() => page.locator('.log .note').last().textContent(), { timeout: 10_000 }).toBe('Nobody is online right now. We will answer by email at pim@example.com.');
    const tickets = (await call(app, 'GET', '/api/v1/tickets?channel=email', { as: ws.as })).json<{ data: { tags: string[]; subject: string }[] }>().data;
    expect(tickets).toEqual([expect.objectContaining({ tags: ['chat-offline'], subject: 'Chat: My parcel is late' })]);
    await context.close();
  });
});
