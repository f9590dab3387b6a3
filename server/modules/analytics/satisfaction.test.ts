import type { FastifyInstance } from 'fastify';
import { expect, it } from 'vitest';
import { addUser, createTicket } from '../../../test/factories.ts';
import { type Auth, call, describeEngines } from '../../../test/harness.ts';
import { ManualClock } from '../../platform/clock.ts';
import { kanoFeatureQuestion } from '../surveys/survey-defaults.ts';
import { type Body, createCustomer, createSurvey, invite, keyedWorkspace, postJson, smallServqualDefinition } from '../surveys/test-surveys.ts';

const clock = new ManualClock('2026-03-03T03:00:00Z');

/** Independent hand formulas (quality.md), not the library's code. */
function wilson(x: number, n: number) {
  const z = 1.959964; // the spec’s z; the library uses the exact quantile, so compare to 1e-5 (percent)
  const p = x / n;
  const centre = p + (z * z) / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  const d = 1 + (z * z) / n;
  return { lower: (100 * (centre - half)) / d, upper: (100 * (centre + half)) / d };
}
function nps(p: number, passives: number, d: number) {
  const n = p + passives + d;
  const score = (100 * (p - d)) / n;
  const se = Math.sqrt((10000 * (p / n + d / n - (p / n - d / n) ** 2)) / n);
  return { score, lower: score - 1.96 * se, upper: score + 1.96 * se };
}

type Ws = Awaited<ReturnType<typeof keyedWorkspace>>;

/** One answered invitation: through a ticket (its snapshot) or to a customer without a ticket. */
async function answer(app: FastifyInstance, ws: Ws, surveyId: string, ticket: Body | null, answers: Body, customerId?: string) {
  const inv = await invite(app, ws.as, surveyId, ticket ? { customer_id: ticket.customer_id, ticket_id: ticket.id } : { customer_id: customerId });
  const res = await postJson(app, inv.token, answers);
  expect(res.statusCode, res.body).toBe(200);
}

const get = (app: FastifyInstance, as: Auth, path: string) => call(app, 'GET', `/api/v1/analytics/${path}`, { as });
const team = async (app: FastifyInstance, ws: Ws, name: string) => (await call(app, 'POST', '/api/v1/teams', { as: ws.as, body: { name } })).json().id as string;

const MARCH = 'from=2026-03-01T00:00:00%2B07:00&to=2026-03-15T00:00:00%2B07:00';

describeEngines(
  'satisfaction analytics',
  (ctx) => {
    it('CSAT %, CES and NPS with their intervals, overall, by team and by week, match hand computations; NPS below 30 answers has no interval and says why', async () => {
      const { app } = ctx();
      clock.set('2026-03-03T03:00:00Z');
      const ws = await keyedWorkspace(app);
      const [a, b] = [await team(app, ws, 'Alpha'), await team(app, ws, 'Beta')];
      const csat = await createSurvey(app, ws.as, { type: 'csat', include_ces: true });
      const npsSurvey = await createSurvey(app, ws.as, { type: 'nps' });
      const customer = await createCustomer(app, ws.as);
      // Week of 2 March: team A 5/7, 4/6, 2/3; team B 1 and two NPS answers (9, 0).
      for (const [t, answers] of [
        [a, { csat: 5, ces: 7 }],
        [a, { csat: 4, ces: 6 }],
        [a, { csat: 2, ces: 3 }],
        [b, { csat: 1 }],
      ] as const) {
        await answer(app, ws, csat.id, await createTicket(app, ws.as, { team_id: t }), answers);
      }
      for (const score of [9, 0]) await answer(app, ws, npsSurvey.id, await createTicket(app, ws.as, { team_id: b }), { nps: score });
      // Week of 9 March: team A 5/5, team B 4/2; 31 NPS answers without a ticket: 12 promoters, 9 passives, 10 detractors.
      clock.set('2026-03-10T03:00:00Z');
      await answer(app, ws, csat.id, await createTicket(app, ws.as, { team_id: a }), { csat: 5, ces: 5 });
      await answer(app, ws, csat.id, await createTicket(app, ws.as, { team_id: b }), { csat: 4, ces: 2 });
      for (let i = 0; i < 31; i++) await answer(app, ws, npsSurvey.id, null, { nps: i < 12 ? 10 : i < 21 ? 8 : 3 }, customer.id);

      const overall = await get(app, ws.as, `satisfaction?${MARCH}`);
      expect(overall.statusCode, overall.body).toBe(200);
      const body = overall.json();
      expect(body).toMatchObject({ group_by: 'none', time_zone: 'Asia/Bangkok', survey_id: null, ticket_filter_excludes_unlinked: false });
      expect(body.groups).toHaveLength(1);
      const o = body.overall;
      expect(o.responses).toBe(6 + 2 + 31);
      // CSAT 5,4,2,1,5,4: 4 of 6 satisfied.
      expect(o.csat).toMatchObject({ n: 6, satisfied: 4, no_interval_reason: null, note: null });
      expect(o.csat.percent).toBeCloseTo(400 / 6, 10);
      expect(o.csat.mean).toBeCloseTo(21 / 6, 10);
      expect(o.csat.interval.lower).toBeCloseTo(wilson(4, 6).lower, 5);
      expect(o.csat.interval.upper).toBeCloseTo(wilson(4, 6).upper, 5);
      // CES 7,6,3,5,2 on the default 1–7: mean 4.6, too few for an interval.
      expect(o.ces).toMatchObject({ n: 5, scale: { min: 1, max: 7, direction: 'higher_is_easier' }, rescaled: false, interval: null, no_interval_reason: 'n_below_minimum', min_interval_n: 30 });
      expect(o.ces.mean).toBeCloseTo(4.6, 10);
      expect(o.ces.note).toContain('n = 30');
      // NPS: 13 promoters, 9 passives, 11 detractors of 33.
      const expected = nps(13, 9, 11);
      expect(o.nps).toMatchObject({ n: 33, promoters: 13, passives: 9, detractors: 11, no_interval_reason: null });
      expect(o.nps.score).toBeCloseTo(expected.score, 10);
      expect(o.nps.interval.lower).toBeCloseTo(expected.lower, 8);
      expect(o.nps.interval.upper).toBeCloseTo(expected.upper, 8);

      const byTeam = (await get(app, ws.as, `satisfaction?${MARCH}&group_by=team`)).json();
      const rows = Object.fromEntries(byTeam.groups.map((g: Body) => [String(g.group), g]));
      expect(byTeam.groups.map((g: Body) => g.group).at(-1)).toBeNull(); // null last
      expect(rows[a]).toMatchObject({ responses: 4, csat: { n: 4, satisfied: 3 }, nps: { n: 0, score: null, interval: null, no_interval_reason: 'no_responses' } });
      expect(rows[a].csat.interval.lower).toBeCloseTo(wilson(3, 4).lower, 5);
      expect(rows[b]).toMatchObject({ responses: 4, csat: { n: 2, satisfied: 1 }, nps: { n: 2, promoters: 1, detractors: 1, score: 0, interval: null, no_interval_reason: 'n_below_minimum' } });
      expect(rows[b].nps.note).toMatch(/2 NPS answers: no interval is shown below n = 30/);
      const alone = nps(12, 9, 10);
      expect(rows.null).toMatchObject({ responses: 31, csat: { n: 0, percent: null, interval: null, no_interval_reason: 'no_responses' }, nps: { n: 31 } });
      expect(rows.null.nps.interval.lower).toBeCloseTo(alone.lower, 8);
      expect(rows.null.nps.interval.upper).toBeCloseTo(alone.upper, 8);
      expect(byTeam.overall.responses).toBe(39);

      // Weeks from Monday in Bangkok: 1 March is a Sunday, so its week (from 23 February) comes first, empty.
      const byWeek = (await get(app, ws.as, `satisfaction?${MARCH}&group_by=week`)).json();
      expect(byWeek.groups.map((g: Body) => [g.group, g.period_start, g.responses, g.csat.n, g.csat.satisfied, g.nps.n])).toEqual([
        ['2026-02-23', '2026-02-22T17:00:00.000Z', 0, 0, 0, 0],
        ['2026-03-02', '2026-03-01T17:00:00.000Z', 6, 4, 2, 2],
        ['2026-03-09', '2026-03-08T17:00:00.000Z', 33, 2, 2, 31],
      ]);

      // One survey only.
      const one = (await get(app, ws.as, `satisfaction?${MARCH}&survey_id=${npsSurvey.id}`)).json();
      expect(one.overall).toMatchObject({ responses: 33, csat: { n: 0 }, ces: { n: 0 }, nps: { n: 33 } });
    });

    it('CES on different scales is rescaled onto 1–7 (higher is easier) when mixed, and stays on its own scale for one survey', async () => {
      const { app } = ctx();
      clock.set('2026-03-03T03:00:00Z');
      const ws = await keyedWorkspace(app);
      const customer = await createCustomer(app, ws.as);
      const modern = await createSurvey(app, ws.as, { type: 'ces' });
      const old = await createSurvey(app, ws.as, {
        type: 'ces',
        definition: {
          title: { en: 'Effort' },
          questions: [{ id: 'effort', kind: 'scale', role: 'ces', text: { en: 'How much effort did it take?' }, scale: { min: 1, max: 5, direction: 'higher_is_worse' } }],
        },
      });
      for (const v of [7, 6, 3, 5, 2]) await answer(app, ws, modern.id, null, { ces: v }, customer.id);
      // 1 of 1–5 where higher is harder = the easiest answer = 7 on CES 2.0; 4 → 1 + 6·(1 − 3/4) = 2.5.
      await answer(app, ws, old.id, null, { effort: 1 }, customer.id);
      await answer(app, ws, old.id, null, { effort: 4 }, customer.id);
      const mixed = (await get(app, ws.as, `satisfaction?${MARCH}`)).json().overall.ces;
      expect(mixed).toMatchObject({ n: 7, rescaled: true, scale: { min: 1, max: 7, direction: 'higher_is_easier' } });
      expect(mixed.mean).toBeCloseTo((7 + 6 + 3 + 5 + 2 + 7 + 2.5) / 7, 10);
      expect(mixed.note).toContain('rescaled');
      const own = (await get(app, ws.as, `satisfaction?${MARCH}&survey_id=${old.id}`)).json().overall.ces;
      expect(own).toMatchObject({ n: 2, mean: 2.5, rescaled: false, scale: { min: 1, max: 5, direction: 'higher_is_harder' } });
    });

    it('filters: snapshot filters keep anonymous responses, ticket filters (priority, category, tag) leave out responses without a ticket and say so', async () => {
      const { app } = ctx();
      clock.set('2026-03-03T03:00:00Z');
      const ws = await keyedWorkspace(app);
      const agent = await addUser(app, ws, 'agent', 'Ann');
      const alpha = await team(app, ws, 'Alpha');
      const named = await createSurvey(app, ws.as, { type: 'csat' });
      const anonymous = await createSurvey(app, ws.as, { type: 'csat', settings: { anonymous: true } });
      const vip = await createTicket(app, ws.as, { team_id: alpha, priority: 'high', category: 'billing', tags: ['vip'], assignee_id: agent.id, channel: 'email' });
      const plain = await createTicket(app, ws.as, { team_id: alpha, priority: 'low', channel: 'chat' });
      await answer(app, ws, named.id, vip, { csat: 5 });
      await answer(app, ws, named.id, plain, { csat: 1 });
      await answer(app, ws, anonymous.id, vip, { csat: 4 });

      const csatOf = async (query: string) => {
        const res = await get(app, ws.as, `satisfaction?${MARCH}&${query}`);
        expect(res.statusCode, res.body).toBe(200);
        return res.json();
      };
      expect((await csatOf(`team_id=${alpha}`)).overall.csat).toMatchObject({ n: 3, satisfied: 2 });
      expect((await csatOf('channel=email')).overall.csat).toMatchObject({ n: 2, satisfied: 2 }); // the anonymous one keeps its channel
      for (const filter of ['priority=high', 'category=billing', 'tag=vip']) {
        const body = await csatOf(filter);
        expect(body.overall.csat, filter).toMatchObject({ n: 1, satisfied: 1 });
        expect(body.ticket_filter_excludes_unlinked).toBe(true);
      }
      // Anonymous responses carry no agent: they fall under null, never under the agent.
      expect((await csatOf(`assignee_id=${agent.id}`)).overall.csat).toMatchObject({ n: 1, satisfied: 1 });
      const byAgent = await csatOf('group_by=agent');
      expect(byAgent.groups.map((g: Body) => [g.group, g.csat.n])).toEqual([
        [agent.id, 1],
        [null, 2],
      ]);
      const byPriority = await csatOf('group_by=priority');
      expect(byPriority.ticket_filter_excludes_unlinked).toBe(true);
      expect(byPriority.groups.map((g: Body) => [g.group, g.csat.n])).toEqual([
        ['high', 1],
        ['low', 1],
      ]);
      // A team that does not exist (or was deleted): an empty, explained answer, not an error.
      const none = await csatOf('team_id=0190f0f0-0000-7000-8000-000000000000');
      expect(none.overall).toMatchObject({ responses: 0, csat: { n: 0, no_interval_reason: 'no_responses' } });
      expect(none.overall.csat.note).toContain('No CSAT answers');
    });

    it('bad input: to before from, ranges over 2 years, too many periods, unknown survey → 4xx; agents may not read analytics', async () => {
      const { app } = ctx();
      const ws = await keyedWorkspace(app);
      const cases: [string, number, string][] = [
        ['satisfaction?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z', 400, 'from'],
        ['satisfaction?from=2026-03-01T00:00:00Z&to=2026-03-01T00:00:00Z', 400, 'from'],
        ['satisfaction?from=2016-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&group_by=day', 400, 'to'],
        ['satisfaction?from=2024-06-01T00:00:00Z&to=2026-03-01T00:00:00Z&group_by=day', 400, 'group_by'],
        ['satisfaction?group_by=colour', 400, ''],
        ['comments?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z', 400, 'from'],
        ['comments?limit=101', 400, ''],
        ['servqual?from=2016-01-01T00:00:00Z&to=2026-01-01T00:00:00Z', 400, 'to'],
        ['kano?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z', 400, 'from'],
        ['satisfaction?survey_id=0190f0f0-0000-7000-8000-000000000000', 404, ''],
      ];
      for (const [path, status, field] of cases) {
        const res = await get(app, ws.as, path);
        expect(res.statusCode, `${path}: ${res.body}`).toBe(status);
        expect(res.headers['content-type']).toContain('application/problem+json');
        if (field) expect(res.body).toContain(field);
      }
      const csat = await createSurvey(app, ws.as, { type: 'csat' });
      const wrongType = await get(app, ws.as, `servqual?survey_id=${csat.id}`);
      expect(wrongType.statusCode).toBe(400);
      expect(wrongType.body).toContain('csat survey, not a servqual one');
      const agent = await addUser(app, ws, 'agent');
      for (const path of ['satisfaction', 'comments', 'servqual', 'kano']) expect((await get(app, agent.as, path)).statusCode).toBe(403);
      const supervisor = await addUser(app, ws, 'supervisor');
      expect((await get(app, supervisor.as, 'satisfaction')).statusCode).toBe(200);
    });

    it('workspaces are isolated: another workspace sees none of the responses, comments or surveys', async () => {
      const { app } = ctx();
      clock.set('2026-03-03T03:00:00Z');
      const one = await keyedWorkspace(app);
      const other = await keyedWorkspace(app);
      const survey = await createSurvey(app, one.as, { type: 'csat' });
      await answer(app, one, survey.id, await createTicket(app, one.as), { csat: 5, comment: 'Secret praise' });
      expect((await get(app, one.as, `satisfaction?${MARCH}`)).json().overall.csat.n).toBe(1);
      expect((await get(app, other.as, `satisfaction?${MARCH}`)).json().overall).toMatchObject({ responses: 0, csat: { n: 0 } });
      expect((await get(app, other.as, `comments?${MARCH}`)).json().data).toEqual([]);
      expect((await get(app, other.as, `satisfaction?survey_id=${survey.id}`)).statusCode).toBe(404);
      expect((await get(app, other.as, `comments?survey_id=${survey.id}`)).statusCode).toBe(404);
      expect((await get(app, other.as, 'servqual')).json()).toMatchObject({ survey: null, reason: 'no_survey' });
    });

    it('comments: newest first, cursor pages, score / type / text filters; anonymous comments show no ticket, customer or agent', async () => {
      const { app } = ctx();
      const ws = await keyedWorkspace(app);
      const agent = await addUser(app, ws, 'agent', 'Ann');
      const alpha = await team(app, ws, 'Alpha');
      const csat = await createSurvey(app, ws.as, { type: 'csat', name: 'After solve' });
      const npsSurvey = await createSurvey(app, ws.as, { type: 'nps' });
      const anonymous = await createSurvey(app, ws.as, { type: 'csat', settings: { anonymous: true } });
      const ticket = await createTicket(app, ws.as, { subject: 'Broken printer', team_id: alpha, assignee_id: agent.id, customer: { email: 'mai@example.com', name: 'Mai' } });
      const hours = ['2026-03-02T03:00:00Z', '2026-03-03T03:00:00Z', '2026-03-04T03:00:00Z', '2026-03-05T03:00:00Z', '2026-03-06T03:00:00Z'];
      clock.set(hours[0] as string);
      await answer(app, ws, csat.id, ticket, { csat: 1, comment: 'Too slow, 100% unhappy' });
      clock.set(hours[1] as string);
      await answer(app, ws, csat.id, await createTicket(app, ws.as), { csat: 5, comment: 'Great and FAST' });
      clock.set(hours[2] as string);
      await answer(app, ws, csat.id, await createTicket(app, ws.as), { csat: 4 }); // no comment: not listed
      clock.set(hours[3] as string);
      await answer(app, ws, npsSurvey.id, await createTicket(app, ws.as), { nps: 3, comment: 'Would not recommend' });
      clock.set(hours[4] as string);
      await answer(app, ws, anonymous.id, ticket, { csat: 2, comment: 'Rude on the phone' });

      const all = (await get(app, ws.as, `comments?${MARCH}`)).json();
      // The anonymous response is stamped at the start of its UTC day, so it sorts by that day.
      expect(all.data.map((c: Body) => c.comment)).toEqual(['Rude on the phone', 'Would not recommend', 'Great and FAST', 'Too slow, 100% unhappy']);
      const slow = all.data[3];
      expect(slow).toMatchObject({
        survey_id: csat.id,
        survey_name: 'After solve',
        survey_type: 'csat',
        csat: 1,
        nps: null,
        ticket: { id: ticket.id, number: ticket.number, subject: 'Broken printer' },
        customer: { name: 'Mai' },
        agent: { id: agent.id, name: 'Ann' },
        team: { id: alpha, name: 'Alpha' },
        anonymous: false,
        submitted_at: '2026-03-02T03:00:00.000Z',
      });
      const anon = all.data[0];
      expect(anon).toMatchObject({ ticket: null, customer: null, agent: null, team: { id: alpha }, anonymous: true, submitted_at: '2026-03-05T17:00:00.000Z' }); // 6 March, 00:00 in Bangkok

      // Pages of 2 walk the same list without gaps or repeats.
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await get(app, ws.as, `comments?${MARCH}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.statusCode, res.body).toBe(200);
        const page = res.json();
        expect(page.data.length).toBeLessThanOrEqual(2);
        seen.push(...page.data.map((c: Body) => c.comment));
        cursor = page.next_cursor;
      } while (cursor);
      expect(seen).toEqual(all.data.map((c: Body) => c.comment));
      expect((await get(app, ws.as, `comments?cursor=nonsense`)).statusCode).toBe(400);

      const comments = async (q: string) => (await get(app, ws.as, `comments?${MARCH}&${q}`)).json().data.map((c: Body) => c.comment);
      expect(await comments('csat_max=2')).toEqual(['Rude on the phone', 'Too slow, 100% unhappy']);
      expect(await comments('csat_min=4')).toEqual(['Great and FAST']);
      expect(await comments('nps_category=detractors')).toEqual(['Would not recommend']);
      expect(await comments('nps_category=promoters')).toEqual([]);
      expect(await comments('survey_type=nps')).toEqual(['Would not recommend']);
      expect(await comments('q=fast')).toEqual(['Great and FAST']);
      expect(await comments('q=100%25')).toEqual(['Too slow, 100% unhappy']); // % is literal
      expect(await comments(`assignee_id=${agent.id}`)).toEqual(['Too slow, 100% unhappy']);
      expect(await comments(`team_id=${alpha}`)).toEqual(['Rude on the phone', 'Too slow, 100% unhappy']);
      expect(await comments('priority=normal')).toEqual(['Would not recommend', 'Great and FAST', 'Too slow, 100% unhappy']); // no ticket, no match
      expect(await comments(`survey_id=${anonymous.id}`)).toEqual(['Rude on the phone']);
    });

    it('SERVQUAL: expectation, perception and gaps per dimension and item (most negative first), unweighted and weighted, by hand; by team; no survey → empty with a reason', async () => {
      const { app } = ctx();
      clock.set('2026-03-03T03:00:00Z');
      const ws = await keyedWorkspace(app);
      expect((await get(app, ws.as, 'servqual')).json()).toMatchObject({ survey: null, reason: 'no_survey', overall: { n: 0, items: [], unweighted: null }, groups: [] });
      const [a, b] = [await team(app, ws, 'Alpha'), await team(app, ws, 'Beta')];
      const survey = await createSurvey(app, ws.as, {
        type: 'servqual',
        definition: smallServqualDefinition(),
      });
      expect((await get(app, ws.as, `servqual?${MARCH}`)).json()).toMatchObject({ survey: { id: survey.id }, reason: 'no_responses', overall: { n: 0 } });
      const ep = (e: number, p: number) => ({ expectation: e, perception: p });
      await answer(app, ws, survey.id, await createTicket(app, ws.as, { team_id: a }), {
        t1: ep(7, 5),
        r1: ep(7, 4),
        r2: ep(6, 6),
        p1: ep(5, 6),
        a1: ep(6, 5),
        e1: ep(7, 7),
        weights: { tangibles: 10, reliability: 40, responsiveness: 20, assurance: 20, empathy: 10 },
      });
      await answer(app, ws, survey.id, await createTicket(app, ws.as, { team_id: a }), {
        t1: ep(6, 6),
        r1: ep(7, 5),
        r2: ep(7, 6),
        p1: ep(6, 4),
        a1: ep(5, 5),
        e1: ep(6, 3),
        weights: { tangibles: 20, reliability: 20, responsiveness: 20, assurance: 20, empathy: 20 },
      });
      await answer(app, ws, survey.id, await createTicket(app, ws.as, { team_id: b }), { t1: ep(5, 6), r1: ep(6, 3), p1: ep(7, 7), a1: ep(7, 4), e1: ep(5, 5) });

      const res = await get(app, ws.as, `servqual?${MARCH}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ survey: { id: survey.id, version: 1 }, reason: null, form: 'gap', scale: { min: 1, max: 7 } });
      const o = body.overall;
      expect(o.n).toBe(3);
      // Item gaps: t1 −2,0,1; r1 −3,−2,−3; r2 0,−1; p1 1,−2,0; a1 −1,0,−3; e1 0,−3,0.
      expect(o.items.map((i: Body) => i.id)).toEqual(['r1', 'a1', 'e1', 'r2', 'p1', 't1']);
      const items = Object.fromEntries(o.items.map((i: Body) => [i.id, i]));
      expect(items.r1.gap).toBeCloseTo(-8 / 3, 10);
      expect(items.r2).toMatchObject({ gap: -0.5, n: 2, expectation: 6.5, perception: 6, text: { en: 'P r2' } });
      expect(items.t1.expectation).toBeCloseTo(6, 10);
      expect(items.t1.perception).toBeCloseTo(17 / 3, 10);
      // Dimensions: mean over respondents of their mean item gap. Reliability: −1.5, −1.5, −3 → −2 (one respondent answered one item of two).
      const dims = Object.fromEntries(o.dimensions.map((d: Body) => [d.dimension, d]));
      expect(o.dimensions.map((d: Body) => d.dimension)).toEqual(['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy']);
      expect(dims.reliability).toMatchObject({ gap: -2, n: 3, incomplete: 1, items: 2 });
      expect(dims.tangibles.gap).toBeCloseTo(-1 / 3, 10);
      expect(dims.assurance.gap).toBeCloseTo(-4 / 3, 10);
      expect(dims.empathy.gap).toBeCloseTo(-1, 10);
      expect(dims.reliability.alpha.gap).toHaveProperty('alpha');
      // Unweighted = mean of the five dimension gaps = (−1/3 − 2 − 1/3 − 4/3 − 1)/5 = −1.
      expect(o.unweighted).toBeCloseTo(-1, 10);
      // Weighted: R1 .1·−2 + .4·−1.5 + .2·1 + .2·−1 + .1·0 = −0.8; R2 .2·(0 − 1.5 − 2 + 0 − 3) = −1.3; R3 gave no weights.
      expect(o.weighted.n).toBe(2);
      expect(o.weighted.score).toBeCloseTo(-1.05, 10);
      // SERVPERF: mean perception per respondent 33/6, 29/6, 25/5.
      expect(o.servperf.score).toBeCloseTo((33 / 6 + 29 / 6 + 5) / 3, 10);
      expect(o.note).toContain('part of a dimension');

      const byTeam = (await get(app, ws.as, `servqual?${MARCH}&group_by=team`)).json();
      const groups = Object.fromEntries(byTeam.groups.map((g: Body) => [g.group, g]));
      expect(groups[b].n).toBe(1);
      expect(groups[b].dimensions.find((d: Body) => d.dimension === 'reliability').gap).toBe(-3);
      expect(groups[a].n).toBe(2);
      expect(groups[a].weighted.score).toBeCloseTo(-1.05, 10);
      // Filters apply as in the other endpoints.
      expect((await get(app, ws.as, `servqual?${MARCH}&team_id=${b}`)).json().overall.n).toBe(1);
    });

    it('Kano: counts, category, Better and Worse per feature, by hand; no survey → empty with a reason', async () => {
      const { app } = ctx();
      clock.set('2026-03-03T03:00:00Z');
      const ws = await keyedWorkspace(app);
      expect((await get(app, ws.as, 'kano')).json()).toMatchObject({ survey: null, reason: 'no_survey', n: 0, features: [] });
      const customer = await createCustomer(app, ws.as);
      const survey = await createSurvey(app, ws.as, {
        type: 'kano',
        definition: { title: { en: 'Features' }, questions: [kanoFeatureQuestion('pickup', { en: 'same-day pickup' }), kanoFeatureQuestion('tracking', { en: 'live tracking' })] },
      });
      const pair = (functional: string, dysfunctional: string) => ({ functional, dysfunctional });
      const given = [
        { pickup: pair('like', 'dislike'), tracking: pair('like', 'neutral') }, // O, A
        { pickup: pair('like', 'dislike'), tracking: pair('like', 'expect') }, // O, A
        { pickup: pair('like', 'neutral'), tracking: pair('like', 'like') }, // A, Q
        { pickup: pair('expect', 'dislike') }, // M, —
        { pickup: pair('neutral', 'neutral'), tracking: pair('dislike', 'like') }, // I, R
      ];
      for (const answers of given) await answer(app, ws, survey.id, null, answers, customer.id);
      const res = await get(app, ws.as, `kano?${MARCH}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ survey: { id: survey.id }, reason: null, n: 5 });
      const [pickup, tracking] = body.features;
      // pickup: A1 O2 M1 I1 → Better (1+2)/5, Worse −(2+1)/5; category O (40% against 20%).
      expect(pickup).toMatchObject({ id: 'pickup', feature: { en: 'same-day pickup' }, n: 5, counts: { A: 1, O: 2, M: 1, I: 1, R: 0, Q: 0 }, category: 'O' });
      expect(pickup.better).toBeCloseTo(0.6, 10);
      expect(pickup.worse).toBeCloseTo(-0.6, 10);
      // tracking: A2 Q1 R1 → Better 2/2, Worse 0 (R and Q excluded); category A.
      expect(tracking).toMatchObject({ id: 'tracking', n: 4, counts: { A: 2, O: 0, M: 0, I: 0, R: 1, Q: 1 }, category: 'A', better: 1, worse: 0 });
      expect(tracking.questionable_rate).toBeCloseTo(0.25, 10);
      // An empty range: features listed with n 0 and no category.
      const empty = (await get(app, ws.as, 'kano?from=2025-01-01T00:00:00Z&to=2025-02-01T00:00:00Z')).json();
      expect(empty).toMatchObject({ reason: 'no_responses', n: 0 });
      expect(empty.features.map((f: Body) => [f.id, f.n, f.category, f.better])).toEqual([
        ['pickup', 0, null, null],
        ['tracking', 0, null, null],
      ]);
    });
  },
  { clock: () => clock },
);
