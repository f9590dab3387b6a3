import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { createTicket, createWorkspace } from '../../../test/factories.ts';
import { call, describeEngines } from '../../../test/harness.ts';
import { seededRandom } from '../../../test/seeded-random.ts';
import { ManualClock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db.ts';
import { isPeriod, periodIndex, periodsOf, summarize } from './analytics-rules.ts';
import { ANALYTICS_FACTS_REFRESH, analyticsFactsRefreshJob } from './ticket-facts.job.ts';
import { pendingTicketFacts } from './ticket-facts.service.ts';
import { pendingRollupDays, rollupPlanFor } from './rollup.service.ts';
import { factFiltersOf } from './analytics-rules.ts';
import type { RollupDim } from './rollup-rules.ts';

/**
 * The aggregated answer (ticket_facts, GET /analytics/tickets) equals a direct computation over the
 * raw rows (tickets, ticket_events, messages, ticket_clocks) for random histories, filters and
 * groupings. The direct computation below is written from the documented definitions, apart
 * from the fold in ticket-facts-rules.ts.
 */

const clock = new ManualClock('2026-01-01T00:00:00Z');
const MIN = 60_000;
const DATA_START = Date.parse('2026-01-01T00:00:00Z');
const DATA_DAYS = 60;

type Raw = {
  id: string;
  team_id: string | null;
  priority: string;
  channel: string;
  tags: string[];
  assignee_id: string | null;
  created: number;
  excluded: boolean;
  firstReply: number | null;
  firstReplyBusiness: number | null;
  nextReplies: { at: number; s: number; b: number | null }[];
  firstSolved: number | null;
  solvedNow: number | null;
  reopenedAt: number | null;
  reopens: number;
  resolutionBusiness: number | null;
  agentReplies: number;
  handle: number;
  achieved: string[];
  breached: string[];
};

/** Every ticket of the workspace, from the raw rows, by the definitions in contracts/analytics.ts. */
async function rawTickets(database: Database, workspaceId: string, now: number): Promise<Raw[]> {
  const db = database.db;
  const tickets = await db.selectFrom('tickets').selectAll().where('workspace_id', '=', workspaceId).execute();
  const events = await db.selectFrom('ticket_events').selectAll().where('workspace_id', '=', workspaceId).orderBy('occurred_at').orderBy('seq').execute();
  const messages = await db.selectFrom('messages').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').orderBy('id').execute();
  const clocks = await db.selectFrom('ticket_clocks').selectAll().where('workspace_id', '=', workspaceId).execute();
  const SOLVED = ['solved', 'closed'];
  return tickets.map((t) => {
    const created = t.created_at.getTime();
    const evs = events.filter((e) => e.ticket_id === t.id);
    const msgs = messages.filter((m) => m.ticket_id === t.id && m.kind !== 'internal_note');
    const cl = clocks.filter((c) => c.ticket_id === t.id);
    // Status moves: the created status, then each status_changed.
    const moves: { at: number; from: string; to: string }[] = [];
    let status = 'new';
    for (const e of evs) {
      const to = e.type === 'created' ? String(e.data.status ?? 'new') : e.type === 'status_changed' ? String(e.data.to) : null;
      if (!to || to === status) continue;
      moves.push({ at: e.occurred_at.getTime(), from: status, to });
      status = to;
    }
    const solves = moves.filter((m) => SOLVED.includes(m.to) && !SOLVED.includes(m.from)).map((m) => m.at);
    const reopens = moves.filter((m) => SOLVED.includes(m.from) && !SOLVED.includes(m.to)).map((m) => m.at);
    const firstSolved = solves[0] ?? null;
    const lastSolve = solves.at(-1) ?? null;
    // Time in new/open from creation up to the latest solve.
    let handle = 0;
    if (lastSolve !== null) {
      let since = created;
      let current = 'new';
      for (const m of moves) {
        if (m.at > lastSolve) break;
        if (current === 'new' || current === 'open') handle += m.at - since;
        current = m.to;
        since = m.at;
      }
    }
    const isAgentReply = (m: (typeof msgs)[number]) => m.kind === 'public_reply' && m.author_type === 'user';
    const replies = msgs.filter((m, i) => isAgentReply(m) && i > 0);
    const firstReply = replies[0]?.created_at.getTime() ?? null;
    // Next replies: after the first reply or a solve, the oldest unanswered customer message until the next reply.
    const nextReplies: Raw['nextReplies'] = [];
    let waiting: number | null = null;
    let over = false;
    const timeline = [
      ...msgs.map((m, i) => ({ at: m.created_at.getTime(), order: 0, kind: m.kind === 'customer' ? 'customer' : isAgentReply(m) && i > 0 ? 'reply' : isAgentReply(m) ? 'opening' : 'other' })),
      // A ticket created solved is solved before its opening message (the SLA engine's order).
      ...solves.map((at) => ({ at, order: at === created ? -1 : 1, kind: 'solve' })),
    ].sort((a, b) => a.at - b.at || a.order - b.order);
    for (const step of timeline) {
      if (step.kind === 'customer' && over && waiting === null) waiting = step.at;
      else if (step.kind === 'reply') {
        over = true;
        if (waiting !== null) {
          const clock = cl.find((c) => c.metric === 'next_reply' && c.state === 'fulfilled' && c.fulfilled_at?.getTime() === step.at);
          nextReplies.push({ at: step.at, s: (step.at - waiting) / 1000, b: clock ? Number(clock.elapsed_ms) / 1000 : null });
          waiting = null;
        }
      } else if (step.kind === 'solve') {
        over = true;
        waiting = null;
      }
    }
    const firstReplyClock = cl.find((c) => c.metric === 'first_reply' && c.state === 'fulfilled' && c.fulfilled_at?.getTime() === firstReply);
    const resolutionClock = cl.find((c) => c.metric === 'resolution' && c.instance === 1 && c.state === 'fulfilled');
    const achieved: string[] = [];
    const breached: string[] = [];
    for (const metric of new Set(cl.filter((c) => c.state !== 'cancelled').map((c) => c.metric))) {
      const list = cl.filter((c) => c.metric === metric && c.state !== 'cancelled');
      if (list.some((c) => c.outcome === 'breached' || c.breached_at !== null || (c.state === 'active' && c.due_at !== null && c.due_at.getTime() <= now))) breached.push(metric);
      else if (list.every((c) => c.state === 'fulfilled' && c.outcome === 'achieved')) achieved.push(metric);
    }
    return {
      id: t.id,
      team_id: t.team_id,
      priority: t.priority,
      channel: t.channel,
      tags: t.tags,
      assignee_id: t.assignee_id,
      created,
      excluded: evs.some((e) => e.type === 'merged') || t.tags.includes('spam'),
      firstReply,
      firstReplyBusiness: firstReplyClock ? Number(firstReplyClock.elapsed_ms) / 1000 : null,
      nextReplies,
      firstSolved,
      solvedNow: SOLVED.includes(t.status) ? lastSolve : null,
      reopenedAt: reopens.at(-1) ?? null,
      reopens: reopens.length,
      resolutionBusiness: firstSolved !== null && resolutionClock ? Number(resolutionClock.elapsed_ms) / 1000 : null,
      agentReplies: msgs.filter((m) => isAgentReply(m) && (firstSolved === null || m.created_at.getTime() <= firstSolved)).length,
      handle: handle / 1000,
      achieved,
      breached,
    };
  });
}

type Query = { from: Date; to: Date; groupBy: string; filters: Record<string, string> };

function matches(t: Raw, filters: Record<string, string>): boolean {
  if (filters.team_id && t.team_id !== filters.team_id) return false;
  if (filters.priority && t.priority !== filters.priority) return false;
  if (filters.channel && t.channel !== filters.channel) return false;
  if (filters.tag && !t.tags.includes(filters.tag)) return false;
  return true;
}

const rounded = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);
const statsOf = (values: number[]) => {
  const s = summarize(values);
  return { n: s.n, median: rounded(s.median), p90: rounded(s.p90), mean: rounded(s.mean) };
};

/** The expected groups, keyed like the API's `group` field. */
function expected(raw: Raw[], q: Query, timeZone: string) {
  const periods = isPeriod(q.groupBy) ? periodsOf(q.groupBy, timeZone, q.from, q.to) : null;
  const inRange = (at: number | null): at is number => at !== null && at >= q.from.getTime() && at < q.to.getTime();
  const keysOf = (t: Raw, at: number | null): (string | null)[] => {
    if (periods) return [periods.labels[periodIndex(periods.starts, new Date(at ?? 0)) - 1] ?? null];
    switch (q.groupBy) {
      case 'team':
        return [t.team_id];
      case 'priority':
        return [t.priority];
      case 'channel':
        return [t.channel];
      case 'agent':
        return [t.assignee_id];
      case 'tag':
        return t.tags.length > 0 ? t.tags : [null];
      default:
        return [null];
    }
  };
  type Acc = { created: number; solved: number; backlog: number; fr: number[]; frb: number[]; nr: number[]; nrb: number[]; res: number[]; resb: number[]; handle: number[]; reopened: number; oneTouch: number; sla: Map<string, { a: number; b: number }> };
  const groups = new Map<string | null, Acc>();
  const acc = (key: string | null): Acc => {
    let a = groups.get(key);
    if (!a) {
      a = { created: 0, solved: 0, backlog: 0, fr: [], frb: [], nr: [], nrb: [], res: [], resb: [], handle: [], reopened: 0, oneTouch: 0, sla: new Map() };
      groups.set(key, a);
    }
    return a;
  };
  if (periods) for (const label of periods.labels) acc(label);
  else if (q.groupBy === 'none') acc(null);
  const openAt = (t: Raw, e: number) =>
    t.created < e && (t.firstSolved === null || t.firstSolved >= e || (t.reopenedAt !== null && t.reopenedAt < e && (t.solvedNow === null || t.solvedNow >= e)));
  const ends = periods ? [...periods.starts.slice(1).map((d) => d.getTime()), q.to.getTime()] : [q.to.getTime()];
  for (const t of raw) {
    if (!matches(t, q.filters)) continue;
    if (inRange(t.created)) for (const k of keysOf(t, t.created)) acc(k).created += 1;
    if (t.excluded) continue;
    if (inRange(t.created)) {
      for (const k of keysOf(t, t.created)) {
        for (const m of t.achieved) acc(k).sla.set(m, { a: (acc(k).sla.get(m)?.a ?? 0) + 1, b: acc(k).sla.get(m)?.b ?? 0 });
        for (const m of t.breached) acc(k).sla.set(m, { a: acc(k).sla.get(m)?.a ?? 0, b: (acc(k).sla.get(m)?.b ?? 0) + 1 });
      }
    }
    if (inRange(t.firstReply)) {
      for (const k of keysOf(t, t.firstReply)) {
        acc(k).fr.push((t.firstReply - t.created) / 1000);
        if (t.firstReplyBusiness !== null) acc(k).frb.push(t.firstReplyBusiness);
      }
    }
    for (const r of t.nextReplies) {
      if (!inRange(r.at)) continue;
      for (const k of keysOf(t, r.at)) {
        acc(k).nr.push(r.s);
        if (r.b !== null) acc(k).nrb.push(r.b);
      }
    }
    if (inRange(t.firstSolved)) {
      for (const k of keysOf(t, t.firstSolved)) {
        const a = acc(k);
        a.solved += 1;
        a.res.push((t.firstSolved - t.created) / 1000);
        if (t.resolutionBusiness !== null) a.resb.push(t.resolutionBusiness);
        a.handle.push(t.handle);
        if (t.reopens > 0) a.reopened += 1;
        if (t.agentReplies === 1) a.oneTouch += 1;
      }
    }
    if (periods) {
      ends.forEach((e, i) => {
        if (openAt(t, e)) acc(periods.labels[i] ?? null).backlog += 1;
      });
    } else if (openAt(t, q.to.getTime())) for (const k of keysOf(t, null)) acc(k).backlog += 1;
  }
  const times = (cal: number[], bus: number[]) => {
    const { n, ...calendar } = statsOf(cal);
    return { n, calendar, business: statsOf(bus) };
  };
  return [...groups.entries()]
    .map(([group, a]) => ({
      group,
      created: a.created,
      solved: a.solved,
      backlog: a.backlog,
      first_reply: times(a.fr, a.frb),
      next_reply: times(a.nr, a.nrb),
      resolution: times(a.res, a.resb),
      handle_time: statsOf(a.handle),
      sla: Object.fromEntries(
        [...a.sla.entries()].filter(([, v]) => v.a + v.b > 0).map(([m, v]) => [m, { n: v.a + v.b, achieved: v.a, breached: v.b, attainment: rounded(v.a / (v.a + v.b)) }]),
      ),
      reopen: { n: a.solved, count: a.reopened, rate: rounded(a.solved === 0 ? null : a.reopened / a.solved) },
      one_touch: { n: a.solved, count: a.oneTouch, rate: rounded(a.solved === 0 ? null : a.oneTouch / a.solved) },
    }))
    .sort((x, y) => (x.group === y.group ? 0 : x.group === null ? 1 : y.group === null ? -1 : x.group < y.group ? -1 : 1));
}

/** The API's row with floats rounded as the expectation's. */
function normalised(row: Record<string, unknown>) {
  const r = row as any;
  const summary = (s: any) => ({ n: s.n, median: rounded(s.median), p90: rounded(s.p90), mean: rounded(s.mean) });
  const times = (t: any) => ({ n: t.n, calendar: { median: rounded(t.calendar.median), p90: rounded(t.calendar.p90), mean: rounded(t.calendar.mean) }, business: summary(t.business) });
  return {
    group: r.group,
    created: r.created,
    solved: r.solved,
    backlog: r.backlog,
    first_reply: times(r.first_reply),
    next_reply: times(r.next_reply),
    resolution: times(r.resolution),
    handle_time: summary(r.handle_time),
    sla: Object.fromEntries(Object.entries(r.sla as Record<string, any>).map(([m, v]) => [m, { ...v, attainment: rounded(v.attainment) }])),
    reopen: { ...r.reopen, rate: rounded(r.reopen.rate) },
    one_touch: { ...r.one_touch, rate: rounded(r.one_touch.rate) },
  };
}

describeEngines(
  'Ticket facts: aggregated answers equal a direct computation over the raw rows',
  (get) => {
    it('for random histories, filters and groupings; the refresh job keeps the facts current', async () => {
      const { app, database } = get();
      clock.set('2025-12-31T00:00:00Z');
      const ws = await createWorkspace(app);
      const team = async (name: string) => (await call(app, 'POST', '/api/v1/teams', { as: ws.as, body: { name } })).json().id as string;
      const teams = [await team('Alpha'), await team('Beta'), null];
      const policy = await call(app, 'POST', '/api/v1/sla-policies', {
        as: ws.as,
        body: {
          name: 'Everything',
          targets: Object.fromEntries(
            ['low', 'normal', 'high', 'urgent'].map((p) => [
              p,
              { first_reply: { minutes: 120, mode: 'calendar' }, next_reply: { minutes: 180, mode: 'calendar' }, resolution: { minutes: 1440, mode: 'calendar' } },
            ]),
          ),
        },
      });
      expect(policy.statusCode, policy.body).toBe(201);

      const random = seededRandom(20261123);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
      const step = (maxMinutes: number) => clock.advance(Math.max(1, Math.floor(random() * maxMinutes)) * MIN);
      const act = async (method: 'POST' | 'PATCH', url: string, body: Record<string, unknown>) => {
        const res = await call(app, method, url, { as: ws.as, body });
        expect(res.statusCode, res.body).toBeLessThan(300);
      };
      const ids: string[] = [];
      for (let i = 0; i < 36; i++) {
        clock.set(new Date(DATA_START + Math.floor(random() * DATA_DAYS * 24 * 60) * MIN));
        const tags = random() < 0.3 ? ['vip'] : random() < 0.2 ? ['vip', 'refund'] : random() < 0.08 ? ['spam'] : [];
        const agentOpens = random() < 0.1;
        const id = (
          await createTicket(app, ws.as, {
            team_id: pick(teams),
            priority: pick(['low', 'normal', 'high', 'urgent']),
            channel: pick(['email', 'phone', 'api']),
            tags,
            assignee_id: random() < 0.7 ? ws.owner.id : null,
            status: random() < 0.05 ? 'solved' : undefined,
            message: { kind: agentOpens ? 'public_reply' : 'customer', body_text: 'Hello' },
          })
        ).id as string;
        ids.push(id);
        const actions = Math.floor(random() * 7);
        for (let a = 0; a < actions; a++) {
          const r = random();
          const url = `/api/v1/tickets/${id}`;
          const ticket = (await call(app, 'GET', url, { as: ws.as })).json();
          if (ticket.status === 'closed') break;
          step(r < 0.5 ? 240 : 3000);
          if (r < 0.35) await act('POST', `${url}/messages`, { kind: 'public_reply', body_text: 'On it', ...(random() < 0.2 ? { status: 'pending' } : {}) });
          else if (r < 0.55) await act('POST', `${url}/messages`, { kind: 'customer', body_text: 'Any news?' });
          else if (r < 0.6) await act('POST', `${url}/messages`, { kind: 'internal_note', body_text: 'Note' });
          else if (r < 0.8) await act('PATCH', url, { status: 'solved' });
          else if (r < 0.88) await act('PATCH', url, { status: 'open' });
          else if (r < 0.93) await act('PATCH', url, { status: 'closed' });
          else await act('PATCH', url, { team_id: pick(teams), priority: pick(['low', 'normal', 'high', 'urgent']) });
        }
      }
      // Two merges: the sources leave every analytic but volume.
      clock.set(new Date(DATA_START + (DATA_DAYS - 5) * 24 * 60 * MIN));
      const open = [];
      for (const id of ids) if ((await call(app, 'GET', `/api/v1/tickets/${id}`, { as: ws.as })).json().status !== 'closed') open.push(id);
      expect(open.length).toBeGreaterThan(3);
      const merge = await call(app, 'POST', `/api/v1/tickets/${open[0]}/merge`, { as: ws.as, body: { source_ticket_ids: [open[1], open[2]] } });
      expect(merge.statusCode, merge.body).toBe(200);

      // The minute job brings the facts up to date (run as the queue would run it).
      const now = new Date(DATA_START + DATA_DAYS * 24 * 60 * MIN);
      clock.set(now);
      expect(await pendingTicketFacts(database.db, ws.workspaceId)).toBeGreaterThan(0);
      const schedules = (await database.executeSql('select name, cron from pgboss.schedule where name = $1', [ANALYTICS_FACTS_REFRESH])).rows;
      expect(schedules).toEqual([{ name: ANALYTICS_FACTS_REFRESH, cron: '* * * * *' }]);
      await analyticsFactsRefreshJob({ db: database.db, clock }).handle({}, { jobId: 'test' });
      expect(await pendingTicketFacts(database.db, ws.workspaceId)).toBe(0);
      const factCount = await sql<{ n: string }>`select count(*) as n from ticket_facts where workspace_id = ${ws.workspaceId}`.execute(database.db);
      expect(Number(factCount.rows[0]?.n)).toBe(ids.length);

      const raw = await rawTickets(database, ws.workspaceId, now.getTime());
      // The data set exercises what it should.
      expect(raw.some((t) => t.excluded)).toBe(true);
      expect(raw.some((t) => t.reopens > 0)).toBe(true);
      expect(raw.some((t) => t.nextReplies.length > 0)).toBe(true);
      expect(raw.some((t) => t.breached.length > 0) && raw.some((t) => t.achieved.length > 0)).toBe(true);

      const groupings = ['none', 'team', 'priority', 'channel', 'agent', 'tag', 'day', 'week', 'month'];
      const timeZone = 'Asia/Bangkok';
      for (let i = 0; i < 20; i++) {
        const startDay = Math.floor(random() * (DATA_DAYS - 10));
        const days = 3 + Math.floor(random() * (DATA_DAYS - startDay));
        const from = new Date(DATA_START + startDay * 24 * 60 * MIN + Math.floor(random() * 24 * 60) * MIN);
        const to = new Date(from.getTime() + days * 24 * 60 * MIN);
        const filters: Record<string, string> = {};
        if (random() < 0.3) filters.team_id = pick(teams.filter((t): t is string => t !== null));
        if (random() < 0.2) filters.priority = pick(['low', 'normal', 'high', 'urgent']);
        if (random() < 0.2) filters.channel = pick(['email', 'phone', 'api']);
        if (random() < 0.2) filters.tag = pick(['vip', 'refund', 'nothing-has-this']);
        const q: Query = { from, to, groupBy: groupings[i % groupings.length] as string, filters };
        const params = new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), group_by: q.groupBy, tz: timeZone, ...filters });
        const res = await call(app, 'GET', `/api/v1/analytics/tickets?${params}`, { as: ws.as });
        expect(res.statusCode, res.body).toBe(200);
        const got = (res.json().groups as Record<string, unknown>[]).map(normalised);
        const want = expected(raw, q, timeZone);
        expect([params.toString(), got]).toEqual([params.toString(), isPeriod(q.groupBy) ? want.sort((a, b) => String(a.group).localeCompare(String(b.group))) : want]);
      }

      // Ranges between local midnights with at most one filtered or grouped dimension are answered
      // from the rollup (day and week rows): the same answers.
      expect(await pendingRollupDays(database.db, ws.workspaceId)).toBe(0);
      const BANGKOK_MIDNIGHT = Date.parse('2025-12-31T17:00:00Z');
      const dims: Record<string, string> = { team_id: 'team', priority: 'priority', channel: 'channel', tag: 'tag' };
      for (let i = 0; i < 27; i++) {
        const startDay = Math.floor(random() * (DATA_DAYS - 10));
        const days = 1 + Math.floor(random() * (DATA_DAYS + 2 - startDay));
        const from = new Date(BANGKOK_MIDNIGHT + startDay * 24 * 60 * MIN);
        const to = new Date(from.getTime() + days * 24 * 60 * MIN);
        const groupBy = groupings[i % groupings.length] as string;
        const filters: Record<string, string> = {};
        const attribute = groupBy !== 'none' && !isPeriod(groupBy);
        const r = random();
        if (!attribute || groupBy === 'team') {
          if (r < 0.25) filters.team_id = pick(teams.filter((t): t is string => t !== null));
          else if (!attribute && r < 0.4) filters.priority = pick(['low', 'normal', 'high', 'urgent']);
          else if (!attribute && r < 0.55) filters.channel = pick(['email', 'phone', 'api']);
          else if (!attribute && r < 0.7) filters.tag = pick(['vip', 'refund', 'nothing-has-this']);
        }
        const groupDim = attribute ? (groupBy as RollupDim) : null;
        const plan = await rollupPlanFor(database.db, ws.workspaceId, { from, to, timeZone, groupDim, filters: factFiltersOf(filters) });
        expect(plan?.dim, JSON.stringify({ groupBy, filters })).toBe(groupDim ?? (Object.keys(filters)[0] ? dims[Object.keys(filters)[0] as string] : 'all'));
        const q: Query = { from, to, groupBy, filters };
        const params = new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), group_by: groupBy, tz: timeZone, ...filters });
        const res = await call(app, 'GET', `/api/v1/analytics/tickets?${params}`, { as: ws.as });
        expect(res.statusCode, res.body).toBe(200);
        const got = (res.json().groups as Record<string, unknown>[]).map(normalised);
        const want = expected(raw, q, timeZone);
        expect([params.toString(), got]).toEqual([params.toString(), isPeriod(q.groupBy) ? want.sort((a, b) => String(a.group).localeCompare(String(b.group))) : want]);
      }
    });
  },
  { clock: () => clock, config: { GAPWISE_SESSION_TTL_HOURS: '100000' } },
);
