import { readFileSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshTicketFacts } from '../server/modules/analytics/ticket-facts.service.ts';
import { expectNoSeriousA11yViolations, shot, startWebTestEnv, stopWebTestEnv } from './web-browser.ts';
import { type WorkspaceFixture, TEST_PASSWORD, createTicket, createWorkspace } from './factories.ts';
import { type TestContext, call } from './harness.ts';

/**
 * The dashboard screens of part A (issue 7, item 5) in real Chromium against the real server on
 * PGlite: the overview's tiles and charts carry the API's numbers, the table view shows the same
 * numbers, CSV and PNG export download, an empty range explains itself, service levels render,
 * the consistency screen drills down from a unit to its tickets, a screen in Thai, and axe-core
 * finds no serious or critical violation on each screen.
 */
let ctx: TestContext;
let baseUrl: string;
let browser: Browser;
let ws: WorkspaceFixture;
const teams: { id: string; name: string }[] = [];
const PER_TEAM = 6;

async function signedIn(locale: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.locator('input[type=email]').fill(ws.owner.email);
  await page.locator('input[type=password]').fill(TEST_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.waitForURL(/\/inbox\//);
  return page;
}

/** The <section> of a chart card, found by its heading. */
const card = (page: Page, title: string) => page.locator('section.chart-card').filter({ has: page.getByRole('heading', { name: title, exact: true }) });

describe('dashboard screens (part A) in Chromium', () => {
  beforeAll(async () => {
    ({ ctx, baseUrl, browser } = await startWebTestEnv());
    ws = await createWorkspace(ctx.app);
    for (const name of ['Team Alpha', 'Team Beta']) {
      const res = await call(ctx.app, 'POST', '/api/v1/teams', { as: ws.as, body: { name } });
      expect(res.statusCode).toBe(201);
      teams.push({ id: res.json().id, name });
    }
    // Six tickets per team, each answered and solved: volume, times and units to compare.
    for (const team of teams) {
      for (let i = 0; i < PER_TEAM; i++) {
        const ticket = await createTicket(ctx.app, ws.as, { subject: `${team.name} question ${i}`, team_id: team.id });
        const reply = await call(ctx.app, 'POST', `/api/v1/tickets/${ticket.id}/messages`, { as: ws.as, body: { kind: 'public_reply', body_text: 'On it.' } });
        expect(reply.statusCode).toBe(201);
        const solved = await call(ctx.app, 'PATCH', `/api/v1/tickets/${ticket.id}`, { as: ws.as, body: { status: 'solved' } });
        expect(solved.statusCode).toBe(200);
      }
    }
    // One more, still open: the backlog.
    await createTicket(ctx.app, ws.as, { subject: 'Still waiting', team_id: teams[0]?.id });
    await refreshTicketFacts(ctx.database.db, { now: new Date(Date.now() + 1000) });
  }, 240_000);

  afterAll(async () => {
    await stopWebTestEnv(ctx, browser);
  }, 60_000);

  it('overview: tiles and charts from the API, table view, CSV and PNG export, empty range, axe', async () => {
    const api = (await call(ctx.app, 'GET', '/api/v1/analytics/tickets?group_by=none', { as: ws.as })).json();
    const total = api.groups[0];
    expect(total.created).toBe(2 * PER_TEAM + 1);
    expect(total.solved).toBe(2 * PER_TEAM);

    const page = await signedIn('en-US');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
    await page.getByRole('heading', { name: 'Quality dashboard' }).waitFor();

    // Tiles: the API's figures.
    const tile = (label: string) => page.getByRole('group', { name: label, exact: true }).locator('.kpi-value');
    await expect.poll(() => tile('Created').textContent()).toBe(String(total.created));
    await expect.poll(() => tile('Solved').textContent()).toBe(String(total.solved));
    await expect.poll(() => tile('Backlog').textContent()).toBe(String(total.backlog));
    expect(total.backlog).toBe(1);

    // The volume chart is drawn (SVG) with an accessible name.
    const volume = card(page, 'Tickets created and solved');
    await volume.getByRole('img', { name: 'Line chart of tickets created and solved per period' }).locator('svg').first().waitFor();
    await expectNoSeriousA11yViolations(page, 'dashboard overview');
    await shot(page, 'dashboard-overview', { fullPage: true });

    // Table view: the same numbers.
    await volume.getByRole('button', { name: 'Table', exact: true }).click();
    const table = volume.locator('.chart-table-wrap table');
    await table.waitFor();
    const cells = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent ?? '')));
    const sum = (col: number) => cells.reduce((s, row) => s + Number(row[col]?.replace(/\D/g, '') || 0), 0);
    expect(sum(1)).toBe(total.created);
    expect(sum(2)).toBe(total.solved);
    await expectNoSeriousA11yViolations(page, 'dashboard overview table view', 'section.chart-card');

    // CSV export: the table as a file.
    const [csv] = await Promise.all([page.waitForEvent('download'), volume.getByRole('button', { name: /^CSV/ }).click()]);
    expect(csv.suggestedFilename()).toBe('Tickets-created-and-solved.csv');
    const text = readFileSync((await csv.path()) as string, 'utf8').replace(/^\uFEFF/, '');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('Period,Created,Solved');
    expect(lines.slice(1).reduce((s, l) => s + Number(l.split(',').at(-2)), 0)).toBe(total.created);

    // PNG export of the chart.
    await volume.getByRole('button', { name: 'Chart', exact: true }).click();
    const [png] = await Promise.all([page.waitForEvent('download'), volume.getByRole('button', { name: /^PNG/ }).click()]);
    expect(png.suggestedFilename()).toBe('Tickets-created-and-solved.png');
    const bytes = readFileSync((await png.path()) as string);
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');

    // An empty range says what is needed.
    await page.goto(`${baseUrl}/dashboard?range=custom&from=2020-01-01&to=2020-01-31`);
    await card(page, 'Tickets created and solved').getByText('No tickets were created or solved in this period', { exact: false }).waitFor();
    await expect.poll(() => tile('Created').textContent()).toBe('0');
    await expectNoSeriousA11yViolations(page, 'dashboard overview, empty range');
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('service levels render with the definitions beside the three levels; axe', async () => {
    const page = await signedIn('en-US');
    await page.goto(`${baseUrl}/dashboard/service-levels`);
    await card(page, 'Three levels of service').waitFor();
    await page.getByRole('heading', { name: 'Definitions' }).waitFor();
    await card(page, 'Value and cost').waitFor();
    await page.getByRole('heading', { name: 'Breaching now' }).waitFor();
    await page.getByText('Nothing is overdue').waitFor();
    await expect.poll(() => page.locator('[role=status]').filter({ hasText: 'Loading' }).count()).toBe(0);
    await expectNoSeriousA11yViolations(page, 'dashboard service levels');
    await shot(page, 'dashboard-service-levels', { fullPage: true });
    await page.context().close();
  }, 120_000);

  it('consistency: units compared, drill-down from a unit to its tickets; axe', async () => {
    const api = (await call(ctx.app, 'GET', '/api/v1/analytics/consistency?measure=resolution&unit=team', { as: ws.as })).json();
    expect(api.time.units.map((u: { name: string }) => u.name).sort()).toEqual(['Team Alpha', 'Team Beta']);

    const page = await signedIn('en-US');
    await page.goto(`${baseUrl}/dashboard/consistency?measure=resolution&unit=team`);
    const medians = card(page, 'Median time by unit');
    await medians.locator('svg').first().waitFor();
    await medians.getByText(/Kruskal–Wallis H =/).waitFor();
    await expectNoSeriousA11yViolations(page, 'dashboard consistency');
    await shot(page, 'dashboard-consistency', { fullPage: true });

    await medians.getByRole('button', { name: 'Table', exact: true }).click();
    await medians.locator('.chart-table-wrap').getByRole('link', { name: 'Team Beta' }).click();
    await page.waitForURL(/\/dashboard\/tickets\?/);
    expect(new URL(page.url()).searchParams.get('team_id')).toBe(teams[1]?.id);
    await page.getByRole('heading', { name: 'Tickets: Team Beta' }).waitFor();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(PER_TEAM);
    expect(await page.locator('tbody').textContent()).not.toContain('Team Alpha');
    await expectNoSeriousA11yViolations(page, 'dashboard drill-down');

    // The proportion view (SLA met) renders its explanation even without SLA policies.
    await page.goto(`${baseUrl}/dashboard/consistency?measure=sla_met&unit=team`);
    await page.getByText('No solved tickets with SLA clocks in this period', { exact: false }).first().waitFor();
    await expectNoSeriousA11yViolations(page, 'dashboard consistency, SLA met');
    await page.context().close();
  }, 120_000);

  it('a screen in Thai', async () => {
    const page = await signedIn('th-TH');
    await page.goto(`${baseUrl}/dashboard`);
    await page.getByRole('heading', { name: 'แดชบอร์ดคุณภาพ' }).waitFor();
    await page.getByRole('group', { name: 'สร้างใหม่', exact: true }).locator('.kpi-value').filter({ hasText: String(2 * PER_TEAM + 1) }).waitFor();
    await card(page, 'ทิกเก็ตที่สร้างและแก้ไขแล้ว').locator('svg').first().waitFor();
    await expectNoSeriousA11yViolations(page, 'dashboard overview in Thai');
    await shot(page, 'dashboard-overview-th', { fullPage: true });
    await page.context().close();
  }, 120_000);
});
