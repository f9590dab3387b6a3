import type { FastifyInstance } from 'fastify';
import { expect, it } from 'vitest';
import { addUser, createWorkspace } from '../../../test/factories.ts';
import { type Auth, call, describeEngines } from '../../../test/harness.ts';
import { ManualClock } from '../../platform/clock.ts';
import { type Body, createCustomer, createSurvey, invite, keyedWorkspace, postJson } from '../surveys/test-surveys.ts';
import { refreshTicketFacts } from './ticket-facts.service.ts';

const clock = new ManualClock('2026-03-30T00:00:00Z');
type Ws = Awaited<ReturnType<typeof keyedWorkspace>>;

/** Monday 2 March 2026, 09:00 in Bangkok. */
const T0 = Date.parse('2026-03-02T02:00:00Z');
const MIN = 60_000;
const RANGE = 'from=2026-03-01T00:00:00%2B07:00&to=2026-03-29T00:00:00%2B07:00';

interface Spec {
  team?: string;
  channel?: string;
  priority?: string;
  email?: string;
  /** Minutes after T0 (+ `day` days) the ticket is created. */
  day?: number;
  replyAfter?: number | null;
  solveAfter: number;
}

let seq = 0;
function line(ws: Ws, s: Spec): Body {
  const created = T0 + (s.day ?? 0) * 24 * 60 * MIN + seq * 1000;
  const id = `q-${++seq}`;
  const at = (minutes: number) => new Date(created + minutes * MIN).toISOString();
  return {
    external_id: id,
    subject: `Ticket ${id}`,
    channel: s.channel ?? 'email',
    priority: s.priority ?? 'normal',
    status: 'solved',
    created_at: at(0),
    customer: { email: s.email ?? `${id}@customer.test` },
    team: s.team ?? null,
    messages: [
      { kind: 'customer', body_text: 'Help', created_at: at(0) },
      ...(s.replyAfter == null ? [] : [{ kind: 'public_reply', author_email: ws.owner.email, body_text: 'On it', created_at: at(s.replyAfter) }]),
    ],
    status_changes: [{ to: 'solved', at: at(s.solveAfter) }],
  };
}

async function importAll(app: FastifyInstance, ws: Ws, specs: Spec[]): Promise<Body[]> {
  const lines = specs.map((s) => line(ws, s));
  const res = await call(app, 'POST', '/api/v1/imports/tickets', { as: ws.as, body: lines.map((l) => JSON.stringify(l)).join('\n'), headers: { 'content-type': 'application/x-ndjson' } });
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json()).toMatchObject({ created: specs.length, failed: 0 });
  await refreshTicketFacts(app.deps.database.db, { now: clock.now() });
  return lines;
}

const post = async (app: FastifyInstance, as: Auth, path: string, body: Body) => {
  const res = await call(app, 'POST', `/api/v1/${path}`, { as, body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};
const get = (app: FastifyInstance, as: Auth, path: string) => call(app, 'GET', `/api/v1/analytics/${path}`, { as });

/** First reply within 60 min (calendar) for every priority; a solve before any reply cancels the clock (no SLA evidence). */
async function firstReplyPolicy(app: FastifyInstance, ws: Ws) {
  const target = { first_reply: { minutes: 60, mode: 'calendar' } };
  await post(app, ws.as, 'sla-policies', { name: 'Reply in an hour', targets: { low: target, normal: target, high: target, urgent: target }, solve_while_waiting: 'cancel' });
}

/** n-times repeat of a spec. */
const times = (count: number, s: Spec): Spec[] => Array.from({ length: count }, () => ({ ...s }));

// ---- independent hand formulas (quality.md), not the library's code
function chiSquare(groups: { x: number; n: number }[]) {
  const X = groups.reduce((a, g) => a + g.x, 0);
  const N = groups.reduce((a, g) => a + g.n, 0);
  const p = X / N;
  return groups.reduce((sum, g) => sum + (g.x - g.n * p) ** 2 / (g.n * p) + (g.n - g.x - g.n * (1 - p)) ** 2 / (g.n * (1 - p)), 0);
}
function kruskal(groups: number[][]) {
  const all = groups.flatMap((g, gi) => g.map((v) => ({ v, gi }))).sort((a, b) => a.v - b.v);
  const N = all.length;
  const rankOf = new Map<number, number>();
  let ties = 0;
  for (let i = 0; i < N; ) {
    let j = i;
    while (j < N && all[j]?.v === all[i]?.v) j++;
    rankOf.set(all[i]?.v as number, (i + 1 + j) / 2);
    ties += (j - i) ** 3 - (j - i);
    i = j;
  }
  const sum = groups.reduce((s, g) => s + g.reduce((r, v) => r + (rankOf.get(v) as number), 0) ** 2 / g.length, 0);
  const h = (12 / (N * (N + 1))) * sum - 3 * (N + 1);
  return h / (1 - ties / (N ** 3 - N));
}
const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const m = (s.length - 1) / 2;
  return ((s[Math.floor(m)] as number) + (s[Math.ceil(m)] as number)) / 2;
};

describeEngines(
  'quality analytics',
  (ctx) => {
    it('SLA consistency by team: p-chart limits, flagged unit, chi-square, observed vs expected by (priority × channel), exclusions', async () => {
      const { app } = ctx();
      const ws = await keyedWorkspace(app);
      await firstReplyPolicy(app, ws);
      const ids: Record<string, string> = {};
      for (const name of ['Alpha', 'Beta', 'Gamma', 'Delta']) ids[name] = (await post(app, ws.as, 'teams', { name })).id;
      const met = (team: string, channel: string) => ({ team, channel, replyAfter: 30, solveAfter: 90 });
      const late = (team: string, channel: string) => ({ team, channel, replyAfter: 120, solveAfter: 180 });
      // team, channel, met, breached — Alpha 18/20, Beta 5/20 (mostly phone), Gamma 14/20, Delta 2/3, no team 1/1.
      const table: [string, string, number, number][] = [
        ['Alpha', 'email', 14, 0],
        ['Alpha', 'phone', 4, 2],
        ['Beta', 'email', 2, 0],
        ['Beta', 'phone', 3, 15],
        ['Gamma', 'email', 10, 1],
        ['Gamma', 'phone', 4, 5],
        ['Delta', 'email', 2, 1],
      ];
      const specs = table.flatMap(([team, channel, m, b]) => [...times(m, met(team, channel)), ...times(b, late(team, channel))]);
      // A ticket without a team, and an Alpha ticket solved before any reply (its clock is cancelled: not in the base).
      specs.push({ channel: 'email', replyAfter: 10, solveAfter: 20 }, { team: 'Alpha', channel: 'email', replyAfter: null, solveAfter: 5 });
      await importAll(app, ws, specs);

      const res = await get(app, ws.as, `consistency?${RANGE}&measure=sla_met&unit=team`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ kind: 'proportion', measure: 'sla_met', unit: 'team', min_n: 5, time: null, truncated: { limit: 500, omitted_groups: 0 } });
      const prop = body.proportion;
      const units = Object.fromEntries(prop.units.map((u: Body) => [u.name, u]));
      expect(Object.keys(units).sort()).toEqual(['Alpha', 'Beta', 'Gamma']);
      const alphaN = 20;
      const alphaX = 18;
      expect(units.Alpha).toMatchObject({ n: 20, x: 18, signal: null });
      expect(units.Beta).toMatchObject({ n: 20, x: 5, signal: 'below_lower' });
      expect(units.Gamma).toMatchObject({ n: 20, x: 14, signal: null });
      const groups = [
        { x: alphaX, n: alphaN },
        { x: 5, n: 20 },
        { x: 14, n: 20 },
      ];
      const pBar = (alphaX + 19) / (alphaN + 40);
      expect(prop.center).toBeCloseTo(pBar, 12);
      const half = 3 * Math.sqrt((pBar * (1 - pBar)) / 20);
      expect(units.Beta.lower_limit).toBeCloseTo(pBar - half, 12);
      expect(units.Beta.upper_limit).toBeCloseTo(pBar + half, 12);
      expect(units.Beta.p).toBeLessThan(units.Beta.lower_limit);
      expect(prop.units.map((u: Body) => u.name)).toEqual(['Beta', 'Gamma', 'Alpha']); // lowest p first
      expect(prop.chi_square.statistic).toBeCloseTo(chiSquare(groups), 9);
      expect(prop.chi_square.df).toBe(2);
      expect(prop.chi_square.p_value).toBeCloseTo(Math.exp(-chiSquare(groups) / 2), 9); // χ² survival with 2 df
      // Observed vs expected: stratum rates over Alpha, Beta and Gamma (priority normal × channel).
      const emailX = alphaX - 4 + 2 + 10;
      const emailN = alphaN - 6 + 2 + 11;
      const phone = { x: 4 + 3 + 4, n: 6 + 18 + 9 };
      expect(prop.strata).toEqual(
        expect.arrayContaining([
          { priority: 'normal', channel: 'email', n: emailN, x: emailX, rate: emailX / emailN },
          { priority: 'normal', channel: 'phone', n: phone.n, x: phone.x, rate: phone.x / phone.n },
        ]),
      );
      const expectedBeta = 2 * (emailX / emailN) + 18 * (phone.x / phone.n);
      expect(units.Beta.expected).toBeCloseTo(expectedBeta, 10);
      expect(units.Beta.observed_expected_ratio).toBeCloseTo(5 / expectedBeta, 10);
      const varianceBeta = 2 * (emailX / emailN) * (1 - emailX / emailN) + 18 * (phone.x / phone.n) * (1 - phone.x / phone.n);
      expect(units.Beta.z).toBeCloseTo((5 - expectedBeta) / Math.sqrt(varianceBeta), 10);
      // CV of the three rates, s with n − 1.
      const rates = groups.map((g) => g.x / g.n);
      const mean = rates.reduce((a, b) => a + b, 0) / 3;
      const sd = Math.sqrt(rates.reduce((a, r) => a + (r - mean) ** 2, 0) / 2);
      expect(prop.cv.cv).toBeCloseTo(sd / mean, 10);
      // Drill-down to Beta's breached tickets.
      expect(units.Beta.drilldown).toMatchObject({ tickets_query: { team_id: ids.Beta, sla: 'breached' }, from: '2026-02-28T17:00:00.000Z', to: '2026-03-28T17:00:00.000Z' });
      const list = await call(app, 'GET', `/api/v1/tickets?${new URLSearchParams({ ...units.Beta.drilldown.tickets_query, limit: '100' })}`, { as: ws.as });
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().data).toHaveLength(15);
      // Delta (3 tickets) and the ticket without a team are listed, not charted.
      expect(body.excluded_units).toEqual(
        expect.arrayContaining([
          { unit_id: ids.Delta, name: 'Delta', n: 3, reason: 'n_below_minimum' },
          { unit_id: null, name: null, n: 1, reason: 'no_unit' },
        ]),
      );
      expect(prop.n).toBe(alphaN + 40 + 3 + 1);

      // One metric only, and min_n raised past every team: nothing charted, everything explained.
      const strict = (await get(app, ws.as, `consistency?${RANGE}&measure=sla_met&sla_metric=first_reply&unit=team&min_n=50`)).json();
      expect(strict.proportion).toMatchObject({ units: [], center: null, chi_square: { statistic: null, df: null, p_value: null } });
      expect(strict.excluded_units.filter((u: Body) => u.reason === 'n_below_minimum')).toHaveLength(4);
      // A team filter narrows to one unit: no test is possible and none is invented.
      const one = (await get(app, ws.as, `consistency?${RANGE}&measure=sla_met&unit=team&team_id=${ids.Gamma}`)).json();
      expect(one.proportion.units).toHaveLength(1);
      expect(one.proportion.chi_square.statistic).toBeNull();
      expect(one.proportion.cv.cv).toBeNull();
      expect(one.filters).toEqual({ team_id: ids.Gamma });
    });

    it('resolution-time consistency: per-team medians, Kruskal–Wallis with ties, CV of medians and a weekly XmR chart', async () => {
      const { app } = ctx();
      const ws = await keyedWorkspace(app);
      for (const name of ['North', 'South', 'East']) await post(app, ws.as, 'teams', { name });
      // Resolution minutes per team; ties across teams (30, 60, 90).
      const data: Record<string, number[]> = {
        North: [30, 60, 60, 90, 120, 150],
        South: [90, 180, 240, 300, 360],
        East: [30, 45, 60, 75, 90],
      };
      // Weeks: North's first three in week 1, the rest in week 2; South in week 2 and 3; East in week 3.
      const specs: Spec[] = [];
      Object.entries(data).forEach(([team, list]) =>
        list.forEach((m, i) => specs.push({ team, replyAfter: null, solveAfter: m, day: team === 'North' ? (i < 3 ? 0 : 7) : team === 'South' ? (i < 2 ? 7 : 14) : 14 })),
      );
      await importAll(app, ws, specs);

      const res = await get(app, ws.as, `consistency?${RANGE}&measure=resolution&unit=team`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ kind: 'time', proportion: null, time_basis: 'calendar', excluded_units: [] });
      const t = body.time;
      expect(t.n).toBe(16);
      expect(t.units.map((u: Body) => [u.name, u.n, u.median])).toEqual([
        ['South', 5, 240 * 60],
        ['North', 6, 75 * 60],
        ['East', 5, 60 * 60],
      ]);
      const seconds = (team: string) => (data[team] as number[]).map((m) => m * 60);
      const h = kruskal([seconds('North'), seconds('South'), seconds('East')]);
      expect(t.kruskal_wallis.h).toBeCloseTo(h, 9);
      expect(t.kruskal_wallis).toMatchObject({ n: 16, k: 3, df: 2 });
      expect(t.kruskal_wallis.p_value).toBeCloseTo(Math.exp(-h / 2), 9);
      const medians = [240, 75, 60].map((m) => m * 60);
      const mm = medians.reduce((a, b) => a + b, 0) / 3;
      expect(t.cv.cv).toBeCloseTo(Math.sqrt(medians.reduce((a, v) => a + (v - mm) ** 2, 0) / 2) / mm, 10);

      // Weeks from Monday in Bangkok: 23 Feb (1 March is a Sunday), 2, 9, 16, 23 March.
      const weekValues = [[30, 60, 60], [90, 120, 150, 90, 180], [240, 300, 360, 30, 45, 60, 75, 90]].map((w) => median(w) * 60);
      expect(t.xmr.points.map((p: Body) => [p.label, p.n, p.median])).toEqual([
        ['2026-02-23', 0, null],
        ['2026-03-02', 3, weekValues[0]],
        ['2026-03-09', 5, weekValues[1]],
        ['2026-03-16', 8, weekValues[2]],
        ['2026-03-23', 0, null],
      ]);
      const ranges = [Math.abs((weekValues[1] as number) - (weekValues[0] as number)), Math.abs((weekValues[2] as number) - (weekValues[1] as number))];
      const mr = (ranges[0]! + ranges[1]!) / 2;
      const centre = weekValues.reduce((a, b) => a + b, 0) / 3;
      expect(t.xmr.center).toBeCloseTo(centre, 9);
      expect(t.xmr.upper_limit).toBeCloseTo(centre + 2.66 * mr, 9);
      expect(t.xmr.lower_limit).toBeCloseTo(centre - 2.66 * mr, 9);
      expect(t.xmr.moving_range_upper_limit).toBeCloseTo(3.267 * mr, 9);
      expect(t.xmr.points[2].moving_range).toBeCloseTo(ranges[0]!, 9);

      // One unit's chart, and a minimum that leaves out two teams.
      const north = t.units.find((u: Body) => u.name === 'North');
      const mine = (await get(app, ws.as, `consistency?${RANGE}&measure=resolution&unit=team&xmr_unit_id=${north.unit_id}&min_n=6`)).json();
      expect(mine.time.xmr.unit_id).toBe(north.unit_id);
      expect(mine.time.xmr.points.map((p: Body) => p.n)).toEqual([0, 3, 3, 0, 0]);
      expect(mine.time.units.map((u: Body) => u.name)).toEqual(['North']);
      expect(mine.time.kruskal_wallis.h).toBeNull();
      expect(mine.excluded_units.map((u: Body) => [u.name, u.reason]).sort()).toEqual([
        ['East', 'n_below_minimum'],
        ['South', 'n_below_minimum'],
      ]);
    });

    it('three levels of service per team with the default and changed definitions; tickets without evidence are unknown', async () => {
      const { app } = ctx();
      const ws = await keyedWorkspace(app);
      await firstReplyPolicy(app, ws);
      const team = (await post(app, ws.as, 'teams', { name: 'Desk' })).id;
      const survey = await createSurvey(app, ws.as, { type: 'csat' });
      // reply after (min) → slack (60 − r)/60; CSAT per ticket (null: no answer).
      const cases: [reply: number | null, csat: number | null][] = [
        [10, 5], // slack 0.83, CSAT 5 → exceeded
        [10, null], // slack 0.83, no answer → met by default (CSAT required), exceeded when not required
        [50, 5], // slack 0.17 < 0.25 → met; exceeded at exceed_slack_ratio=0.1
        [90, 5], // breached → below
        [10, 2], // CSAT 2 → below; met when below_csat_max=1
        [10, 4], // met
        [null, null], // solved before any reply (clock cancelled) and no answer → unknown
        [null, 5], // no SLA evidence but CSAT 5 → exceeded unless require_sla_to_exceed
      ];
      const lines = await importAll(
        app,
        ws,
        cases.map(([reply]) => ({ team: 'Desk', replyAfter: reply, solveAfter: 120 })),
      );
      const tickets = (await call(app, 'GET', '/api/v1/tickets?limit=100', { as: ws.as })).json().data as Body[];
      for (const [i, [, csat]] of cases.entries()) {
        if (csat === null) continue;
        const ticket = tickets.find((tk) => tk.external_id === lines[i]?.external_id) as Body;
        const inv = await invite(app, ws.as, survey.id, { customer_id: ticket.customer_id, ticket_id: ticket.id });
        expect((await postJson(app, inv.token, { csat })).statusCode).toBe(200);
      }
      await refreshTicketFacts(app.deps.database.db, { now: clock.now() });

      const levelsOf = async (query: string) => {
        const res = await get(app, ws.as, `service-levels?${RANGE}&by=team${query}`);
        expect(res.statusCode, res.body).toBe(200);
        const body = res.json();
        const row = body.groups.find((g: Body) => g.group_id === team);
        return { body, counts: [row.below.count, row.met.count, row.exceeded.count, row.unknown] };
      };
      const def = await levelsOf('');
      expect(def.body.definitions).toMatchObject({ below_csat_max: 2, exceed_csat_min: 5, exceed_slack_ratio: 0.25, require_csat_to_exceed: true, require_sla_to_exceed: false });
      expect(def.body.definitions.exceeded).toContain('25%');
      expect(def.body.groups[0]).toMatchObject({ name: 'Desk', n: 8, drilldown: { tickets_query: { team_id: team } } });
      expect(def.counts).toEqual([2, 3, 2, 1]);
      const row = def.body.groups[0];
      expect(row.known).toBe(7);
      expect(row.below.share).toBeCloseTo(2 / 7, 12);
      expect(def.body.total).toMatchObject({ n: 8, known: 7, unknown: 1 });
      expect((await levelsOf('&require_csat_to_exceed=false')).counts).toEqual([2, 2, 3, 1]);
      expect((await levelsOf('&exceed_slack_ratio=0.1')).counts).toEqual([2, 2, 3, 1]);
      expect((await levelsOf('&below_csat_max=1')).counts).toEqual([1, 4, 2, 1]); // CSAT 2 is now met
      expect((await levelsOf('&require_sla_to_exceed=true')).counts).toEqual([2, 4, 1, 1]);
      expect((await levelsOf('&exceed_csat_min=4')).counts).toEqual([2, 2, 3, 1]);
      const bad = await get(app, ws.as, `service-levels?${RANGE}&below_csat_max=3&exceed_csat_min=3`);
      expect(bad.statusCode).toBe(400);
    });

    it('value and cost per tier and organization: volume, handle hours, cost at a rate, CSAT and SLA beside the value fields', async () => {
      const { app } = ctx();
      const ws = await keyedWorkspace(app);
      await firstReplyPolicy(app, ws);
      const gold = await post(app, ws.as, 'tiers', { name: 'Gold', rank: 10, min_annual_revenue: '1000000.50', min_margin: '0.30' });
      const silver = await post(app, ws.as, 'tiers', { name: 'Silver', rank: 5 });
      const acme = await post(app, ws.as, 'organizations', { name: 'Acme', tier_id: gold.id, annual_revenue: '2500000', margin: '0.4' });
      const globex = await post(app, ws.as, 'organizations', { name: 'Globex', tier_id: silver.id });
      const a = await createCustomer(app, ws.as, { organization_id: acme.id, tier_id: gold.id });
      const g = await createCustomer(app, ws.as, { organization_id: globex.id, tier_id: silver.id });
      const emailOf = (c: Body) => c.identities.find((i: Body) => i.kind === 'email').value as string;
      // Acme: two tickets solved after 60 and 120 min (reply at 30: SLA met); Globex: one after 30 min (reply at 90: breached).
      await importAll(app, ws, [
        { email: emailOf(a), replyAfter: 30, solveAfter: 60 },
        { email: emailOf(a), replyAfter: 30, solveAfter: 120 },
        { email: emailOf(g), replyAfter: 90, solveAfter: 100 },
      ]);
      const res = await get(app, ws.as, `value?${RANGE}&by=tier&hourly_rate=30&currency=EUR`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ by: 'tier', hourly_rate: 30, currency: 'EUR' });
      expect(body.groups.map((r: Body) => r.name)).toEqual(['Gold', 'Silver']); // by rank
      const [goldRow, silverRow] = body.groups;
      expect(goldRow).toMatchObject({
        group_id: gold.id,
        tier: { id: gold.id, name: 'Gold', rank: 10 },
        value: { annual_revenue: '1000000.50', margin: '0.30', min_tickets_per_year: null },
        tickets_created: 2,
        tickets_solved: 2,
        sla: { n: 2, met: 2, rate: 1 },
        csat: { n: 0, percent: null, interval: null },
        drilldown: { tickets_query: { tier_id: gold.id } },
      });
      expect(goldRow.handle_hours).toBeCloseTo(3, 9);
      expect(goldRow.handle_hours_mean).toBeCloseTo(1.5, 9);
      expect(goldRow.cost).toBe(90);
      expect(goldRow.cost_per_ticket).toBe(45);
      expect(silverRow).toMatchObject({ tickets_solved: 1, sla: { n: 1, met: 0, rate: 0 } });
      expect(silverRow.cost).toBe(Math.round((100 / 60) * 30 * 100) / 100);
      expect(body.total).toMatchObject({ tickets_created: 3, tickets_solved: 3 });
      expect(body.total.handle_hours).toBeCloseTo(280 / 60, 9);

      const orgs = (await get(app, ws.as, `value?${RANGE}&by=organization`)).json();
      expect(orgs.hourly_rate).toBeNull();
      expect(orgs.groups.map((r: Body) => [r.name, r.tier?.name, r.value.annual_revenue, r.tickets_solved, r.cost])).toEqual([
        ['Acme', 'Gold', '2500000', 2, null],
        ['Globex', 'Silver', null, 1, null],
      ]);
      // Filtered to one tier.
      const onlyGold = (await get(app, ws.as, `value?${RANGE}&tier_id=${gold.id}`)).json();
      expect(onlyGold.groups).toHaveLength(1);
      expect(onlyGold.total.tickets_solved).toBe(2);
    });

    it('bad input: to before from, over two years, too many periods, unknown or foreign ids, metric on the wrong measure; agents are refused; workspaces are isolated', async () => {
      const { app } = ctx();
      const ws = await keyedWorkspace(app);
      const other = await createWorkspace(app);
      const foreignTeam = (await post(app, other.as, 'teams', { name: 'Theirs' })).id;
      await importAll(app, ws, [{ team: null as never, replyAfter: 10, solveAfter: 20 }]);
      await importAll(app, { ...other, as: other.as } as Ws, [{ replyAfter: 10, solveAfter: 20 }, { replyAfter: 10, solveAfter: 20 }]);

      for (const path of ['consistency?measure=sla_met&', 'service-levels?', 'value?']) {
        const backwards = await get(app, ws.as, `${path}from=2026-03-10T00:00:00Z&to=2026-03-01T00:00:00Z`);
        expect(backwards.statusCode).toBe(400);
        expect(backwards.json().code).toBe('validation_failed');
        const same = await get(app, ws.as, `${path}from=2026-03-10T00:00:00Z&to=2026-03-10T00:00:00Z`);
        expect(same.statusCode).toBe(400);
        const tenYears = await get(app, ws.as, `${path}from=2016-03-01T00:00:00Z&to=2026-03-01T00:00:00Z`);
        expect(tenYears.statusCode).toBe(400);
        expect(tenYears.json().issues[0].path).toBe('querystring.to');
        const foreign = await get(app, ws.as, `${path}${RANGE}&team_id=${foreignTeam}`);
        expect(foreign.statusCode).toBe(422);
        expect(foreign.json()).toMatchObject({ code: 'invalid_reference', issues: [{ path: 'querystring.team_id' }] });
        const unknownTier = await get(app, ws.as, `${path}${RANGE}&tier_id=0190a4b2-0000-7000-8000-000000000000`);
        expect(unknownTier.statusCode).toBe(422);
      }
      const days = await get(app, ws.as, 'consistency?measure=resolution&period=day&from=2024-03-01T00:00:00Z&to=2026-03-01T00:00:00Z');
      expect(days.statusCode).toBe(400);
      expect(days.json().issues[0].path).toBe('querystring.period');
      const weeks = await get(app, ws.as, 'consistency?measure=resolution&period=week&from=2024-03-01T00:00:00Z&to=2026-03-01T00:00:00Z');
      expect(weeks.statusCode, weeks.body).toBe(200);
      expect(weeks.json().time.xmr.points.length).toBeGreaterThan(100);
      expect((await get(app, ws.as, `consistency?${RANGE}&measure=csat_satisfied&sla_metric=first_reply`)).statusCode).toBe(400);
      expect((await get(app, ws.as, `consistency?${RANGE}&measure=resolution&xmr_unit_id=${foreignTeam}`)).statusCode).toBe(422);
      expect((await get(app, ws.as, `consistency?${RANGE}&measure=nps`)).statusCode).toBe(400);

      const agent = await addUser(app, ws, 'agent');
      const supervisor = await addUser(app, ws, 'supervisor');
      for (const path of [`consistency?${RANGE}&measure=sla_met`, `service-levels?${RANGE}`, `value?${RANGE}`]) {
        expect((await get(app, agent.as, path)).statusCode).toBe(403);
        expect((await get(app, supervisor.as, path)).statusCode).toBe(200);
      }
      // Only this workspace's one ticket, never the other's two.
      const mine = (await get(app, ws.as, `value?${RANGE}`)).json();
      expect(mine.total.tickets_created).toBe(1);
      const theirs = (await get(app, other.as, `value?${RANGE}`)).json();
      expect(theirs.total.tickets_created).toBe(2);
    });
  },
  { clock: () => clock, config: { GAPWISE_SESSION_TTL_HOURS: '10000' } },
);
