/**
 * Analytics benchmark (issue 7, "Stays fast at scale"): part of `npm run bench`, alone with
 * BENCH_ONLY=analytics. On a fresh PostgreSQL database (DATABASE_URL; PGlite when
 * BENCH_ANALYTICS_TICKETS asks for a run anyway):
 *   - one workspace with 12 teams, 6 branches, 3 tiers, 40 organizations, 80 agents, 20,000
 *     customers, and N tickets (default 1,000,000; BENCH_ANALYTICS_TICKETS) spread over a
 *     year, with full event histories generated set-based in SQL (`generate_series`): created,
 *     assignment, first reply, customer follow-ups and next replies, solve, reopens by a customer
 *     message and re-solves, closes; SLA clocks (first reply, next reply, resolution; calendar mode,
 *     achieved or breached by their targets) — bench setup only, the app writes through
 *     ticket-writer; messages themselves are not generated (no analytic reads them);
 *   - survey responses (default half the tickets: 60% CSAT, 20% CES, 20% NPS) linked to solved
 *     tickets with their snapshot columns, and the three surveys they belong to;
 *   - then times `rebuildTicketFacts` (the aggregates built from scratch) and measures p50 / p95 of
 *     each analytics endpoint in ENDPOINTS whose route exists, over a 90-day range grouped by team
 *     and by week, BENCH_ANALYTICS_RUNS (default 20) requests each after a warm-up, over
 *     HTTP on a listening server. Target: p95 ≤ 300 ms at 1M tickets.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { createSurveyBody } from '../contracts/surveys.ts';
import { loadConfig } from '../server/config.ts';
import { buildApp } from '../server/http/app.ts';
import { rebuildTicketFacts } from '../server/modules/analytics/ticket-facts.service.ts';
import { startRollup } from '../server/modules/analytics/rollup.repository.ts';
import { refreshRollup } from '../server/modules/analytics/rollup.service.ts';
import type { RequestContext } from '../server/modules/auth/actor.ts';
import { rebuildRollup } from '../server/modules/surveys/survey-rollups.service.ts';
import { createSurvey } from '../server/modules/surveys/surveys.service.ts';
import { insertWorkspaceWithOwner } from '../server/modules/workspaces/workspaces.service.ts';
import { systemClock } from '../server/platform/clock.ts';
import { createDatabase, type Database } from '../server/platform/db.ts';
import { newId } from '../server/platform/ids.ts';
import { migrateToLatest } from '../server/platform/migrate.ts';
import { EventBus } from '../server/platform/realtime.ts';
import { createEmptyPostgresDatabase } from '../test/database.ts';

/** Endpoints measured, each when its route exists (other analytics endpoints join this list). */
export const ENDPOINTS: readonly { path: string; queries: readonly string[] }[] = [
  { path: '/api/v1/analytics/tickets', queries: ['group_by=team', 'group_by=week'] },
  { path: '/api/v1/analytics/satisfaction', queries: ['group_by=team', 'group_by=week'] },
  { path: '/api/v1/analytics/comments', queries: ['limit=50', 'limit=50&csat_max=2'] },
  { path: '/api/v1/analytics/consistency', queries: ['measure=sla_met&unit=team', 'measure=resolution&unit=agent'] },
  { path: '/api/v1/analytics/service-levels', queries: ['by=tier', 'by=team'] },
  { path: '/api/v1/analytics/value', queries: ['by=tier&hourly_rate=30', 'by=organization&hourly_rate=30'] },
];

export interface AnalyticsBenchResult {
  engine: 'postgres' | 'pglite';
  tickets: number;
  events: number;
  clocks: number;
  responses: number;
  loadSeconds: number;
  factsSeconds: number;
  factsPerSec: number;
  /** The rollup (day and week rows) rebuilt from the facts alone. */
  rollupSeconds: number;
  runs: number;
  latency: { endpoint: string; query: string; status: number; p50: number | null; p95: number | null }[];
}

const DAY = 86_400_000;
const START = new Date('2025-11-01T00:00:00Z');
const NOW = new Date('2026-11-01T00:00:00Z');
const PASSWORD = 'bench-password';
const OWNER = 'owner@analytics-bench.test';
const ids = (n: number) => Array.from({ length: n }, () => newId(START.getTime()));

/** Loads the bench workspace (exported for profiling by hand). */
export async function loadAnalyticsBench(database: Database, count: number, responses: number, log: (line: string) => void) {
  const db = database.db;
  const { workspace, owner } = await insertWorkspaceWithOwner(
    db,
    { name: 'Analytics bench', slug: 'analytics-bench', default_locale: 'en', time_zone: 'Asia/Bangkok', mail_domain: null, owner: { email: OWNER, name: 'Owner', password: PASSWORD } },
    START,
  );
  const ws = workspace.id;
  const ctx: RequestContext = {
    actor: { kind: 'user', id: owner.id, userId: owner.id, workspaceId: ws, role: 'owner', isInstanceAdmin: false, sessionId: null },
    workspaceId: ws,
    now: START,
  };
  const teams = ids(12);
  const branches = ids(6);
  const tiers = ids(3);
  const organizations = ids(40);
  const agents = ids(80);
  await sql`insert into teams (id, workspace_id, name) select id, ${ws}, 'Team ' || n from unnest(${teams}::uuid[]) with ordinality as v(id, n)`.execute(db);
  await sql`insert into branches (id, workspace_id, name, time_zone) select id, ${ws}, 'Branch ' || n, 'Asia/Bangkok' from unnest(${branches}::uuid[]) with ordinality as v(id, n)`.execute(db);
  await sql`insert into tiers (id, workspace_id, name, rank) select id, ${ws}, 'Tier ' || n, n from unnest(${tiers}::uuid[]) with ordinality as v(id, n)`.execute(db);
  await sql`insert into organizations (id, workspace_id, name, created_at, updated_at) select id, ${ws}, 'Organization ' || n, ${START}, ${START} from unnest(${organizations}::uuid[]) with ordinality as v(id, n)`.execute(db);
  await sql`insert into users (id, workspace_id, email, name, role) select id, ${ws}, 'agent' || n || '@analytics-bench.test', 'Agent ' || n, 'agent' from unnest(${agents}::uuid[]) with ordinality as v(id, n)`.execute(db);
  await sql`
    insert into customers (id, workspace_id, name, created_at, updated_at)
    select gen_random_uuid(), ${ws}, 'Customer ' || n, ${START}, ${START} from generate_series(1, 20000) as n`.execute(db);
  const customers = (await db.selectFrom('customers').select('id').where('workspace_id', '=', ws).execute()).map((r) => r.id);

  const CHUNK = 100_000;
  for (let from = 0; from < count; from += CHUNK) {
    const to = Math.min(count, from + CHUNK);
    await db.transaction().execute(async (trx) => {
      // Bench setup only: rows consistent by construction, so skip the per-row foreign key checks.
      if (database.engine === 'postgres') await sql`set local session_replication_role = replica`.execute(trx);
      await sql`select setseed(${(from / count) * 0.9})`.execute(trx);
      // One plan row per ticket: its attributes and the instants of its history (null: did not happen).
      await sql`drop table if exists bench_plan`.execute(trx);
      await sql`
        create temp table bench_plan on commit drop as
        with base as (
          select n,
            ${START}::timestamptz + random() * interval '365 days' as created_at,
            (${teams}::uuid[])[1 + floor(random() * 12)::int] as team_id,
            (${branches}::uuid[])[1 + floor(random() * 6)::int] as branch_id,
            (${tiers}::uuid[])[1 + floor(random() * 3)::int] as tier_id,
            case when random() < 0.6 then (${organizations}::uuid[])[1 + floor(random() * 40)::int] end as organization_id,
            (${agents}::uuid[])[1 + floor(random() * 80)::int] as agent_id,
            (array['email', 'email', 'chat', 'phone', 'web_form', 'api'])[1 + floor(random() * 6)::int] as channel,
            (array['normal', 'normal', 'normal', 'high', 'low', 'urgent'])[1 + floor(random() * 6)::int] as priority,
            (array['billing', 'delivery', 'account', 'returns', null])[1 + floor(random() * 5)::int] as category,
            case when random() < 0.15 then array['vip'] when random() < 0.1 then array['refund', 'vip'] else '{}'::text[] end as tags,
            random() as r_reply, random() as r_follow, random() as r_solve, random() as r_reopen, random() as r_close,
            interval '5 minutes' + random() * random() * interval '30 hours' as reply_delay,
            interval '30 minutes' + random() * interval '2 days' as follow_delay,
            interval '5 minutes' + random() * random() * interval '16 hours' as next_delay,
            interval '10 minutes' + random() * interval '2 days' as solve_delay,
            interval '1 hour' + random() * interval '3 days' as reopen_delay,
            interval '10 minutes' + random() * interval '1 day' as resolve_delay,
            interval '3 days' + random() * interval '2 days' as close_delay
          from generate_series(${from + 1}::int, ${to}::int) as n
        ),
        v7 as (
          -- Ids ordered by creation time, as the application's UUIDv7 ids are.
          select (lpad(to_hex(floor(extract(epoch from created_at) * 1000)::bigint), 12, '0') || substr(replace(gen_random_uuid()::text, '-', ''), 13))::uuid as id, base.*
          from base
        ),
        a as (
          select b.*, case when r_reply < 0.92 then created_at + reply_delay end as t_reply from v7 b
        ),
        c as (
          select a.*, case when t_reply is not null and r_follow < 0.6 then t_reply + follow_delay end as t_cust2 from a
        ),
        d as (
          select c.*, case when t_cust2 is not null then t_cust2 + next_delay end as t_reply2 from c
        ),
        e as (
          select d.*, case when r_solve < 0.88 then greatest(created_at, t_reply, t_reply2) + solve_delay end as t_solved from d
        ),
        f as (
          select e.*, case when t_solved is not null and r_reopen < 0.12 then t_solved + reopen_delay end as t_reopen from e
        ),
        g as (
          select f.*, case when t_reopen is not null and r_reopen < 0.1 then t_reopen + resolve_delay end as t_resolved2 from f
        )
        select g.n, g.id, g.created_at, g.team_id, g.branch_id, g.tier_id, g.organization_id, g.agent_id, g.channel, g.priority, g.category, g.tags,
          g.t_reply, g.t_cust2, g.t_reply2, g.t_solved, g.t_reopen, g.t_resolved2,
          case when r_close < 0.7 and (t_reopen is null or t_resolved2 is not null) then coalesce(t_resolved2, t_solved) + close_delay end as t_closed
        from g
        where g.created_at < ${NOW}`.execute(trx);
      // Whatever lies after "now" has not happened yet.
      for (const column of ['t_reply', 't_cust2', 't_reply2', 't_solved', 't_reopen', 't_resolved2', 't_closed']) {
        await sql`update bench_plan set ${sql.ref(column)} = null where ${sql.ref(column)} >= ${NOW}`.execute(trx);
      }
      await sql`update bench_plan set t_reply2 = null where t_cust2 is null`.execute(trx);
      await sql`update bench_plan set t_reopen = null where t_solved is null`.execute(trx);
      await sql`update bench_plan set t_resolved2 = null where t_reopen is null`.execute(trx);
      await sql`update bench_plan set t_closed = null where t_solved is null or (t_reopen is not null and t_resolved2 is null)`.execute(trx);

      await sql`
        insert into tickets (id, workspace_id, number, subject, status, priority, channel, category, tags, assignee_id, team_id, branch_id,
          customer_id, organization_id, tier_id, created_at, updated_at, solved_at, closed_at)
        select p.id, ${ws}, p.n, 'Order ' || p.n || ' has not arrived',
          case when p.t_closed is not null then 'closed'
               when p.t_solved is not null and (p.t_reopen is null or p.t_resolved2 is not null) then 'solved'
               when p.t_reply is not null or p.t_reopen is not null then 'open' else 'new' end,
          p.priority, p.channel, p.category, p.tags, p.agent_id, p.team_id, p.branch_id,
          (${customers}::uuid[])[1 + p.n % ${customers.length}],
          p.organization_id, p.tier_id, p.created_at,
          greatest(p.created_at, p.t_reply, p.t_reply2, p.t_solved, p.t_reopen, p.t_resolved2, p.t_closed),
          case when p.t_closed is not null or (p.t_solved is not null and (p.t_reopen is null or p.t_resolved2 is not null)) then coalesce(p.t_resolved2, p.t_solved) end,
          p.t_closed
        from bench_plan p`.execute(trx);
      await sql`
        insert into ticket_events (id, workspace_id, ticket_id, type, actor_type, actor_id, data, occurred_at)
        select gen_random_uuid(), ${ws}, p.id, e.type, e.actor_type, e.actor_id, e.data, e.at
        from bench_plan p
        cross join lateral (values
          (1, 'created', 'customer', null::uuid, jsonb_build_object('number', p.n, 'channel', p.channel, 'status', 'new', 'priority', p.priority,
              'tier_id', p.tier_id, 'team_id', p.team_id, 'branch_id', p.branch_id, 'assignee_id', null, 'organization_id', p.organization_id,
              'category', p.category, 'tags', to_jsonb(p.tags), 'custom_fields', '{}'::jsonb), p.created_at),
          (2, 'message_added', 'customer', null, jsonb_build_object('kind', 'customer', 'channel', p.channel, 'author_type', 'customer'), p.created_at),
          (3, 'assigned', 'user', p.agent_id, jsonb_build_object('from', null, 'to', p.agent_id), p.created_at + interval '1 minute'),
          (4, 'message_added', 'user', p.agent_id, jsonb_build_object('kind', 'public_reply', 'channel', p.channel, 'author_type', 'user'), p.t_reply),
          (5, 'status_changed', 'user', p.agent_id, '{"from": "new", "to": "open"}'::jsonb, p.t_reply),
          (6, 'message_added', 'customer', null, jsonb_build_object('kind', 'customer', 'channel', p.channel, 'author_type', 'customer'), p.t_cust2),
          (7, 'message_added', 'user', p.agent_id, jsonb_build_object('kind', 'public_reply', 'channel', p.channel, 'author_type', 'user'), p.t_reply2),
          (8, 'status_changed', 'user', p.agent_id, jsonb_build_object('from', case when p.t_reply is null then 'new' else 'open' end, 'to', 'solved'), p.t_solved),
          (9, 'message_added', 'customer', null, jsonb_build_object('kind', 'customer', 'channel', p.channel, 'author_type', 'customer'), p.t_reopen),
          (10, 'status_changed', 'customer', null, '{"from": "solved", "to": "open"}'::jsonb, p.t_reopen),
          (11, 'message_added', 'user', p.agent_id, jsonb_build_object('kind', 'public_reply', 'channel', p.channel, 'author_type', 'user'), p.t_resolved2),
          (12, 'status_changed', 'user', p.agent_id, '{"from": "open", "to": "solved"}'::jsonb, p.t_resolved2),
          (13, 'status_changed', 'system', null, '{"from": "solved", "to": "closed"}'::jsonb, p.t_closed)
        ) as e(k, type, actor_type, actor_id, data, at)
        where e.at is not null
        order by p.n, e.k`.execute(trx);
      // Calendar-mode clocks with targets by priority: achieved when fulfilled within the target.
      await sql`
        insert into ticket_clocks (workspace_id, ticket_id, metric, instance, target_seconds, mode, state, started_at, due_at, elapsed_ms,
          fulfilled_at, outcome, breached_at, computed_at)
        select ${ws}, c.id, c.metric, 1, c.target, 'calendar', case when c.done is null then 'active' else 'fulfilled' end,
          c.started, c.started + make_interval(secs => c.target),
          (extract(epoch from coalesce(c.done, ${NOW}) - c.started) * 1000)::bigint, c.done,
          case when c.done is null then null when c.done - c.started <= make_interval(secs => c.target) then 'achieved' else 'breached' end,
          case when coalesce(c.done, ${NOW}) - c.started > make_interval(secs => c.target) then c.started + make_interval(secs => c.target) end,
          ${NOW}
        from (
          select p.id, 'first_reply' as metric, p.created_at as started, coalesce(p.t_reply, p.t_solved) as done,
            case p.priority when 'urgent' then 3600 when 'high' then 4 * 3600 when 'normal' then 8 * 3600 else 24 * 3600 end as target
          from bench_plan p
          union all
          select p.id, 'resolution', p.created_at, p.t_solved,
            case p.priority when 'urgent' then 8 * 3600 when 'high' then 24 * 3600 when 'normal' then 48 * 3600 else 96 * 3600 end
          from bench_plan p
          union all
          select p.id, 'next_reply', p.t_cust2, coalesce(p.t_reply2, p.t_solved),
            case p.priority when 'urgent' then 2 * 3600 when 'high' then 4 * 3600 else 12 * 3600 end
          from bench_plan p where p.t_cust2 is not null
        ) as c`.execute(trx);
    });
    log(`analytics: ${to.toLocaleString('en')} tickets`);
  }
  await sql`update workspaces set ticket_seq = ${count} where id = ${ws}`.execute(db);

  // Survey responses about solved tickets: CSAT, CES and NPS surveys, the ticket's snapshot columns.
  const surveys = {
    csat: await createSurvey(db, ctx, createSurveyBody.parse({ name: 'CSAT after tickets', type: 'csat' })),
    ces: await createSurvey(db, ctx, createSurveyBody.parse({ name: 'Effort after tickets', type: 'ces' })),
    nps: await createSurvey(db, ctx, createSurveyBody.parse({ name: 'Relationship NPS', type: 'nps' })),
  };
  await db.transaction().execute(async (trx) => {
    if (database.engine === 'postgres') await sql`set local session_replication_role = replica`.execute(trx);
    await sql`
      insert into survey_responses (id, workspace_id, survey_id, version, ticket_id, customer_id, agent_id, team_id, branch_id, channel, tier_id,
        organization_id, sla_first_reply, sla_resolution, locale, csat, ces, nps, answers, submitted_at, updated_at)
      select gen_random_uuid(), ${ws}, s.survey_id, 1, t.id, t.customer_id, t.assignee_id, t.team_id, t.branch_id, t.channel, t.tier_id,
        t.organization_id, fr.outcome, rs.outcome, 'en', s.csat, s.ces, s.nps,
        jsonb_strip_nulls(jsonb_build_object('csat', s.csat, 'ces', s.ces, 'nps', s.nps)), s.at, s.at
      from (select * from tickets where workspace_id = ${ws} and solved_at is not null order by number limit ${responses}) t
      left join ticket_clocks fr on fr.ticket_id = t.id and fr.metric = 'first_reply'
      left join ticket_clocks rs on rs.ticket_id = t.id and rs.metric = 'resolution'
      cross join lateral (
        select case when k < 0.6 then ${surveys.csat.id}::uuid when k < 0.8 then ${surveys.ces.id}::uuid else ${surveys.nps.id}::uuid end as survey_id,
          case when k < 0.6 then (array[1, 2, 3, 4, 4, 5, 5, 5])[1 + floor(x * 8)::int] end as csat,
          case when k >= 0.6 and k < 0.8 then 1 + floor(x * 7)::int end as ces,
          case when k >= 0.8 then floor(x * 11)::int end as nps,
          least(t.solved_at + interval '2 hours' + x * interval '2 days', ${NOW}::timestamptz - interval '1 minute') as at
        from (select random() as k, random() as x, t.id as dummy) r
      ) s`.execute(trx);
  });
  for (const survey of Object.values(surveys)) await rebuildRollup(db, ws, survey.id);
  await sql`vacuum analyze`.execute(db).catch(() => sql`analyze`.execute(db));
  const number = async (query: ReturnType<typeof sql<{ n: string }>>) => Number((await query.execute(db)).rows[0]?.n);
  return {
    workspaceId: ws,
    events: await number(sql<{ n: string }>`select count(*) as n from ticket_events where workspace_id = ${ws}`),
    clocks: await number(sql<{ n: string }>`select count(*) as n from ticket_clocks where workspace_id = ${ws}`),
    responses: await number(sql<{ n: string }>`select count(*) as n from survey_responses where workspace_id = ${ws}`),
  };
}

function quantile(sorted: number[], q: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
}

export async function benchAnalytics(options: { tickets?: number; responses?: number; runs?: number; keepUrl?: string | undefined; log?: (line: string) => void } = {}): Promise<AnalyticsBenchResult> {
  const count = options.tickets ?? 1_000_000;
  const responses = options.responses ?? Math.round(count / 2);
  const runs = options.runs ?? 20;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const engine = process.env.DATABASE_URL || options.keepUrl ? 'postgres' : 'pglite';
  // keepUrl (BENCH_ANALYTICS_KEEP_URL): load into that database once, keep it, and on the
  // next run only measure — for iterating on the queries without reloading a million tickets.
  const empty = engine === 'postgres' && !options.keepUrl ? await createEmptyPostgresDatabase() : null;
  const url = options.keepUrl ?? empty?.url;
  const database = url ? await createDatabase({ engine: 'postgres', url, poolSize: 5 }) : await createDatabase({ engine: 'pglite' });
  const config = loadConfig({ LOG_LEVEL: 'silent', GAPWISE_DATA_DIR: '.tmp/bench-data', ...(url ? { DATABASE_URL: url } : {}) });
  const events = new EventBus(database);
  const app = await buildApp({ database, config, clock: systemClock, events, jobs: undefined as never }, { logger: false });
  try {
    await migrateToLatest(database.db);
    const kept = options.keepUrl ? await database.db.selectFrom('workspaces').select('id').where('slug', '=', 'analytics-bench').executeTakeFirst() : undefined;
    if (kept) {
      const n = await sql<{ tickets: string; events: string; clocks: string; responses: string }>`
        select (select count(*) from tickets where workspace_id = ${kept.id}) as tickets, (select count(*) from ticket_events where workspace_id = ${kept.id}) as events,
          (select count(*) from ticket_clocks where workspace_id = ${kept.id}) as clocks, (select count(*) from survey_responses where workspace_id = ${kept.id}) as responses`.execute(database.db);
      const row = n.rows[0];
      // The facts are kept; the rollup is rebuilt from them (after a change of its code, say).
      const rollupSeconds = await timeRollupRebuild(database, kept.id, log);
      log(`analytics: measuring the kept database (${Number(row?.tickets).toLocaleString('en')} tickets)…`);
      const latency = await measure(app, runs);
      return {
        engine,
        tickets: Number(row?.tickets),
        events: Number(row?.events),
        clocks: Number(row?.clocks),
        responses: Number(row?.responses),
        loadSeconds: 0,
        factsSeconds: 0,
        factsPerSec: 0,
        rollupSeconds,
        runs,
        latency,
      };
    }
    log(`analytics: loading ${count.toLocaleString('en')} tickets and ${responses.toLocaleString('en')} survey responses on ${engine}…`);
    const loadStarted = performance.now();
    const loaded = await loadAnalyticsBench(database, count, responses, log);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    log(`analytics: loaded ${loaded.events.toLocaleString('en')} events, ${loaded.clocks.toLocaleString('en')} clocks in ${loadSeconds.toFixed(1)} s; building ticket facts…`);

    const factsStarted = performance.now();
    const built = await rebuildTicketFacts(database.db, loaded.workspaceId, { now: NOW, concurrency: engine === 'postgres' ? 3 : 1 });
    const factsSeconds = (performance.now() - factsStarted) / 1000;
    if (built.refreshed !== count) log(`analytics: built ${built.refreshed} facts for ${count} tickets`);
    await sql`vacuum analyze ticket_facts`.execute(database.db).catch(() => sql`analyze`.execute(database.db));
    log(`analytics: facts and rollup built in ${factsSeconds.toFixed(1)} s; rebuilding the rollup alone…`);
    const rollupSeconds = await timeRollupRebuild(database, loaded.workspaceId, log);

    const latency = await measure(app, runs);
    return {
      engine,
      tickets: count,
      events: loaded.events,
      clocks: loaded.clocks,
      responses: loaded.responses,
      loadSeconds: Math.round(loadSeconds * 10) / 10,
      factsSeconds: Math.round(factsSeconds * 10) / 10,
      factsPerSec: Math.round(built.refreshed / factsSeconds),
      rollupSeconds,
      runs,
      latency,
    };
  } finally {
    await app.close();
    await database.close();
    await empty?.drop();
  }
}

/** Drops the workspace's rollup and builds it again from its facts; returns the seconds taken. */
async function timeRollupRebuild(database: Database, workspaceId: string, log: (line: string) => void): Promise<number> {
  const started = performance.now();
  await database.db.transaction().execute((trx) => startRollup(trx, workspaceId, 'Asia/Bangkok'));
  const built = await refreshRollup(database.db, { workspaceId });
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  await sql`vacuum analyze analytics_rollup`.execute(database.db).catch(() => undefined);
  log(`analytics: rollup of ${built.days} days rebuilt from the facts in ${seconds} s`);
  return seconds;
}

/** p50 / p95 of each endpoint in ENDPOINTS (whose route exists) over HTTP, after one warm-up request. */
async function measure(app: Awaited<ReturnType<typeof buildApp>>, runs: number): Promise<AnalyticsBenchResult['latency']> {
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const session = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: OWNER, password: PASSWORD }) });
  const cookie = session.headers.get('set-cookie')?.split(';')[0] ?? '';
  // The last 90 days of the data, in the workspace's zone (Bangkok midnight).
  const range = `from=${encodeURIComponent('2026-08-02T17:00:00Z')}&to=${encodeURIComponent('2026-10-31T17:00:00Z')}`;
  const latency: AnalyticsBenchResult['latency'] = [];
  for (const endpoint of ENDPOINTS) {
    if (!app.hasRoute({ method: 'GET', url: endpoint.path })) continue;
    for (const query of endpoint.queries) {
      const target = `${url}${endpoint.path}?${range}&${query}`;
      const times: number[] = [];
      let status = 200;
      for (let i = 0; i <= runs && status === 200; i++) {
        const started = performance.now();
        const res = await fetch(target, { headers: { cookie } });
        await res.arrayBuffer();
        status = res.status;
        if (i > 0) times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const ok = status === 200 && times.length > 0;
      latency.push({ endpoint: endpoint.path, query, status, p50: ok ? Math.round(quantile(times, 0.5)) : null, p95: ok ? Math.round(quantile(times, 0.95)) : null });
    }
  }
  return latency;
}
