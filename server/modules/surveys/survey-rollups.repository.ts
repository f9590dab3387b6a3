import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../platform/schema.ts';
import type { RollupDelta, RollupDimension, RollupMeasure } from './survey-rollup.ts';

/** The results rollup (migration 0013): the only SQL for it. */

/**
 * The zone the survey's rollup counts days in, if it is still the workspace's — else null (the
 * rollup is stale and waits for a rebuild; writes leave it alone). Takes a share lock on the
 * survey row, so a rebuild (which locks it for update) never runs beside a write.
 */
export async function writableZone(trx: Kysely<DB>, workspaceId: string, surveyId: string): Promise<string | null> {
  const row = await trx
    .selectFrom('surveys as s')
    .innerJoin('workspaces as w', 'w.id', 's.workspace_id')
    .select(['s.rollup_time_zone', 'w.time_zone'])
    .where('s.workspace_id', '=', workspaceId)
    .where('s.id', '=', surveyId)
    .forShare('s')
    .executeTakeFirst();
  return row?.rollup_time_zone && row.rollup_time_zone === row.time_zone ? row.time_zone : null;
}

/** The zone a reader may use the rollup in (null: stale, read the raw rows). */
export async function readableZone(db: Kysely<DB>, workspaceId: string, surveyId: string): Promise<string | null> {
  const row = await db
    .selectFrom('surveys as s')
    .innerJoin('workspaces as w', 'w.id', 's.workspace_id')
    .select(['s.rollup_time_zone', 'w.time_zone'])
    .where('s.workspace_id', '=', workspaceId)
    .where('s.id', '=', surveyId)
    .executeTakeFirst();
  return row?.rollup_time_zone && row.rollup_time_zone === row.time_zone ? row.time_zone : null;
}

/** Adds the deltas (already merged and sorted in key order) to the counters. */
export async function applyDeltas(trx: Kysely<DB>, workspaceId: string, surveyId: string, deltas: RollupDelta[]) {
  if (deltas.length === 0) return;
  await trx
    .insertInto('survey_rollups')
    .values(deltas.map((d) => ({ workspace_id: workspaceId, survey_id: surveyId, dimension: d.dimension, key: d.key, day: d.day, measure: d.measure, score: d.score, n: d.n })))
    .onConflict((oc) => oc.columns(['survey_id', 'dimension', 'day', 'key', 'measure', 'score']).doUpdateSet({ n: sql<number>`survey_rollups.n + excluded.n` }))
    .execute();
}

const DIMENSION_VALUES = (alias: string) => sql.raw(
  `(values ('', ''), ('team', coalesce(${alias}.team_id::text, '')), ('agent', coalesce(${alias}.agent_id::text, '')), ('branch', coalesce(${alias}.branch_id::text, '')), ('channel', coalesce(${alias}.channel, '')), ('tier', coalesce(${alias}.tier_id::text, ''))) as d(dimension, key)`,
);

/** Recounts a survey's rollup from its responses and invitations in `timeZone`, and marks it current (caller holds the survey row lock). */
export async function rebuild(trx: Kysely<DB>, workspaceId: string, surveyId: string, timeZone: string) {
  await trx.deleteFrom('survey_rollups').where('workspace_id', '=', workspaceId).where('survey_id', '=', surveyId).execute();
  await sql`
    insert into survey_rollups (workspace_id, survey_id, dimension, key, day, measure, score, n)
    select ${workspaceId}, ${surveyId}, d.dimension, d.key, (r.submitted_at at time zone ${timeZone})::date, m.measure, m.score, count(*)::int
    from survey_responses r
    cross join lateral ${DIMENSION_VALUES('r')}
    cross join lateral (values ('responses', 0::smallint), ('csat', r.csat), ('ces', r.ces), ('nps', r.nps)) as m(measure, score)
    where r.survey_id = ${surveyId} and r.workspace_id = ${workspaceId} and m.score is not null
    group by 3, 4, 5, 6, 7`.execute(trx);
  await sql`
    insert into survey_rollups (workspace_id, survey_id, dimension, key, day, measure, score, n)
    select ${workspaceId}, ${surveyId}, d.dimension, d.key, (i.sent_at at time zone ${timeZone})::date, m.measure, 0, count(*)::int
    from survey_invitations i
    cross join lateral ${DIMENSION_VALUES('i')}
    cross join lateral (values ('sent', true), ('responded', i.responded_at is not null)) as m(measure, counted)
    where i.survey_id = ${surveyId} and i.workspace_id = ${workspaceId} and i.sent_at is not null and m.counted
    group by 3, 4, 5, 6`.execute(trx);
  await trx.updateTable('surveys').set({ rollup_time_zone: timeZone }).where('workspace_id', '=', workspaceId).where('id', '=', surveyId).execute();
}

/** Surveys whose rollup is not counted in their workspace's current zone (never built, or the zone changed). */
export function staleRollups(db: Kysely<DB>, limit: number) {
  return db
    .selectFrom('surveys as s')
    .innerJoin('workspaces as w', 'w.id', 's.workspace_id')
    .select(['s.id', 's.workspace_id'])
    .where('s.deleted_at', 'is', null)
    .where(sql<boolean>`s.rollup_time_zone is distinct from w.time_zone`)
    .limit(limit)
    .execute();
}

/** Locks a survey row for a rebuild and returns its workspace's zone. */
export async function lockForRebuild(trx: Kysely<DB>, workspaceId: string, surveyId: string): Promise<string | null> {
  const survey = await trx.selectFrom('surveys').select('id').where('workspace_id', '=', workspaceId).where('id', '=', surveyId).forUpdate().executeTakeFirst();
  if (!survey) return null;
  const ws = await trx.selectFrom('workspaces').select('time_zone').where('id', '=', workspaceId).executeTakeFirst();
  return ws?.time_zone ?? null;
}

export type TimeUnit = 'day' | 'week' | 'month';
export type RollupGroup = { kind: 'key' } | { kind: 'time'; unit: TimeUnit };

function groupExpression(group: RollupGroup): RawBuilder<string | null> {
  if (group.kind === 'key') return sql<string | null>`nullif(key, '')`;
  // Date arithmetic only (no time zone is involved: `day` is already the local date).
  if (group.unit === 'day') return sql<string>`to_char(day, 'YYYY-MM-DD')`;
  if (group.unit === 'week') return sql<string>`to_char(day - (extract(isodow from day)::int - 1), 'YYYY-MM-DD')`;
  return sql<string>`to_char(day - (extract(day from day)::int - 1), 'YYYY-MM-DD')`;
}

export interface RollupCountRow {
  keys: (string | null)[];
  measure: RollupMeasure;
  score: number;
  n: number;
}

/** Sums of the counters over whole days [first, last] (null: open), by at most one dimension and any time units. */
export async function rollupCounts(
  db: Kysely<DB>,
  workspaceId: string,
  surveyId: string,
  f: { dimension: RollupDimension; groups: RollupGroup[]; first: string | null; last: string | null; measures: RollupMeasure[] },
): Promise<RollupCountRow[]> {
  const keys = f.groups.map((g, i) => sql`${groupExpression(g)} as ${sql.ref(`k${i}`)}`);
  const groupCols = [...f.groups.map((_, i) => sql.ref(`k${i}`)), sql.ref('measure'), sql.ref('score')];
  const result = await sql<{ k0?: string | null; k1?: string | null; measure: RollupMeasure; score: number; n: number | string }>`
    select ${sql.join([...keys, sql`measure`, sql`score`, sql`sum(n)::int as n`])}
    from survey_rollups
    where survey_id = ${surveyId} and workspace_id = ${workspaceId} and dimension = ${f.dimension}
      and measure in (${sql.join(f.measures)})
      ${f.first ? sql`and day >= ${f.first}::date` : sql``}
      ${f.last ? sql`and day <= ${f.last}::date` : sql``}
    group by ${sql.join(groupCols)}`.execute(db);
  return result.rows
    .map((r) => ({ keys: f.groups.map((_, i) => (i === 0 ? r.k0 : r.k1) ?? null), measure: r.measure, score: Number(r.score), n: Number(r.n) }))
    .filter((r) => r.n !== 0);
}
