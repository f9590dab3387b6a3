import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations, shot, startWebTestEnv, stopWebTestEnv } from './web-browser.ts';
import { type WorkspaceFixture, addUser, createTicket, createWorkspace } from './factories.ts';
import { type TestContext, call } from './harness.ts';

/**
 * The admin screens and the customer pages in real Chromium against the real server on
 * PGlite: as owner create a team and a user, an API key (shown once) and find it in the audit
 * log; a validation error lands on its field; merge two customers and see the merged
 * timeline; agents get no admin screens. axe-core runs on every admin screen (list and form)
 * and on the customer page. Screenshots go to test-artifacts/web/.
 */
const PASSWORD = 'correct horse battery';

let ctx: TestContext;
let baseUrl: string;
let browser: Browser;
let ws: WorkspaceFixture;

async function signedIn(email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/inbox\//);
  return { context, page };
}

const adminNav = (page: Page) => page.getByRole('navigation', { name: 'Settings' });

describe('admin screens and customer pages in Chromium', () => {
  beforeAll(async () => {
    ({ ctx, baseUrl, browser } = await startWebTestEnv());
    ws = await createWorkspace(ctx.app);
  }, 180_000);

  afterAll(async () => {
    await stopWebTestEnv(ctx, browser);
  }, 60_000);

  it('owner: team and user, a field error with focus, an API key shown once, its audit entry', async () => {
    const { context, page } = await signedIn(ws.owner.email);
    await page.getByRole('link', { name: 'Admin' }).click();
    await page.waitForURL(/\/admin\/users/);
    await page.getByRole('heading', { name: 'Users and roles' }).waitFor();

    // Teams: an empty name is refused by the server; the error sits at the field, which gets the focus.
    await adminNav(page).getByRole('link', { name: 'Teams' }).click();
    await page.getByRole('button', { name: 'New team' }).click();
    await page.getByRole('button', { name: 'Create team' }).click();
    const nameField = page.getByRole('textbox', { name: /^Name/ });
    await expect.poll(() => nameField.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
    const describedBy = (await nameField.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`#${describedBy.split(' ').at(-1)}`).textContent()).toContain('Not valid');
    await expectNoSeriousA11yViolations(page, 'team form with an error');
    await shot(page, 'admin-team-error');
    await nameField.fill('Night shift');
    await page.getByRole('button', { name: 'Create team' }).click();
    await page.getByRole('cell', { name: 'Night shift', exact: true }).waitFor();
    const teams = (await call(ctx.app, 'GET', '/api/v1/teams', { as: ws.as })).json().data as { id: string; name: string }[];
    const team = teams.find((x) => x.name === 'Night shift');
    expect(team).toBeDefined();

    // Users: create an agent in that team.
    await adminNav(page).getByRole('link', { name: 'Users and roles' }).click();
    await page.getByRole('button', { name: 'New user' }).click();
    await page.getByRole('textbox', { name: /^Name/ }).fill('Nina Night');
    await page.getByRole('textbox', { name: /^Email/ }).fill(`nina@${ws.slug}.test`);
    await page.getByLabel('Role', { exact: true }).selectOption('agent');
    await page.getByLabel('Password', { exact: true }).fill('night shift password');
    await page.getByRole('checkbox', { name: 'Night shift' }).check();
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByRole('cell', { name: 'Nina Night', exact: true }).waitFor();
    const users = (await call(ctx.app, 'GET', '/api/v1/users?q=Nina', { as: ws.as })).json().data as { role: string; team_ids: string[] }[];
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ role: 'agent', team_ids: [team?.id] });

    // API key: shown once, works, and is gone after "I have stored it".
    await adminNav(page).getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('button', { name: 'New API key' }).click();
    await page.getByRole('textbox', { name: /^Name/ }).fill('Shop integration');
    await page.getByLabel('Role', { exact: true }).selectOption('agent');
    await page.getByRole('button', { name: 'Create key' }).click();
    const keyBox = page.getByRole('textbox', { name: 'API key' });
    await keyBox.waitFor();
    const key = await keyBox.inputValue();
    expect(key.length).toBeGreaterThan(20);
    expect(await page.getByText('This is shown only once').isVisible()).toBe(true);
    await expectNoSeriousA11yViolations(page, 'API key shown once');
    await shot(page, 'admin-api-key-once');
    const withKey = await fetch(`${baseUrl}/api/v1/tickets?limit=1`, { headers: { authorization: `Bearer ${key}` } });
    expect(withKey.status).toBe(200);
    await page.getByRole('button', { name: 'I have stored it' }).click();
    await page.getByRole('cell', { name: 'Shop integration', exact: true }).waitFor();
    expect(await page.content()).not.toContain(key);

    // The audit log shows the key's creation (filtered to API keys).
    await adminNav(page).getByRole('link', { name: 'Audit log' }).click();
    await page.getByLabel('What changed').selectOption('api_key');
    await page.getByRole('cell', { name: 'api_key.created', exact: true }).waitFor();
    expect(await page.getByRole('row', { name: /api_key\.created/ }).first().textContent()).toContain('Owner');
    await expectNoSeriousA11yViolations(page, 'audit log');
    await shot(page, 'admin-audit-log');
    await context.close();
  }, 90_000);

  it('axe finds nothing serious on every admin screen, with its form open', async () => {
    await call(ctx.app, 'POST', '/api/v1/calendars', { as: ws.as, body: { name: 'Office hours', time_zone: 'Asia/Bangkok', weekly_hours: { mon: [{ start: '09:00', end: '17:00' }] } } });
    const { context, page } = await signedIn(ws.owner.email);
    await page.goto(`${baseUrl}/admin/users`);
    const screens: [string, string | null][] = [
      ['Users and roles', 'New user'],
      ['Teams', 'New team'],
      ['Branches', 'New branch'],
      ['Tiers', 'New tier'],
      ['Business calendars', 'New calendar'],
      ['SLA policies', 'New policy'],
      ['Mailboxes', 'New mailbox'],
      ['Web forms', 'New form'],
      ['Chat widget', null],
      ['Webhook channels', 'New channel'],
      ['API keys', 'New API key'],
      ['Macros', 'New macro'],
      ['Audit log', null],
    ];
    for (const [screen, newButton] of screens) {
      await adminNav(page).getByRole('link', { name: screen, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: screen }).waitFor();
      if (newButton) {
        await page.getByRole('button', { name: newButton }).click();
        await page.locator('form.admin-form').waitFor();
      }
      await expectNoSeriousA11yViolations(page, screen);
    }
    // The chat widget snippet names this workspace.
    await adminNav(page).getByRole('link', { name: 'Chat widget' }).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'Widget code' }).inputValue()).toContain(`data-workspace="${ws.slug}"`);
    await context.close();
  }, 120_000);

  it('an SLA policy with a business target but no calendar: the error is shown at the target row', async () => {
    const { context, page } = await signedIn(ws.owner.email);
    await page.goto(`${baseUrl}/admin/sla-policies`);
    await page.getByRole('button', { name: 'New policy' }).click();
    await page.getByRole('textbox', { name: /^Name/ }).fill('Gold promise');
    await page.locator('details.targets summary', { hasText: 'Urgent' }).click();
    const urgentFirstReply = page.getByRole('spinbutton', { name: 'First reply Target' }).last();
    await urgentFirstReply.fill('30');
    await page.getByRole('combobox', { name: 'First reply Business calendar' }).last().selectOption('');
    await page.getByRole('button', { name: 'Create policy' }).click();
    await expect.poll(() => urgentFirstReply.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
    await page.getByRole('combobox', { name: 'First reply Counted in' }).last().selectOption('calendar');
    await page.getByRole('button', { name: 'Create policy' }).click();
    await page.getByRole('cell', { name: 'Gold promise', exact: true }).waitFor();
    const policies = (await call(ctx.app, 'GET', '/api/v1/sla-policies', { as: ws.as })).json().data as { name: string; targets: Record<string, Record<string, unknown>> }[];
    expect(policies.find((p) => p.name === 'Gold promise')?.targets.urgent?.first_reply).toMatchObject({ minutes: 30, mode: 'calendar' });
    await context.close();
  }, 90_000);

  it('customers: filter by tier and organization, edit the tier, merge two customers and see the merged timeline', async () => {
    const tier = (await call(ctx.app, 'POST', '/api/v1/tiers', { as: ws.as, body: { name: 'Gold', rank: 10 } })).json();
    const org = (await call(ctx.app, 'POST', '/api/v1/organizations', { as: ws.as, body: { name: 'Moravia Dental', domains: ['moravia.example'] } })).json();
    const a = await createTicket(ctx.app, ws.as, { subject: 'Chair squeaks', customer: { email: 'petra@moravia.example', name: 'Petra Nováková' }, message: { body_text: 'The dentist chair squeaks.' } });
    const b = await createTicket(ctx.app, ws.as, { subject: 'Invoice copy', customer: { email: 'petra.novakova@home.example', name: 'Petra N.' }, message: { body_text: 'Please send the invoice again.' } });
    await call(ctx.app, 'PATCH', `/api/v1/customers/${a.customer_id}`, { as: ws.as, body: { organization_id: org.id } });

    const { context, page } = await signedIn(ws.owner.email);
    await page.goto(`${baseUrl}/customers`);
    await page.getByLabel('Organization').selectOption(org.id);
    await page.getByRole('link', { name: 'Petra Nováková' }).waitFor();
    await expect.poll(() => page.getByRole('link', { name: 'Petra N.' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Petra Nováková' }).click();
    await page.waitForURL(new RegExp(`/customers/${a.customer_id}`));
    await page.getByText('The dentist chair squeaks.').waitFor();

    await page.getByLabel('Tier', { exact: true }).selectOption(tier.id);
    await expect.poll(async () => (await call(ctx.app, 'GET', `/api/v1/customers/${a.customer_id}`, { as: ws.as })).json()).toMatchObject({ tier_id: tier.id, tier_source: 'manual' });

    await page.getByPlaceholder('Find the other customer').fill('home.example');
    await page.getByRole('button', { name: 'Search' }).last().click();
    await page.getByRole('button', { name: 'Choose Petra N.' }).click();
    await page.getByText('Merge Petra N. into Petra Nováková?').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Merge');
    await page.getByRole('button', { name: 'Merge', exact: true }).click();
    await page.getByText(/Petra N\. was merged into this customer/).waitFor();
    await page.getByText('Please send the invoice again.').waitFor();
    await page.getByText('The dentist chair squeaks.').waitFor();
    await page.getByText('petra.novakova@home.example').waitFor();
    await expectNoSeriousA11yViolations(page, 'customer page after merge');
    await shot(page, 'customer-merged-timeline');

    const gone = await call(ctx.app, 'GET', `/api/v1/customers/${b.customer_id}`, { as: ws.as });
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ code: 'customer_merged', merged_into: a.customer_id });
    const tickets = (await call(ctx.app, 'GET', `/api/v1/tickets?customer_id=${a.customer_id}`, { as: ws.as })).json().data as { id: string }[];
    expect(tickets.map((x) => x.id).sort()).toEqual([a.id, b.id].sort());

    await page.goto(`${baseUrl}/organizations`);
    await page.getByRole('cell', { name: 'Moravia Dental', exact: true }).waitFor();
    await expectNoSeriousA11yViolations(page, 'organizations');
    await context.close();
  }, 90_000);

  it('agents see no admin link, and /admin refuses them', async () => {
    const agent = await addUser(ctx.app, ws, 'agent');
    const { context, page } = await signedIn(agent.email);
    await page.getByRole('link', { name: 'Customers' }).waitFor();
    expect(await page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await page.goto(`${baseUrl}/admin/api-keys`);
    await page.getByText('Only owners and admins can open the admin screens.').waitFor();
    await context.close();
  });
});
