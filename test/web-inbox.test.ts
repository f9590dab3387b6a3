import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations, shot, startWebTestEnv, stopWebTestEnv } from './web-browser.ts';
import { countLabel, savedViewQuery, selectRange, toStoredFilters, viewQuery } from '../web/src/features/inbox/views.ts';
import { type WorkspaceFixture, addUser, createTicket, createWorkspace } from './factories.ts';
import { type TestContext, call } from './harness.ts';

/**
 * The inbox's triage tools in Chromium against the real server on PGlite: row selection (click,
 * shift-click, `x`), bulk assign, merge with confirmation, saving a view and seeing its count;
 * axe-core with the bulk bar and the merge dialog open. Screenshots go to test-artifacts/web/.
 */
const ME = '01900000-0000-7000-8000-00000000000a';

describe('inbox views, saved filters and selection (pure)', () => {
  it('a saved view becomes a list query; `me` is the viewer; address-bar filters narrow it', () => {
    const view = { filters: { status: ['new', 'open'], assignee_id: 'me', tag: 'vip', sla: 'breaching' }, sort: 'sla_due' };
    expect(savedViewQuery(view, ME, { q: 'printer' })).toEqual({ status: 'new,open', assignee_id: ME, tag: 'vip', sla: 'breaching', sort: 'sla_due', q: 'printer' });
    expect(savedViewQuery({ filters: {}, sort: 'updated_at' }, ME, {})).toEqual({});
  });

  it('what the inbox shows now saves as a view filter and reads back the same', () => {
    const query = viewQuery('my_open', ME, { team_id: '01900000-0000-7000-8000-00000000000b', q: 'printer' });
    const stored = toStoredFilters(query, ME);
    expect(stored).toEqual({ filters: { status: ['new', 'open'], assignee_id: 'me', team_id: '01900000-0000-7000-8000-00000000000b', q: 'printer' }, sort: 'updated_at' });
    expect(savedViewQuery(stored, ME, {})).toEqual(query);
    expect(toStoredFilters(viewQuery('sla_soon', ME, {}), ME).sort).toBe('sla_due');
  });

  it('counts show "+" past the cap; shift ranges select or unselect every row between', () => {
    const format = (n: number) => new Intl.NumberFormat('en').format(n);
    expect(countLabel({ count: 10_000, capped: true }, format)).toBe('10,000+');
    expect(countLabel({ count: 3, capped: false }, format)).toBe('3');
    expect(countLabel(undefined, format)).toBe('');
    const ids = ['a', 'b', 'c', 'd'];
    expect([...selectRange(new Set(['a']), ids, 3, 1, true)].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect([...selectRange(new Set(ids), ids, 0, 2, false)]).toEqual(['d']);
  });
});

let ctx: TestContext;
let baseUrl: string;
let browser: Browser;
let ws: WorkspaceFixture;

const ticketById = async (id: string) => (await call(ctx.app, 'GET', `/api/v1/tickets/${id}`, { as: ws.as })).json();

describe('inbox triage tools in Chromium', () => {
  beforeAll(async () => {
    ({ ctx, baseUrl, browser } = await startWebTestEnv());
    ws = await createWorkspace(ctx.app);
  }, 180_000);

  afterAll(async () => {
    await stopWebTestEnv(ctx, browser);
  }, 60_000);

  it('select two tickets, bulk-assign, merge one into another, save a view and see its count', async () => {
    const agent = await addUser(ctx.app, ws, 'agent');
    const first = await createTicket(ctx.app, ws.as, { subject: 'Bulk triage first', customer: { email: 'nok@example.com' } });
    const second = await createTicket(ctx.app, ws.as, { subject: 'Bulk triage second', customer: { email: 'nok@example.com' } });
    const third = await createTicket(ctx.app, ws.as, { subject: 'Bulk triage third' });

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    await page.getByLabel('Email').fill(ws.owner.email);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/inbox\//);
    // Counts appear next to the built-in views.
    await expect.poll(() => page.getByRole('link', { name: /All open/ }).textContent()).toMatch(/All open\s*3$/);

    await page.goto(`${baseUrl}/inbox/all_open?q=Bulk%20triage`);
    await page.getByRole('link', { name: /Bulk triage first/ }).waitFor();
    // Newest first: third, second, first. A click selects one; `x` on the focused row another.
    await page.getByRole('checkbox', { name: `Select ticket #${third.number}` }).click();
    // Focus is on the first row's checkbox: j moves to the next row.
    await page.keyboard.press('j');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Bulk triage second');
    await page.keyboard.press('x');
    await page.getByRole('heading', { name: '2 tickets selected' }).waitFor();
    await expectNoSeriousA11yViolations(page, 'inbox with the bulk bar');
    await shot(page, 'inbox-bulk-bar');

    await page.getByLabel('Assign to').selectOption(agent.id);
    await page.getByRole('button', { name: 'Apply to 2 tickets' }).click();
    await expect.poll(async () => [(await ticketById(third.id)).assignee_id, (await ticketById(second.id)).assignee_id]).toEqual([agent.id, agent.id]);
    expect((await ticketById(first.id)).assignee_id).toBeNull();
    await page.getByRole('heading', { name: /selected/ }).waitFor({ state: 'detached' });

    // Merge: first and second (a click and a shift-click), keep #first.
    await page.getByRole('checkbox', { name: `Select ticket #${first.number}` }).click();
    await page.getByRole('checkbox', { name: `Select ticket #${second.number}` }).click({ modifiers: ['Shift'] });
    await page.getByRole('heading', { name: '2 tickets selected' }).waitFor();
    await page.getByRole('button', { name: 'Merge…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Merge tickets' });
    await dialog.waitFor();
    await dialog.getByRole('radio', { name: new RegExp(`#${first.number} Bulk triage first`) }).check();
    await expectNoSeriousA11yViolations(page, 'merge dialog');
    await shot(page, 'inbox-merge-dialog');
    await dialog.getByRole('button', { name: 'Merge and close 1 ticket' }).click();
    await expect.poll(async () => (await ticketById(second.id)).status).toBe('closed');
    const events = (await call(ctx.app, 'GET', `/api/v1/tickets/${second.id}/events?limit=100`, { as: ws.as })).json().data as { type: string; data: { into?: string } }[];
    expect(events.find((e) => e.type === 'merged')?.data.into).toBe(first.id);
    await page.getByRole('link', { name: /Bulk triage second/ }).waitFor({ state: 'detached' });

    // Save what is on screen (all open + the search) as a view; its count is in the nav.
    await page.getByRole('button', { name: 'Save as view' }).click();
    await page.getByLabel('View name').fill('Bulk triage view');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: 'Bulk triage view' }).waitFor();
    const saved = page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /Bulk triage view/ });
    await expect.poll(() => saved.textContent()).toMatch(/Bulk triage view\s*2$/);
    await page.getByRole('link', { name: /Bulk triage third/ }).waitFor();
    await expectNoSeriousA11yViolations(page, 'saved view');
    await shot(page, 'inbox-saved-view');
    await context.close();
  });
});
