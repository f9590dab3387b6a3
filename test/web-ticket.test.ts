import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, expectNoSeriousA11yViolations, shot, startWebTestEnv, stopWebTestEnv } from './web-browser.ts';
import { type WorkspaceFixture, addUser, createTicket, createWorkspace, TEST_PASSWORD } from './factories.ts';
import { type TestContext, call } from './harness.ts';

/**
 * The ticket view's macros, attachments, custom fields and presence in real Chromium against the
 * real server on PGlite; axe-core on the ticket view. Screenshots go to test-artifacts/web/.
 */

let ctx: TestContext;
let baseUrl: string;
let browser: Browser;
let ws: WorkspaceFixture;
let bob: { id: string; email: string };

async function signedIn(email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/inbox\//);
  return { context, page };
}

const ticketById = async (id: string) => (await call(ctx.app, 'GET', `/api/v1/tickets/${id}`, { as: ws.as })).json();

describe('ticket view in Chromium: macros, attachments, custom fields, presence', () => {
  beforeAll(async () => {
    ({ ctx, baseUrl, browser } = await startWebTestEnv());
    ws = await createWorkspace(ctx.app);
    bob = await addUser(ctx.app, ws, 'agent', 'Bob Agent');
  }, 180_000);

  afterAll(async () => {
    await stopWebTestEnv(ctx, browser);
  }, 60_000);

  it('applies a macro with placeholders, sends an attachment and downloads it, with axe on the ticket view', async () => {
    const macro = await call(ctx.app, 'POST', '/api/v1/macros', {
      as: ws.as,
      body: {
        name: 'Refund approved',
        kind: 'public_reply',
        content: { en: { text: 'Hi {{customer.first_name}}, your refund for #{{ticket.number}} is approved. Order {{order.id}}.' } },
        actions: { status: 'pending', add_tags: ['refund'] },
      },
    });
    expect(macro.statusCode).toBe(201);
    await call(ctx.app, 'POST', '/api/v1/macros', { as: ws.as, body: { name: 'Shipping delay', content: { en: { text: 'Sorry for the delay.' } } } });
    const ticket = await createTicket(ctx.app, ws.as, { subject: 'Refund please', customer: { email: 'somchai@example.co.th', name: 'Somchai Jaidee' } });

    const { context, page } = await signedIn(ws.owner.email);
    await page.goto(`${baseUrl}/tickets/${ticket.id}`);
    await page.getByText('Please help, smoke everywhere.').waitFor();
    await expectNoSeriousA11yViolations(page, 'ticket view');

    // Keyboard only: open the picker, search, preview with Enter, insert with Enter.
    await page.getByRole('button', { name: 'Macros' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('combobox', { name: 'Search macros' }).waitFor();
    await page.getByRole('option', { name: /Shipping delay/ }).waitFor();
    await page.keyboard.type('refund');
    await expect.poll(() => page.getByRole('listbox', { name: 'Insert a macro' }).getByRole('option').count()).toBe(1);
    await expectNoSeriousA11yViolations(page, 'macro picker');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Preview: Refund approved' }).waitFor();
    await page.getByText('Unknown placeholders left in the text: {{order.id}}').waitFor();
    await page.getByText('Status: Pending').waitFor();
    await shot(page, 'ticket-macro-preview');
    await page.keyboard.press('Enter');
    const text = page.getByLabel('Reply to the customer');
    await expect.poll(() => text.inputValue()).toBe(`Hi Somchai, your refund for #${ticket.number} is approved. Order {{order.id}}.`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('reply-text');
    await page.getByRole('heading', { name: 'When sent, the macro “Refund approved” also changes the ticket:' }).waitFor();
    await text.fill(`Hi Somchai, your refund for #${ticket.number} is approved. Order A-1001.`);

    // Attach a file: uploaded at once, listed with a remove button; a second one is removed again.
    const invoice = Buffer.from('Invoice A-1001\nTotal: 1,250 THB\n');
    await page.locator('#reply-files').setInputFiles([
      { name: 'invoice.txt', mimeType: 'text/plain', buffer: invoice },
      { name: 'wrong.txt', mimeType: 'text/plain', buffer: Buffer.from('not this one') },
    ]);
    await page.getByRole('button', { name: 'Remove wrong.txt' }).click();
    await page.getByRole('button', { name: 'Remove invoice.txt' }).waitFor();
    await expect.poll(() => page.getByRole('list', { name: 'Files to send' }).getByRole('listitem').count()).toBe(1);
    await expectNoSeriousA11yViolations(page, 'ticket view with a draft');
    await shot(page, 'ticket-reply-draft');
    await page.getByRole('button', { name: 'Send reply' }).click();

    const link = page.locator('.message-public_reply').getByRole('link', { name: 'invoice.txt' });
    await link.waitFor();
    await expect.poll(async () => (await ticketById(ticket.id)).status).toBe('pending');
    expect((await ticketById(ticket.id)).tags).toContain('refund');
    const messages = (await call(ctx.app, 'GET', `/api/v1/tickets/${ticket.id}/messages`, { as: ws.as })).json().data;
    expect(messages[1].attachments).toEqual([expect.objectContaining({ filename: 'invoice.txt', content_type: 'text/plain', size: invoice.length })]);
    expect(messages[1].body_text).toContain('Order A-1001.');

    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = path.join(ARTIFACTS, 'downloaded-invoice.txt');
    await download.saveAs(file);
    const { readFile } = await import('node:fs/promises');
    expect((await readFile(file)).equals(invoice)).toBe(true);
    await expect.poll(() => page.getByRole('list', { name: 'Files to send' }).count()).toBe(0);
    await context.close();
  });

  it('edits custom fields: text, number and yes/no, saved with the ticket', async () => {
    const ticket = await createTicket(ctx.app, ws.as, { subject: 'Fields', custom_fields: { source: 'app', extra: { nested: true } } });
    const { context, page } = await signedIn(ws.owner.email);
    await page.goto(`${baseUrl}/tickets/${ticket.id}`);
    await expect.poll(() => page.getByLabel('Value of source').inputValue()).toBe('app');
    await page.getByText('kept as is ({"nested":true})').waitFor();

    await page.getByRole('button', { name: 'Add field' }).click();
    await page.getByLabel('Field name').last().fill('quantity');
    await page.getByLabel('Type of quantity').selectOption('number');
    await page.getByLabel('Value of quantity').fill('3');
    await page.getByRole('button', { name: 'Add field' }).click();
    await page.getByLabel('Field name').last().fill('vip');
    await page.getByLabel('Type of vip').selectOption('boolean');
    await page.getByLabel('Value of vip').check();
    await page.getByLabel('Value of source').fill('web');
    await page.getByRole('button', { name: 'Save fields' }).click();
    await page.getByText('Custom fields saved.').waitFor();
    await expect.poll(async () => (await ticketById(ticket.id)).custom_fields).toEqual({ source: 'web', extra: { nested: true }, quantity: 3, vip: true });

    // A bad number is caught before saving; nothing typed is lost.
    await page.getByLabel('Type of source').selectOption('number');
    await page.getByRole('button', { name: 'Save fields' }).click();
    await page.getByText('“source” needs a number.').waitFor();
    expect(await page.getByLabel('Value of source').inputValue()).toBe('web');
    await page.getByRole('button', { name: 'Remove field source' }).click();
    await page.getByRole('button', { name: 'Save fields' }).click();
    await expect.poll(async () => (await ticketById(ticket.id)).custom_fields).toEqual({ extra: { nested: true }, quantity: 3, vip: true });
    await expectNoSeriousA11yViolations(page, 'custom fields');
    await shot(page, 'ticket-custom-fields');
    await context.close();
  });

  it('shows another agent viewing, then replying, then gone (two browser contexts)', async () => {
    const ticket = await createTicket(ctx.app, ws.as, { subject: 'Collision test' });
    const a = await signedIn(ws.owner.email);
    const b = await signedIn(bob.email);
    await a.page.goto(`${baseUrl}/tickets/${ticket.id}`);
    await a.page.getByText('Please help, smoke everywhere.').waitFor();
    // Nobody else yet; my own presence is not shown.
    await expect.poll(() => a.page.locator('.presence .badge').count()).toBe(0);

    await b.page.goto(`${baseUrl}/tickets/${ticket.id}`);
    await a.page.getByText('Bob Agent is viewing').waitFor({ timeout: 15_000 });
    await b.page.getByLabel('Reply to the customer').fill('I am answering this one');
    await a.page.getByText('Bob Agent is replying').waitFor({ timeout: 15_000 });
    await a.page.getByText('Someone else is replying to this ticket. Check before you send.').waitFor();
    await b.page.getByText('Owner is viewing').waitFor({ timeout: 15_000 });
    await expectNoSeriousA11yViolations(a.page, 'ticket view with presence');
    await shot(a.page, 'ticket-presence');

    await b.page.goto(`${baseUrl}/inbox/all_open`);
    await expect.poll(() => a.page.locator('.presence .badge').count(), { timeout: 15_000 }).toBe(0);
    await a.context.close();
    await b.context.close();
  });
});
