import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations, shot, startWebTestEnv, stopWebTestEnv } from './web-browser.ts';
import { type WorkspaceFixture, createTicket, createWorkspace } from './factories.ts';
import { type TestContext, call } from './harness.ts';
import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

/**
 * The agent web app in real Chromium against the real server on PGlite: sign-in, inbox,
 * ticket, reply, keyboard triage, Thai, live updates, drafts, session expiry, and axe-core
 * on each screen. Screenshots go to test-artifacts/web/.
 */

let ctx: TestContext;
let baseUrl: string;
let browser: Browser;
let ws: WorkspaceFixture;

async function newSignedInPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/`);
  await signIn(page);
  return { context, page };
}

async function signIn(page: Page) {
  await page.getByLabel('Email').fill(ws.owner.email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function ticketById(id: string) {
  return (await call(ctx.app, 'GET', `/api/v1/tickets/${id}`, { as: ws.as })).json();
}

describe('web app in Chromium', () => {
  beforeAll(async () => {
    ({ ctx, baseUrl, browser } = await startWebTestEnv());
    ws = await createWorkspace(ctx.app);
  }, 180_000);

  afterAll(async () => {
    await stopWebTestEnv(ctx, browser);
  }, 60_000);

  it('serves the app at / and keeps API 404s as problem+json', async () => {
    const html = await fetch(`${baseUrl}/inbox/all_open`, { headers: { accept: 'text/html' } });
    expect(html.status).toBe(200);
    expect(await html.text()).toContain('<div id="root">');
    const api = await fetch(`${baseUrl}/api/v1/no-such-thing`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
  });

  it('serves the app’s scripts and styles compressed when the browser takes it, as they are otherwise', async () => {
    const index = await (await fetch(`${baseUrl}/`, { headers: { accept: 'text/html' } })).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index)?.[1];
    if (!script) throw new Error('no entry script in index.html');
    const plain = await fetch(`${baseUrl}${script}`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    const bytes = Buffer.from(await plain.arrayBuffer());
    for (const encoding of ['gzip', 'br'] as const) {
      // node:http, not fetch: fetch would undo the encoding and hide what was sent.
      const raw = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        http.get(`${baseUrl}${script}`, { headers: { 'accept-encoding': `${encoding}, deflate` } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        }).on('error', reject);
      });
      expect(raw.headers['content-encoding']).toBe(encoding);
      expect(raw.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(raw.headers['cache-control']).toContain('immutable');
      expect(raw.body.length).toBeLessThan(bytes.length / 2);
      expect((encoding === 'gzip' ? gunzipSync(raw.body) : brotliDecompressSync(raw.body)).equals(bytes)).toBe(true);
    }
    expect((await fetch(`${baseUrl}/assets/no-such-file.js`, { headers: { 'accept-encoding': 'gzip' } })).status).toBe(404);
  });

  it('login → inbox → open ticket → reply → solve, with axe on each screen', async () => {
    const ticket = await createTicket(ctx.app, ws.as, { subject: 'Printer on fire in the web test' });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    await page.waitForURL(/\/login\?next=/);
    await expectNoSeriousA11yViolations(page, 'login');
    await shot(page, 'login');

    await page.getByLabel('Password').fill('wrong password');
    await page.getByLabel('Email').fill(ws.owner.email);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not correct');

    await signIn(page);
    await page.waitForURL(/\/inbox\/my_open/);
    await page.getByRole('link', { name: 'All open' }).click();
    const row = page.getByRole('link', { name: /Printer on fire in the web test/ });
    await row.waitFor();
    await expectNoSeriousA11yViolations(page, 'inbox');
    await shot(page, 'inbox');

    await row.click();
    await page.waitForURL(new RegExp(`/tickets/${ticket.id}`));
    await page.getByText('Please help, smoke everywhere.').waitFor();
    await expectNoSeriousA11yViolations(page, 'ticket');

    await page.getByLabel('Reply to the customer').fill('We are on our way with an extinguisher.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.locator('.message-public_reply', { hasText: 'We are on our way with an extinguisher.' }).waitFor();
    await expect.poll(() => page.getByLabel('Reply to the customer').inputValue()).toBe('');

    await page.getByLabel('Internal note', { exact: true }).check();
    await page.getByLabel('Internal note (only agents see it)').fill('Fire brigade called too.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('.message-internal_note', { hasText: 'Fire brigade called too.' }).waitFor();

    await page.getByLabel('Status', { exact: true }).selectOption('solved');
    await expect.poll(async () => (await ticketById(ticket.id)).status).toBe('solved');
    const messages = (await call(ctx.app, 'GET', `/api/v1/tickets/${ticket.id}/messages`, { as: ws.as })).json().data as { kind: string; body_text: string }[];
    expect(messages.map((m) => m.kind)).toEqual(['customer', 'public_reply', 'internal_note']);
    await shot(page, 'ticket-replied');
    await context.close();
  });

  it('keyboard-only triage: j/k, a assigns to me, e solves, enter opens, r replies', async () => {
    const first = await createTicket(ctx.app, ws.as, { subject: 'Keyboard triage one' });
    const second = await createTicket(ctx.app, ws.as, { subject: 'Keyboard triage two' });
    const { context, page } = await newSignedInPage();
    await page.waitForURL(/\/inbox\//);
    await page.goto(`${baseUrl}/inbox/unassigned?q=Keyboard%20triage`);
    await page.getByRole('link', { name: /Keyboard triage two/ }).waitFor();

    // Newest first: row 0 is "two", row 1 is "one".
    await page.keyboard.press('j');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Keyboard triage two');
    await page.keyboard.press('j');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Keyboard triage one');
    await page.keyboard.press('a');
    await expect.poll(async () => (await ticketById(first.id)).assignee_id).toBe(ws.owner.id);
    await page.keyboard.press('k');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Keyboard triage two');
    await page.keyboard.press('e');
    await expect.poll(async () => (await ticketById(second.id)).status).toBe('solved');
    await shot(page, 'keyboard-triage');

    await page.goto(`${baseUrl}/inbox/my_open?q=Keyboard%20triage`);
    await page.getByRole('link', { name: /Keyboard triage one/ }).waitFor();
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/tickets/${first.id}`));
    await page.goBack();
    await page.getByRole('link', { name: /Keyboard triage one/ }).waitFor();
    await page.keyboard.press('j');
    await page.keyboard.press('r');
    await page.waitForURL(new RegExp(`/tickets/${first.id}\\?reply=1`));
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('reply-text');
    await context.close();
  });

  it('switches to Thai: the inbox is in Thai and the choice is stored on the user', async () => {
    const { context, page } = await newSignedInPage();
    await page.waitForURL(/\/inbox\//);
    await page.getByLabel('Language').selectOption('th');
    await page.getByRole('heading', { name: 'ทิกเก็ตที่เปิดอยู่ของฉัน' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('th');
    await expect.poll(async () => (await call(ctx.app, 'GET', `/api/v1/users/${ws.owner.id}`, { as: ws.as })).json().locale).toBe('th');
    await expectNoSeriousA11yViolations(page, 'inbox (th)');
    await shot(page, 'inbox-thai');
    await page.getByLabel('ภาษา').selectOption('en');
    await page.getByRole('heading', { name: 'My open tickets' }).waitFor();
    await expect.poll(async () => (await call(ctx.app, 'GET', `/api/v1/users/${ws.owner.id}`, { as: ws.as })).json().locale).toBe('en');
    await context.close();
  });

  it("a second browser sees the first one's reply arrive live", async () => {
    const ticket = await createTicket(ctx.app, ws.as, { subject: 'Live update test' });
    const a = await newSignedInPage();
    const b = await newSignedInPage();
    await b.page.waitForURL(/\/inbox\//);
    await b.page.goto(`${baseUrl}/tickets/${ticket.id}`);
    await b.page.getByText('Please help, smoke everywhere.').waitFor();
    await b.page.locator('.live-open').waitFor();

    await a.page.waitForURL(/\/inbox\//);
    await a.page.goto(`${baseUrl}/tickets/${ticket.id}`);
    await a.page.getByLabel('Reply to the customer').fill('Reply seen live by the other agent.');
    await a.page.getByRole('button', { name: 'Send reply' }).click();

    await b.page.getByText('Reply seen live by the other agent.').waitFor({ timeout: 15_000 });
    await shot(b.page, 'live-second-browser');
    await a.context.close();
    await b.context.close();
  });

  it('customers: search the list, open a customer from a ticket, axe on both screens', async () => {
    const ticket = await createTicket(ctx.app, ws.as, {
      subject: 'Customer screen test',
      customer: { email: 'somchai@example.co.th', name: 'Somchai Jaidee' },
    });
    const { context, page } = await newSignedInPage();
    await page.waitForURL(/\/inbox\//);
    await page.getByRole('link', { name: 'Customers' }).click();
    await page.getByLabel('Search customers').fill('somchai@');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('cell', { name: 'somchai@example.co.th' }).waitFor();
    await expectNoSeriousA11yViolations(page, 'customers');

    await page.goto(`${baseUrl}/tickets/${ticket.id}`);
    await page.getByRole('link', { name: 'Somchai Jaidee' }).click();
    await page.waitForURL(new RegExp(`/customers/${ticket.customer_id}`));
    await page.getByRole('link', { name: /Customer screen test/ }).waitFor();
    await expectNoSeriousA11yViolations(page, 'customer');
    await shot(page, 'customer');
    await context.close();
  });

  it('keeps a draft across a reload, and returns to the page after an expired session', async () => {
    const ticket = await createTicket(ctx.app, ws.as, { subject: 'Draft test' });
    const { context, page } = await newSignedInPage();
    await page.waitForURL(/\/inbox\//);
    await page.goto(`${baseUrl}/tickets/${ticket.id}`);
    await page.getByLabel('Reply to the customer').fill('Half-written answer');
    await page.reload();
    await expect.poll(() => page.getByLabel('Reply to the customer').inputValue()).toBe('Half-written answer');

    // The session ends elsewhere (revoked): the next request sends the agent to sign in, and back.
    await page.evaluate(() => fetch('/api/v1/session', { method: 'DELETE' }));
    await page.getByLabel('Status', { exact: true }).selectOption('pending');
    await page.waitForURL(/\/login\?next=/);
    await signIn(page);
    await page.waitForURL(new RegExp(`/tickets/${ticket.id}`));
    await expect.poll(() => page.getByLabel('Reply to the customer').inputValue()).toBe('Half-written answer');
    await context.close();
  });
});
