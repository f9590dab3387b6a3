import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations, shot, startWebTestEnv, stopWebTestEnv } from './web-browser.ts';
import { type WorkspaceFixture, createTicket, createWorkspace } from './factories.ts';
import { type TestContext, call } from './harness.ts';

/**
 * The survey screens in real Chromium against the real server on PGlite (issue 6, item 8): an
 * admin creates a CSAT survey through the UI, switches on the after-solve trigger, edits the Thai
 * title and previews the real page in Thai, starts a study and follows it, reads a response with
 * its comment (filtered), and sees the rating in the ticket view; axe-core on each screen. Then
 * the chat widget on a shop's page shows the inline survey when the chat ends and records the answer.
 */
const THAI_TITLE = 'บริการของเราเป็นอย่างไรบ้าง';

let ctx: TestContext;
let baseUrl: string;
let browser: Browser;
let ws: WorkspaceFixture;
let shop: Server;
let shopUrl: string;


describe('survey screens in Chromium', () => {
  beforeAll(async () => {
    ({ ctx, baseUrl, browser } = await startWebTestEnv());
    ws = await createWorkspace(ctx.app);
    shop = createServer((req, res) => {
      const slug = new URL(req.url ?? '/', 'http://x').searchParams.get('ws') ?? '';
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><head><title>Shop</title></head><body><h1>A shop</h1>
<script src="${baseUrl}/widget.js" data-workspace="${slug}" async></script></body></html>`);
    });
    await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
    shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
  }, 240_000);

  afterAll(async () => {
    await new Promise((resolve) => shop?.close(resolve));
    await stopWebTestEnv(ctx, browser);
  }, 60_000);

  it('create a CSAT survey, preview it in Thai, start a study, read a response and see the ticket rating; then the inline chat survey', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${baseUrl}/`);
    await page.getByLabel('Email').fill(ws.owner.email);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/inbox\//);

    // The list and a new survey.
    await page.getByRole('link', { name: 'Surveys', exact: true }).click();
    await page.getByRole('heading', { name: 'Surveys and studies' }).waitFor();
    await page.getByText('No surveys yet.').waitFor();
    await expectNoSeriousA11yViolations(page, 'surveys list');
    await page.getByLabel('Name', { exact: true }).fill('CSAT after tickets');
    await page.getByRole('combobox', { name: /^Type/ }).selectOption('csat');
    await page.getByRole('button', { name: 'Create survey' }).click();
    await page.waitForURL(/\/surveys\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'CSAT after tickets' }).waitFor();
    const surveyId = (/\/surveys\/([0-9a-f-]{36})/.exec(page.url()) as RegExpExecArray)[1] as string;

    // Settings: the after-solve trigger.
    await page.getByLabel('Send this survey when a ticket is solved').check();
    await page.getByLabel('Delay (minutes)').fill('30');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const saved = (await call(ctx.app, 'GET', `/api/v1/surveys/${surveyId}`, { as: ws.as })).json();
    expect(saved.settings.send_after_solved).toMatchObject({ enabled: true, delay_minutes: 30 });
    await expectNoSeriousA11yViolations(page, 'survey settings');
    await shot(page, 'surveys-settings', { fullPage: true });

    // Questions: the Thai title, then the preview in Thai renders the real page.
    await page.getByRole('link', { name: 'Questions' }).click();
    const title = page.getByRole('group', { name: 'Title', exact: true });
    await title.getByLabel('ไทย').fill(THAI_TITLE);
    await page.getByRole('button', { name: 'Save questions' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await expectNoSeriousA11yViolations(page, 'survey questions');
    await page.getByRole('link', { name: 'Preview' }).click();
    // The preview's language radio: a label alone also matched the questions tab's Thai fields
    // while that tab was still on screen.
    await page.getByRole('radio', { name: 'ไทย' }).check();
    const frame = page.frameLocator('iframe.preview-frame');
    await expect.poll(() => frame.locator('h1').textContent(), { timeout: 10_000 }).toBe(THAI_TITLE);
    expect(await frame.locator('html').getAttribute('lang')).toBe('th');
    expect(await frame.locator('legend').first().textContent()).toContain('คุณพึงพอใจ');
    await expectNoSeriousA11yViolations(page, 'survey preview');
    await shot(page, 'surveys-preview-th', { fullPage: true });

    // A customer answers through a link (as from an email), about a ticket.
    const ticket = await createTicket(ctx.app, ws.as, { subject: 'Parcel never came' });
    const inv = (await call(ctx.app, 'POST', `/api/v1/surveys/${surveyId}/invitations`, { as: ws.as, body: { customer_id: ticket.customer_id, ticket_id: ticket.id } })).json();
    const answer = await fetch(String(inv.url).replace(/^https?:\/\/[^/]+/, baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ answers: { csat: 2, comment: 'Too slow, but polite. ขอบคุณ' } }),
    });
    expect(answer.status).toBe(200);

    // Studies: start one for everyone, then follow its progress.
    await page.getByRole('link', { name: 'Studies' }).click();
    await page.getByLabel('Sample size').fill('10');
    await page.getByRole('button', { name: 'Start the study' }).click();
    await page.getByRole('status').filter({ hasText: /Started: \d+ customers? invited/ }).waitFor();
    await page.getByRole('cell', { name: 'Study', exact: true }).waitFor();
    await expectNoSeriousA11yViolations(page, 'survey studies');
    await shot(page, 'surveys-studies', { fullPage: true });

    // Responses with their comments; filters.
    await page.getByRole('link', { name: 'Responses' }).click();
    await page.getByRole('cell', { name: 'Too slow, but polite. ขอบคุณ' }).waitFor();
    await page.getByRole('cell', { name: 'CSAT 2' }).waitFor();
    await expectNoSeriousA11yViolations(page, 'survey responses');
    await shot(page, 'surveys-responses', { fullPage: true });
    await page.getByRole('combobox', { name: /^Comment/ }).selectOption('false');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('No responses match.').waitFor();
    await page.getByRole('combobox', { name: /^Comment/ }).selectOption('true');
    await page.getByLabel('Score at most').fill('2');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('cell', { name: 'Too slow, but polite. ขอบคุณ' }).waitFor();
    await page.getByRole('link', { name: 'Open ticket' }).click();

    // The ticket view shows the rating.
    await page.waitForURL(new RegExp(`/tickets/${ticket.id}`));
    const rating = page.getByRole('region', { name: 'Customer rating' });
    await rating.getByText('2 / 5').waitFor();
    await rating.getByText('Too slow, but polite. ขอบคุณ').waitFor();
    await expectNoSeriousA11yViolations(page, 'ticket rating', '[aria-labelledby="ticket-rating-title"]');
    await shot(page, 'surveys-ticket-rating', { fullPage: true });
    await context.close();

    // The inline survey in the chat widget on a shop's page (another origin).
    expect((await call(ctx.app, 'POST', '/api/v1/chats/presence', { as: ws.as })).statusCode).toBe(200);
    const visitor = await browser.newContext();
    const shopPage = await visitor.newPage();
    shopPage.on('pageerror', (e) => pageErrors.push(e.message));
    await shopPage.goto(`${shopUrl}/?ws=${ws.slug}`);
    await shopPage.locator('button.launcher').click();
    await expect.poll(() => shopPage.locator('header .s').textContent(), { timeout: 10_000 }).toBe('We are online');
    await shopPage.locator('form.compose textarea').fill('Is my order shipped?');
    await shopPage.locator('form.compose textarea').press('Enter');
    await expect.poll(() => shopPage.locator('.b.visitor:not(.unsent)').count(), { timeout: 10_000 }).toBe(1);
    const chat = (await call(ctx.app, 'GET', '/api/v1/chats?state=waiting', { as: ws.as })).json().data[0] as { ticket_id: string };
    expect((await call(ctx.app, 'POST', `/api/v1/chats/${chat.ticket_id}/end`, { as: ws.as })).statusCode).toBe(204);
    const survey = shopPage.locator('form.survey');
    await survey.waitFor({ timeout: 10_000 });
    expect(await survey.locator('legend').textContent()).toBe('How satisfied were you with the help you received?');
    await survey.getByRole('button', { name: '5: Very satisfied' }).click();
    await survey.locator('textarea').fill('Fast answer');
    await survey.getByRole('button', { name: 'Send my answers' }).click();
    await shopPage.locator('.note', { hasText: 'Thank you! Your answers have been recorded.' }).waitFor({ timeout: 10_000 });
    const ratings = (await call(ctx.app, 'GET', `/api/v1/survey-responses?ticket_id=${chat.ticket_id}`, { as: ws.as })).json().data;
    expect(ratings).toEqual([expect.objectContaining({ scores: [{ role: 'csat', value: 5, min: 1, max: 5 }], comment: 'Fast answer' })]);
    await shot(shopPage, 'surveys-chat-inline');
    await visitor.close();
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
