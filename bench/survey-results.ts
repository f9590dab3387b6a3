/**
 * Survey results benchmark (issue 6, "Measure"): part of `npm run bench`, alone with
 * BENCH_ONLY=survey-results. On a fresh PostgreSQL database (DATABASE_URL; PGlite otherwise, when
 * BENCH_SURVEY_RESPONSES asks for a run anyway): one workspace, a CSAT survey, 20 teams, 60 agents,
 * 4 channels, 3 tiers, and N responses (default 500,000; BENCH_SURVEY_RESPONSES) spread over a
 * year, each with its invitation (plus 10% unanswered invitations), and a reason and a comment on
 * some — bulk loaded with multi-row `unnest` inserts (bench setup only; the app writes through the
 * response page). Then, over HTTP on a listening server:
 *   - GET /api/v1/surveys/:id/results (no grouping, group_by=team, group_by=month, agent+month): p50 / p95 of
 *     BENCH_SURVEY_RUNS (default 20) requests each, after one warm-up — read through the per-day
 *     rollup, then again from the raw rows alone (rollup marked stale) for a comparison under the same load;
 *   - GET /api/v1/surveys/:id/export/responses: the time to stream the whole CSV, its rows and size.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { buildApp } from '../server/http/app.ts';
import { loadConfig } from '../server/config.ts';
import { systemClock } from '../server/platform/clock.ts';
import { createDatabase, type Database } from '../server/platform/db.ts';
import { newId } from '../server/platform/ids.ts';
import { migrateToLatest } from '../server/platform/migrate.ts';
import { EventBus } from '../server/platform/realtime.ts';
import { createSurvey } from '../server/modules/surveys/surveys.service.ts';
import { rebuildRollup } from '../server/modules/surveys/survey-rollups.service.ts';
import { createSurveyBody } from '../contracts/surveys.ts';
import type { RequestContext } from '../server/modules/auth/actor.ts';
import { insertWorkspaceWithOwner } from '../server/modules/workspaces/workspaces.service.ts';
import { createEmptyPostgresDatabase } from '../test/database.ts';
import { seededRandom } from '../test/seeded-random.ts';

export interface SurveyResultsBenchResult {
  engine: 'postgres' | 'pglite';
  responses: number;
  loadSeconds: number;
  runs: number;
  latency: { query: string; p50: number; p95: number }[];
  export: { seconds: number; rows: number; megabytes: number; rowsPerSec: number };
}

const START = Date.parse('2025-11-01T00:00:00Z');
const DAY = 86_400_000;
const PASSWORD = 'bench-password';


const ids = (n: number) => Array.from({ length: n }, () => newId(START));
const pick = <T>(list: readonly T[], r: number) => list[Math.floor(r * list.length)] as T;

/** Loads the bench workspace (exported for profiling by hand). */
export async function loadSurveyBench(database: Database, count: number) {
  const db = database.db;
  const { workspace, owner } = await insertWorkspaceWithOwner(
    db,
    { name: 'Survey bench', slug: 'survey-bench', default_locale: 'en', time_zone: 'Asia/Bangkok', mail_domain: null, owner: { email: 'owner@survey-bench.test', name: 'Owner', password: PASSWORD } },
    new Date(START),
  );
  const ctx: RequestContext = {
    actor: { kind: 'user', id: owner.id, userId: owner.id, workspaceId: workspace.id, role: 'owner', isInstanceAdmin: false, sessionId: null },
    workspaceId: workspace.id,
    now: new Date(START),
  };
  const survey = await createSurvey(db, ctx, createSurveyBody.parse({ name: 'CSAT after tickets', type: 'csat' }));
  const teams = ids(20);
  const agents = ids(60);
  const tiers = ids(3);
  const channels = ['email', 'chat', 'phone', 'web_form'] as const;
  const locales = ['en', 'th', 'vi', 'cs', 'ms'] as const;
  const next = seededRandom(7);
  const CHUNK = 10_000;
  const total = Math.round(count * 1.1);
  for (let from = 0; from < total; from += CHUNK) {
    const inv: Record<string, unknown[]> = { id: [], team: [], agent: [], channel: [], tier: [], sent: [], responded: [] };
    const res: Record<string, unknown[]> = { id: [], invitation: [], team: [], agent: [], channel: [], tier: [], locale: [], csat: [], answers: [], comment: [], at: [] };
    for (let i = from; i < Math.min(total, from + CHUNK); i++) {
      const sent = START + Math.floor((i / total) * 365 * DAY);
      const id = newId(sent);
      const team = pick(teams, next());
      const agent = pick(agents, next());
      const channel = pick(channels, next());
      const tier = pick(tiers, next());
      const answered = i % 11 !== 10 && (res.id as unknown[]).length + from * (10 / 11) < count + CHUNK;
      const at = sent + Math.floor(next() * 2 * DAY);
      inv.id?.push(id);
      inv.team?.push(team);
      inv.agent?.push(agent);
      inv.channel?.push(channel);
      inv.tier?.push(tier);
      inv.sent?.push(new Date(sent).toISOString());
      inv.responded?.push(answered ? new Date(at).toISOString() : null);
      if (!answered) continue;
      const r = next();
      const csat = r < 0.05 ? 1 : r < 0.1 ? 2 : r < 0.2 ? 3 : r < 0.5 ? 4 : 5;
      const comment = next() < 0.2 ? 'Thank you, the parcel arrived, ขอบคุณครับ' : null;
      const answers: Record<string, unknown> = { csat };
      if (next() < 0.3) answers.reason = ['speed'];
      if (comment) answers.comment = comment;
      res.id?.push(newId(at));
      res.invitation?.push(id);
      res.team?.push(team);
      res.agent?.push(agent);
      res.channel?.push(channel);
      res.tier?.push(tier);
      res.locale?.push(pick(locales, next()));
      res.csat?.push(csat);
      res.answers?.push(JSON.stringify(answers));
      res.comment?.push(comment);
      res.at?.push(new Date(at).toISOString());
    }
    await db.transaction().execute(async (trx) => {
      if (database.engine === 'postgres') await sql`set local session_replication_role = replica`.execute(trx);
      await sql`
        insert into survey_invitations (id, workspace_id, survey_id, delivery, status, team_id, agent_id, channel, tier_id, sent_at, responded_at, expires_at, created_at)
        select v.id, ${workspace.id}, ${survey.id}, 'email', 'sent', v.team, v.agent, v.channel, v.tier, v.sent, v.responded, v.sent + interval '30 days', v.sent
        from unnest(${inv.id}::uuid[], ${inv.team}::uuid[], ${inv.agent}::uuid[], ${inv.channel}::text[], ${inv.tier}::uuid[], ${inv.sent}::timestamptz[], ${inv.responded}::timestamptz[])
          as v(id, team, agent, channel, tier, sent, responded)`.execute(trx);
      await sql`
        insert into survey_responses (id, workspace_id, survey_id, version, invitation_id, team_id, agent_id, channel, tier_id, locale, csat, answers, comment, submitted_at, updated_at)
        select v.id, ${workspace.id}, ${survey.id}, 1, v.invitation, v.team, v.agent, v.channel, v.tier, v.locale, v.csat, v.answers::jsonb, v.comment, v.at, v.at
        from unnest(${res.id}::uuid[], ${res.invitation}::uuid[], ${res.team}::uuid[], ${res.agent}::uuid[], ${res.channel}::text[], ${res.tier}::uuid[],
                    ${res.locale}::text[], ${res.csat}::smallint[], ${res.answers}::text[], ${res.comment}::text[], ${res.at}::timestamptz[])
          as v(id, invitation, team, agent, channel, tier, locale, csat, answers, comment, at)`.execute(trx);
    });
  }
  // The rows went in around the application, so its results rollup is counted once from them
  // (what the minute sweeper does for a stale rollup); timed apart from the load.
  const rollupStarted = performance.now();
  await rebuildRollup(db, workspace.id, survey.id);
  const rollupSeconds = (performance.now() - rollupStarted) / 1000;
  await sql`vacuum analyze survey_responses`.execute(db).catch(() => sql`analyze`.execute(db));
  await sql`vacuum analyze survey_invitations`.execute(db).catch(() => undefined);
  await sql`vacuum analyze survey_rollups`.execute(db).catch(() => undefined);
  const rollupRows = Number((await sql<{ n: string }>`select count(*) as n from survey_rollups where survey_id = ${survey.id}`.execute(db)).rows[0]?.n);
  const n = Number((await sql<{ n: string }>`select count(*) as n from survey_responses where survey_id = ${survey.id}`.execute(db)).rows[0]?.n);
  return { surveyId: survey.id, responses: n, rollupSeconds: Math.round(rollupSeconds * 10) / 10, rollupRows };
}

function quantile(sorted: number[], q: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

export async function benchSurveyResults(options: { responses?: number; runs?: number; log?: (line: string) => void } = {}): Promise<SurveyResultsBenchResult> {
  const count = options.responses ?? 500_000;
  const runs = options.runs ?? 20;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';
  const empty = engine === 'postgres' ? await createEmptyPostgresDatabase() : null;
  const database = empty ? await createDatabase({ engine: 'postgres', url: empty.url, poolSize: 5 }) : await createDatabase({ engine: 'pglite' });
  const config = loadConfig({ LOG_LEVEL: 'silent', GAPWISE_DATA_DIR: '.tmp/bench-data', ...(empty ? { DATABASE_URL: empty.url } : {}) });
  const events = new EventBus(database);
  const app = await buildApp({ database, config, clock: systemClock, events, jobs: undefined as never }, { logger: false });
  try {
    await migrateToLatest(database.db);
    log(`survey-results: loading ${count.toLocaleString('en')} CSAT responses on ${engine}…`);
    const loadStarted = performance.now();
    const { surveyId, responses, rollupSeconds, rollupRows } = await loadSurveyBench(database, count);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    log(`survey-results: loaded ${responses.toLocaleString('en')} responses in ${loadSeconds.toFixed(1)} s (rollup rebuilt in ${rollupSeconds} s: ${rollupRows.toLocaleString('en')} rows); measuring…`);
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const session = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'owner@survey-bench.test', password: PASSWORD }) });
    const cookie = session.headers.get('set-cookie')?.split(';')[0] ?? '';
    const latency: SurveyResultsBenchResult['latency'] = [];
    const measure = async (label: string) => {
      for (const query of ['', 'group_by=team', 'group_by=month', 'group_by=agent,month']) {
        const target = `${url}/api/v1/surveys/${surveyId}/results${query ? `?${query}` : ''}`;
        const times: number[] = [];
        for (let i = 0; i <= runs; i++) {
          const started = performance.now();
          const res = await fetch(target, { headers: { cookie } });
          const body = (await res.json()) as { overall: { responses: number } };
          if (res.status !== 200 || body.overall.responses !== responses) throw new Error(`results failed: ${res.status}`);
          if (i > 0) times.push(performance.now() - started);
        }
        times.sort((a, b) => a - b);
        latency.push({ query: `${label}${query || '(overall)'}`, p50: Math.round(quantile(times, 0.5)), p95: Math.round(quantile(times, 0.95)) });
      }
    };
    await measure('');
    // The same queries on the raw rows alone (the rollup marked stale, as after a zone change): before/after under the same load.
    await sql`update surveys set rollup_time_zone = null where id = ${surveyId}`.execute(database.db);
    await measure('raw rows: ');
    const exportStarted = performance.now();
    const res = await fetch(`${url}/api/v1/surveys/${surveyId}/export/responses`, { headers: { cookie } });
    let bytes = 0;
    let rows = 0;
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
      for (const byte of value) if (byte === 10) rows++;
    }
    const seconds = (performance.now() - exportStarted) / 1000;
    return {
      engine,
      responses,
      loadSeconds: Math.round(loadSeconds * 10) / 10,
      runs,
      latency,
      export: { seconds: Math.round(seconds * 100) / 100, rows: rows - 1, megabytes: Math.round(bytes / 1e5) / 10, rowsPerSec: Math.round((rows - 1) / seconds) },
    };
  } finally {
    await app.close();
    await database.close();
    await empty?.drop();
  }
}
