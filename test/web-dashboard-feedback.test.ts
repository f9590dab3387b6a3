import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kanoFeatureQuestion } from '../server/modules/surveys/survey-defaults.ts';
import { type Body, createCustomer, createSurvey, invite, postJson, smallServqualDefinition } from '../server/modules/surveys/test-surveys.ts';
import { type WorkspaceFixture, createTicket, createWorkspace } from './factories.ts';
import type { TestContext } from './harness.ts';
import { ARTIFACTS, expectNoSeriousA11yViolations, shot, startWebTestEnv, stopWebTestEnv } from './web-browser.ts';

/**
 * The feedback screens of the dashboard (issue 7, item 5, part B) in real Chromium against the
 * real server on PGlite: empty states that say what is needed; then, with answers seeded through
 * the API, the satisfaction, SERVQUAL and Kano screens show exactly the numbers the API sent (read
 * from each chart's table view), the comment stream filters by score and text and links to
 * tickets, one screen in Czech, and axe-core on every screen.
 */
const czech = JSON.parse(readFileSync('locales/web/cs.json', 'utf8')) as { dashboard: { kit: { table: string } } };

let ctx: TestContext;
let baseUrl: string;
let browser: Browser;
let ws: WorkspaceFixture;

const en = {
  pct: (v: number) => new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(v / 100),
  dec: (v: number, digits = 2) => new Intl.NumberFormat('en', { maximumFractionDigits: digits }).format(v),
};
/** Tables show (and export) values to two decimals. */
const round2 = (v: number) => Math.round(v * 100) / 100;
const orDash = (v: number | null, f: (v: number) => string) => (v === null ? '—' : f(round2(v)));

async function signedIn(locale = 'en-US'): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${baseUrl}/`);
  await page.locator('input[type=email]').fill(ws.owner.email);
  await page.locator('input[type=password]').fill('correct horse battery');
  await page.locator('form button[type=submit]').click();
  await page.waitForURL(/\/inbox\//);
  return { context, page, errors };
}

/** Opens a dashboard screen and returns the JSON the page received from one analytics endpoint. */
async function openScreen(page: Page, path: string, endpoint: string, mustInclude = ''): Promise<Body> {
  const response = page.waitForResponse((r) => r.url().includes(`/api/v1/analytics/${endpoint}?`) && r.url().includes(mustInclude) && r.status() === 200);
  await page.goto(`${baseUrl}/dashboard/${path}`);
  return (await response).json();
}

/** A chart card switched to its table view; the cells of its body rows as shown. */
async function tableOf(card: Locator, label = 'Table'): Promise<string[][]> {
  await card.getByRole('button', { name: label, exact: true }).click();
  const table = card.locator('.chart-table-wrap table');
  await table.waitFor();
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));
}

async function answer(surveyId: string, target: { customer_id: string; ticket_id?: string }, answers: Body) {
  const inv = await invite(ctx.app, ws.as, surveyId, target);
  const res = await postJson(ctx.app, inv.token, answers);
  expect(res.statusCode, res.body).toBe(200);
}

describe('feedback dashboard screens in Chromium', () => {
  beforeAll(async () => {
    ({ ctx, baseUrl, browser } = await startWebTestEnv());
    ws = await createWorkspace(ctx.app);
  }, 240_000);

  afterAll(async () => {
    await stopWebTestEnv(ctx, browser);
  }, 60_000);

  it('empty states say what is needed; with answers, each screen shows the API’s numbers; comments filter; Czech; axe', async () => {
    const { context, page, errors } = await signedIn();

    // Nothing yet: every chart says what fills it.
    await openScreen(page, 'satisfaction', 'satisfaction', 'group_by=day');
    await page.getByRole('link', { name: 'Satisfaction' }).waitFor();
    await page.getByRole('region', { name: 'CSAT % by period' }).getByText('No CSAT answers in this period. CSAT surveys go out after tickets are solved — check Surveys.').waitFor();
    await page.getByRole('region', { name: 'NPS by period' }).getByText(/No NPS answers in this period/).waitFor();
    await page.getByRole('region', { name: 'What customers wrote' }).getByText('No comments match').waitFor();
    await expectNoSeriousA11yViolations(page, 'satisfaction (empty)');
    let servqual = await openScreen(page, 'servqual', 'servqual');
    expect(servqual).toMatchObject({ survey: null, reason: 'no_survey' });
    await page.getByRole('region', { name: 'Expectation and perception per dimension' }).getByText(/^No SERVQUAL study yet: create one under Surveys/).waitFor();
    let kano = await openScreen(page, 'kano', 'kano');
    expect(kano).toMatchObject({ survey: null, reason: 'no_survey' });
    await page.getByRole('region', { name: 'Better and Worse per feature' }).getByText(/^No Kano study yet: create one under Surveys/).waitFor();
    await expectNoSeriousA11yViolations(page, 'kano (empty)');

    // Answers through the API: CSAT (with CES) about tickets, an anonymous CSAT, NPS without tickets.
    const csat = await createSurvey(ctx.app, ws.as, { name: 'After tickets', type: 'csat', include_ces: true });
    const anonymous = await createSurvey(ctx.app, ws.as, { name: 'Anonymous CSAT', type: 'csat', settings: { anonymous: true } });
    const nps = await createSurvey(ctx.app, ws.as, { name: 'Relationship NPS', type: 'nps' });
    const slow = await createTicket(ctx.app, ws.as, { subject: 'Parcel never came' });
    const fast = await createTicket(ctx.app, ws.as, { subject: 'Change my address' });
    const other = await createTicket(ctx.app, ws.as, { subject: 'Invoice copy' });
    await answer(csat.id, { customer_id: slow.customer_id, ticket_id: slow.id }, { csat: 2, ces: 3, comment: 'Too slow, three days without news' });
    await answer(csat.id, { customer_id: fast.customer_id, ticket_id: fast.id }, { csat: 5, ces: 7, comment: 'Great help, thank you' });
    await answer(csat.id, { customer_id: other.customer_id, ticket_id: other.id }, { csat: 4, ces: 6 });
    await answer(anonymous.id, { customer_id: other.customer_id, ticket_id: other.id }, { csat: 1, comment: 'Nobody listened' });
    const customer = await createCustomer(ctx.app, ws.as);
    for (const score of [10, 9, 8, 3]) await answer(nps.id, { customer_id: customer.id }, { nps: score });

    // Satisfaction: the CSAT trend's table is the API's answer, period by period.
    const sat = await openScreen(page, 'satisfaction', 'satisfaction', 'group_by=day');
    expect(sat.overall.csat).toMatchObject({ n: 4, satisfied: 2 });
    const csatCard = page.getByRole('region', { name: 'CSAT % by period' });
    await csatCard.getByText('n = 4', { exact: true }).waitFor();
    const csatRows = await tableOf(csatCard);
    expect(csatRows).toHaveLength(sat.groups.length);
    const answered = sat.groups.map((g: Body, i: number) => [g, csatRows[i]] as const).filter(([g]: readonly [Body, unknown]) => g.csat.n > 0);
    // All four today, the anonymous one too (dated to the start of the workspace's local day).
    expect(answered).toHaveLength(1);
    for (const [g, row] of answered) {
      expect(row).toEqual([
        expect.any(String),
        orDash(g.csat.percent, en.pct),
        orDash(g.csat.interval?.lower ?? null, en.pct),
        orDash(g.csat.interval?.upper ?? null, en.pct),
        String(g.csat.satisfied),
        String(g.csat.n),
        '—',
      ]);
    }
    expect(answered[0]?.[1]?.[1]).toBe('50%');
    // A day without answers says so instead of showing a number.
    expect(csatRows.find((r) => r[5] === '0')).toEqual([expect.any(String), '—', '—', '—', '0', '0', 'No answers']);

    // NPS: 4 answers are below the 30 an interval needs: no band, and the row and footnote say why.
    const npsCard = page.getByRole('region', { name: 'NPS by period' });
    expect(sat.overall.nps).toMatchObject({ n: 4, promoters: 2, passives: 1, detractors: 1, score: 25, interval: null, no_interval_reason: 'n_below_minimum', min_interval_n: 30 });
    await npsCard.getByText(/Hollow points have fewer than 30 answers/).waitFor();
    const npsRows = await tableOf(npsCard);
    expect(npsRows.filter((r) => r[7] === '4')).toEqual([[expect.any(String), '25', '—', '—', '2', '1', '1', '4', 'Only 4 answers: an interval needs at least 30.']]);
    // CES mean (3 + 7 + 6) / 3 on 1–7, higher is easier.
    const cesTile = page.getByRole('group', { name: 'CES (mean)' });
    await cesTile.getByText(en.dec(sat.overall.ces.mean)).waitFor();
    expect(sat.overall.ces.mean).toBeCloseTo(16 / 3, 10);
    await page.getByRole('group', { name: 'CSAT', exact: true }).getByText('50%').waitFor();
    await page.getByRole('region', { name: 'Customer effort (CES) by period' }).getByText('On this scale a higher score means less effort.').waitFor();

    // Comments: newest first, with ticket links; anonymous ones without.
    const stream = page.getByRole('region', { name: 'What customers wrote' });
    await stream.getByText('Nobody listened').waitFor();
    await stream.getByText('Great help, thank you').waitFor();
    await stream.getByText('Too slow, three days without news').waitFor();
    await stream.getByText('Anonymous answer').waitFor();
    await stream.getByRole('link', { name: `Ticket #${slow.number}: Parcel never came` }).waitFor();
    expect(await stream.locator('.comment-item').count()).toBe(3);
    await expectNoSeriousA11yViolations(page, 'satisfaction');
    for (const card of [csatCard, npsCard]) await card.getByRole('button', { name: 'Chart', exact: true }).click();
    // The tooltip of today's point (the last period, at the plot's right edge) gives its n.
    const figure = await csatCard.locator('.chart-figure').boundingBox();
    if (!figure) throw new Error('no CSAT chart');
    await page.mouse.move(figure.x + figure.width - 26, figure.y + figure.height / 2);
    const tooltip = csatCard.getByText(/95% interval: \d/);
    await tooltip.waitFor();
    expect(await tooltip.textContent()).toMatch(/CSAT: 50%95% interval: [\d.]+% to [\d.]+%n = 4$/);
    await shot(page, 'dashboard-satisfaction');
    await csatCard.screenshot({ path: path.join(ARTIFACTS, 'dashboard-satisfaction-csat.png') });
    await npsCard.screenshot({ path: path.join(ARTIFACTS, 'dashboard-satisfaction-nps.png') });
    // Score filter: the dissatisfied only.
    await stream.getByLabel('Score').selectOption({ label: 'CSAT 1–2 (dissatisfied)' });
    await stream.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => stream.locator('.comment-item').count()).toBe(2);
    expect(await stream.getByText('Great help, thank you').count()).toBe(0);
    // Text search within them.
    await stream.getByLabel('Words in the comment').fill('SLOW');
    await stream.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => stream.locator('.comment-item').count()).toBe(1);
    await stream.getByText('Too slow, three days without news').waitFor();
    // The shared filter bar narrows the stream too (no comment came by chat).
    await page.getByLabel('Channel').selectOption('chat');
    await stream.getByText('No comments match').waitFor();
    await page.getByLabel('Channel').selectOption('');
    await stream.getByText('Too slow, three days without news').waitFor();
    await stream.getByRole('link', { name: `Ticket #${slow.number}: Parcel never came` }).click();
    await page.waitForURL(new RegExp(`/tickets/${slow.id}`));

    // SERVQUAL: a small study (one or two items per dimension, with importance points).
    const study = await createSurvey(ctx.app, ws.as, {
      name: 'Service quality 2026',
      type: 'servqual',
      definition: smallServqualDefinition('They'),
    });
    const ep = (e: number, p: number) => ({ expectation: e, perception: p });
    await answer(study.id, { customer_id: customer.id }, { t1: ep(7, 5), r1: ep(7, 4), r2: ep(6, 6), p1: ep(5, 6), a1: ep(6, 5), e1: ep(7, 7), weights: { tangibles: 10, reliability: 40, responsiveness: 20, assurance: 20, empathy: 10 } });
    await answer(study.id, { customer_id: customer.id }, { t1: ep(6, 6), r1: ep(7, 5), r2: ep(7, 6), p1: ep(6, 4), a1: ep(5, 5), e1: ep(6, 3), weights: { tangibles: 20, reliability: 20, responsiveness: 20, assurance: 20, empathy: 20 } });
    await answer(study.id, { customer_id: customer.id }, { t1: ep(5, 6), r1: ep(6, 3), p1: ep(7, 7), a1: ep(7, 4), e1: ep(5, 5) });

    servqual = await openScreen(page, 'servqual', 'servqual');
    expect(servqual).toMatchObject({ survey: { id: study.id }, reason: null, overall: { n: 3 } });
    await page.getByLabel('Survey').getByRole('option', { name: 'Service quality 2026' }).waitFor({ state: 'attached' });
    await page.getByRole('group', { name: 'SERVQUAL gap (unweighted)' }).getByText(en.dec(servqual.overall.unweighted)).waitFor();
    await page.getByRole('group', { name: 'SERVQUAL gap (weighted by importance)' }).getByText(en.dec(servqual.overall.weighted.score)).waitFor();
    expect(servqual.overall.unweighted).toBeCloseTo(-1, 10);
    const radarRows = await tableOf(page.getByRole('region', { name: 'Expectation and perception per dimension' }));
    const names: Record<string, string> = { tangibles: 'Tangibles', reliability: 'Reliability', responsiveness: 'Responsiveness', assurance: 'Assurance', empathy: 'Empathy' };
    expect(radarRows.map((r) => r.slice(0, 5))).toEqual(
      servqual.overall.dimensions.map((d: Body) => [names[d.dimension], orDash(d.expectation, en.dec), orDash(d.perception, en.dec), orDash(d.gap, en.dec), String(d.n)]),
    );
    expect(radarRows[1]?.slice(0, 5)).toEqual(['Reliability', expect.any(String), expect.any(String), '-2', '3']);
    // Item gaps, most negative first: r1 (−8/3) at the top.
    const gapRows = await tableOf(page.getByRole('region', { name: 'Gap per item (perception − expectation)' }));
    expect(gapRows).toEqual(servqual.overall.items.map((i: Body) => [i.text.en, names[i.dimension], orDash(i.expectation, en.dec), orDash(i.perception, en.dec), orDash(i.gap, en.dec), String(i.n)]));
    expect(gapRows.map((r) => r[0])).toEqual(['They r1', 'They a1', 'They e1', 'They r2', 'They p1', 'They t1']);
    expect(gapRows[0]?.[4]).toBe('-2.67');
    await expectNoSeriousA11yViolations(page, 'servqual');
    await page.getByRole('region', { name: 'Expectation and perception per dimension' }).getByRole('button', { name: 'Chart', exact: true }).click();
    await page.getByRole('region', { name: 'Gap per item (perception − expectation)' }).getByRole('button', { name: 'Chart', exact: true }).click();
    await shot(page, 'dashboard-servqual', { fullPage: true });

    // Kano: two features; Better across, Worse (negative) down, quadrants labelled.
    const features = await createSurvey(ctx.app, ws.as, {
      name: 'Delivery features',
      type: 'kano',
      definition: { title: { en: 'Features' }, questions: [kanoFeatureQuestion('pickup', { en: 'same-day pickup' }), kanoFeatureQuestion('tracking', { en: 'live tracking' })] },
    });
    const pair = (functional: string, dysfunctional: string) => ({ functional, dysfunctional });
    for (const answers of [
      { pickup: pair('like', 'dislike'), tracking: pair('like', 'neutral') },
      { pickup: pair('like', 'dislike'), tracking: pair('like', 'expect') },
      { pickup: pair('like', 'neutral'), tracking: pair('like', 'like') },
      { pickup: pair('expect', 'dislike') },
      { pickup: pair('neutral', 'neutral'), tracking: pair('dislike', 'like') },
    ]) {
      await answer(features.id, { customer_id: customer.id }, answers);
    }
    kano = await openScreen(page, 'kano', 'kano');
    expect(kano).toMatchObject({ survey: { id: features.id }, n: 5 });
    const scatter = page.getByRole('region', { name: 'Better and Worse per feature' });
    for (const label of ['Attractive', 'One-dimensional', 'Must-be', 'Indifferent']) await scatter.locator('svg text', { hasText: label }).first().waitFor();
    await scatter.getByText('One-dimensional: 1 feature').waitFor();
    await scatter.getByText('Attractive: 1 feature').waitFor();
    await expectNoSeriousA11yViolations(page, 'kano');
    await shot(page, 'dashboard-kano', { fullPage: true });
    const kanoRows = await tableOf(scatter);
    const category: Record<string, string> = { A: 'Attractive', O: 'One-dimensional', M: 'Must-be', I: 'Indifferent', R: 'Reverse', Q: 'Questionable' };
    expect(kanoRows).toEqual(
      kano.features.map((f: Body) => [
        f.feature.en,
        category[f.category],
        expect.any(String),
        en.dec(f.better),
        en.dec(f.worse),
        String(f.n),
        ...['A', 'O', 'M', 'I', 'R', 'Q'].map((c) => String(f.counts[c])),
        new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 }).format(f.questionable_rate),
      ]),
    );
    // pickup: Better 0.6, Worse −0.6 → one-dimensional quadrant; tracking: 1 and 0 → attractive.
    expect(kanoRows.map((r) => r.slice(0, 5))).toEqual([
      ['same-day pickup', 'One-dimensional', 'One-dimensional', '0.6', '-0.6'],
      ['live tracking', 'Attractive', 'Attractive', '1', '0'],
    ]);
    expect(errors).toEqual([]);
    await context.close();

    // The satisfaction screen in Czech (the browser's language; the account has not chosen one).
    const cs = await signedIn('cs-CZ');
    await cs.page.goto(`${baseUrl}/dashboard/satisfaction`);
    const csatCs = cs.page.getByRole('region', { name: 'CSAT % podle období' });
    await csatCs.getByText('n = 4', { exact: true }).waitFor();
    await cs.page.getByRole('link', { name: 'Spokojenost' }).waitFor();
    await cs.page.getByRole('region', { name: 'Co zákazníci napsali' }).getByText('Anonymní odpověď').waitFor();
    const csRows = await tableOf(csatCs, czech.dashboard.kit.table);
    const csPct = (v: number) => new Intl.NumberFormat('cs', { style: 'percent', maximumFractionDigits: 1 }).format(v / 100);
    expect(csRows.filter((r) => r[5] === '4')).toEqual([[expect.any(String), csPct(50), expect.any(String), expect.any(String), '2', '4', '—']]);
    expect(await cs.page.evaluate(() => document.documentElement.lang)).toBe('cs');
    await expectNoSeriousA11yViolations(cs.page, 'satisfaction (cs)');
    await shot(cs.page, 'dashboard-satisfaction-cs', { fullPage: true });
    expect(cs.errors).toEqual([]);
    await cs.context.close();

    // More comments than a page (25): "load more" follows the cursor to the end.
    for (let i = 1; i <= 26; i++) await answer(csat.id, { customer_id: customer.id }, { csat: 4, comment: `Comment number ${i}` });
    const more = await signedIn();
    await more.page.goto(`${baseUrl}/dashboard/satisfaction`);
    const all = more.page.getByRole('region', { name: 'What customers wrote' });
    await all.getByText('25 comments shown').waitFor();
    await all.getByText('Comment number 26', { exact: true }).waitFor();
    await all.getByRole('button', { name: 'Load more' }).click();
    await all.getByText('29 comments shown').waitFor();
    await all.getByText('Too slow, three days without news').waitFor();
    expect(await all.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    expect(more.errors).toEqual([]);
    await more.context.close();
  }, 240_000);
});
