import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { ResultsQuery } from '../../../contracts/surveys.ts';
import type { DB } from '../../platform/schema.ts';
import type { TimeBuckets } from './time-buckets.ts';

/**
 * Aggregates for the results API. Group keys come from a fixed list (never from the request as
 * text); time buckets are local dates in the workspace's time zone, found per row by
 * `width_bucket` over precomputed bucket starts.
 */

export type GroupKey = ResultsQuery['group_by'][number];

const RESPONSE_COLUMN: Record<Exclude<GroupKey, 'day' | 'week' | 'month'>, string> = {
  team: 'team_id',
  agent: 'agent_id',
  branch: 'branch_id',
  channel: 'channel',
  tier: 'tier_id',
  organization: 'organization_id',
  locale: 'locale',
  version: 'version',
  sla_resolution: 'sla_resolution',
  sla_first_reply: 'sla_first_reply',
};
/** Invitations carry the ticket snapshot but not the answer's version, locale or SLA outcome. */
const INVITATION_COLUMNS = new Set(['team_id', 'agent_id', 'branch_id', 'channel', 'tier_id', 'organization_id']);

/** Local time buckets per unit (see time-buckets.ts), computed for the rows in range. */
export type BucketSets = Partial<Record<'day' | 'week' | 'month', TimeBuckets>>;

function keyExpression(key: GroupKey, timeColumn: string, buckets: BucketSets): RawBuilder<string> | null {
  if (key === 'day' || key === 'week' || key === 'month') {
    const starts = buckets[key]?.starts ?? [];
    return sql<string>`width_bucket(${sql.ref(timeColumn)}, ${starts}::timestamptz[])`;
  }
  const column = RESPONSE_COLUMN[key];
  if (timeColumn === 'sent_at' && !INVITATION_COLUMNS.has(column)) return null;
  return sql<string>`${sql.ref(column)}`;
}

/** A row's key values, time buckets turned from bucket numbers into their local start dates. */
function keysOf(row: { k0?: string | null; k1?: string | null }, groupBy: readonly GroupKey[], buckets: BucketSets): (string | null)[] {
  return groupBy.map((key, i) => {
    const value = (i === 0 ? row.k0 : row.k1) ?? null;
    if (value === null || (key !== 'day' && key !== 'week' && key !== 'month')) return value;
    return buckets[key]?.labels[Number(value) - 1] ?? null;
  });
}

/** Earliest and latest response and invitation times in range (both served by indexes). */
export async function timeSpan(db: Kysely<DB>, workspaceId: string, surveyId: string, range: Range): Promise<{ min: Date; max: Date } | null> {
  const result = await sql<{ min: Date | string | null; max: Date | string | null }>`
    select min(t) as min, max(t) as max from (
      (select min(submitted_at) as t from survey_responses where survey_id = ${surveyId} and workspace_id = ${workspaceId} and ${rangeSql('submitted_at', range)})
      union all (select max(submitted_at) from survey_responses where survey_id = ${surveyId} and workspace_id = ${workspaceId} and ${rangeSql('submitted_at', range)})
      union all (select min(sent_at) from survey_invitations where survey_id = ${surveyId} and workspace_id = ${workspaceId} and sent_at is not null and ${rangeSql('sent_at', range)})
      union all (select max(sent_at) from survey_invitations where survey_id = ${surveyId} and workspace_id = ${workspaceId} and sent_at is not null and ${rangeSql('sent_at', range)})
    ) as times`.execute(db);
  const row = result.rows[0];
  if (!row?.min || !row.max) return null;
  return { min: new Date(row.min), max: new Date(row.max) };
}

export interface Range {
  from?: Date | undefined;
  to?: Date | undefined;
}

function rangeSql(column: string, range: Range) {
  return sql.join(
    [
      sql`true`,
      ...(range.from ? [sql`${sql.ref(column)} >= ${range.from}`] : []),
      ...(range.to ? [sql`${sql.ref(column)} < ${range.to}`] : []),
    ],
    sql` and `,
  );
}

export interface ScoreCountRow {
  keys: (string | null)[];
  csat: number | null;
  ces: number | null;
  nps: number | null;
  n: number;
}

/** Counts of each (group, csat, ces, nps) combination: one pass over the covering index. */
export async function headlineScoreCounts(
  db: Kysely<DB>,
  workspaceId: string,
  surveyId: string,
  range: Range,
  groupBy: readonly GroupKey[],
  buckets: BucketSets,
): Promise<ScoreCountRow[]> {
  const keys = groupBy.map((k) => keyExpression(k, 'submitted_at', buckets) as RawBuilder<string>);
  const keyCols = keys.map((k, i) => sql`${k} as ${sql.ref(`k${i}`)}`);
  const groupCols = [...keys.map((_, i) => sql.ref(`k${i}`)), sql.ref('csat'), sql.ref('ces'), sql.ref('nps')];
  // Grouped on the raw columns (uuid, not text) and cast only once per group.
  const result = await sql<{ k0?: string | null; k1?: string | null; csat: number | null; ces: number | null; nps: number | null; n: number }>`
    select ${sql.join([...keys.map((_, i) => sql`${sql.ref(`k${i}`)}::text as ${sql.ref(`k${i}`)}`), sql`csat`, sql`ces`, sql`nps`, sql`n`])}
    from (
      select ${sql.join([...keyCols, sql`csat`, sql`ces`, sql`nps`, sql`count(*)::int as n`])}
      from survey_responses
      where survey_id = ${surveyId} and workspace_id = ${workspaceId} and ${rangeSql('submitted_at', range)}
      group by ${sql.join(groupCols)}
    ) as g`.execute(db);
  return result.rows.map((r) => ({
    keys: keysOf(r, groupBy, buckets),
    csat: r.csat === null ? null : Number(r.csat),
    ces: r.ces === null ? null : Number(r.ces),
    nps: r.nps === null ? null : Number(r.nps),
    n: Number(r.n),
  }));
}

export interface InvitationCountRow {
  keys: (string | null)[];
  invited: number;
  responded: number;
}

/**
 * Invitations sent in the range (by sent time) and how many were answered, grouped like the
 * responses where the invitation knows the key; null when it cannot (e.g. by version).
 */
export async function invitationCounts(
  db: Kysely<DB>,
  workspaceId: string,
  surveyId: string,
  range: Range,
  groupBy: readonly GroupKey[],
  buckets: BucketSets,
): Promise<InvitationCountRow[] | null> {
  const keys = groupBy.map((k) => keyExpression(k, 'sent_at', buckets));
  if (keys.some((k) => k === null)) return null;
  const keyCols = (keys as RawBuilder<string>[]).map((k, i) => sql`${k} as ${sql.ref(`k${i}`)}`);
  const result = await sql<{ k0?: string | null; k1?: string | null; invited: number; responded: number }>`
    select ${sql.join([...keys.map((_, i) => sql`${sql.ref(`k${i}`)}::text as ${sql.ref(`k${i}`)}`), sql`invited`, sql`responded`])}
    from (
      select ${sql.join([...keyCols, sql`count(*)::int as invited`, sql`count(responded_at)::int as responded`])}
      from survey_invitations
      where survey_id = ${surveyId} and workspace_id = ${workspaceId} and sent_at is not null and ${rangeSql('sent_at', range)}
      ${keys.length > 0 ? sql`group by ${sql.join(keys.map((_, i) => sql.ref(`k${i}`)))}` : sql``}
    ) as g`.execute(db);
  return result.rows.map((r) => ({
    keys: keysOf(r, groupBy, buckets),
    invited: Number(r.invited),
    responded: Number(r.responded),
  }));
}

/** A batch of answers (for SERVQUAL, Kano and custom questions) with their group keys, by id. */
export async function answerBatch(
  db: Kysely<DB>,
  workspaceId: string,
  surveyId: string,
  range: Range,
  groupBy: readonly GroupKey[],
  buckets: BucketSets,
  after: string | null,
  limit: number,
) {
  const keys = groupBy.map((k) => keyExpression(k, 'submitted_at', buckets) as RawBuilder<string>);
  const keyCols = keys.map((k, i) => sql`${k}::text as ${sql.ref(`k${i}`)}`);
  const result = await sql<{ id: string; answers: Record<string, unknown>; version: number; k0?: string | null; k1?: string | null }>`
    select ${sql.join([sql`id`, sql`answers`, sql`version`, ...keyCols])}
    from survey_responses
    where survey_id = ${surveyId} and workspace_id = ${workspaceId} and ${rangeSql('submitted_at', range)}
      ${after ? sql`and id > ${after}` : sql``}
    order by id
    limit ${limit}`.execute(db);
  return result.rows.map((r) => ({
    id: r.id,
    answers: typeof r.answers === 'string' ? (JSON.parse(r.answers) as Record<string, unknown>) : r.answers,
    version: Number(r.version),
    keys: keysOf(r, groupBy, buckets),
  }));
}
