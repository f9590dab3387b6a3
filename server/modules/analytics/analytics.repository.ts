import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { TicketAnalyticsGroup } from '../../../contracts/analytics.ts';
import type { DB } from '../../platform/schema.ts';
import { CLOCK_METRICS } from '../sla/clocks/clock-types.ts';
import { type FactFilters, MAX_GROUPS } from './analytics-rules.ts';
import { factWhere as sharedFactWhere } from './quality-analytics.repository.ts';

/**
 * The SQL of GET /analytics/tickets, over `ticket_facts` (migration 0016): one narrow row per
 * ticket, no join and no fold of events at request time. Every query filters by workspace_id;
 * group keys come from a fixed list (never from the request as text); periods are found per row
 * by `width_bucket` over period starts computed in the request's time zone. Percentiles are
 * `percentile_cont` (one sort for median and p90: the array form).
 */

export interface AnalyticsRange {
  from: Date;
  to: Date;
  groupBy: TicketAnalyticsGroup;
  /** Period starts (ascending) when grouping by day, week or month. */
  periodStarts: Date[];
  filters: FactFilters;
}

type Num = number | string | null;

/** The grouping key of a row: a ticket attribute as it is now, or the period of `time`. */
function groupKey(r: AnalyticsRange, time: RawBuilder<unknown>): RawBuilder<string | null> {
  switch (r.groupBy) {
    case 'none':
      return sql`null::text`;
    case 'tier':
      return sql`t.tier_id::text`;
    case 'organization':
      return sql`t.organization_id::text`;
    case 'channel':
      return sql`t.channel`;
    case 'priority':
      return sql`t.priority`;
    case 'category':
      return sql`t.category`;
    case 'team':
      return sql`t.team_id::text`;
    case 'branch':
      return sql`t.branch_id::text`;
    case 'agent':
      return sql`t.assignee_id::text`;
    case 'tag':
      return sql`g.tag`;
    case 'day':
    case 'week':
    case 'month':
      return sql`width_bucket(${time}, ${r.periodStarts}::timestamptz[])::text`;
  }
}

/** A ticket counts once per tag when grouping by tag (null for a ticket without tags). */
function tagJoin(r: AnalyticsRange): RawBuilder<unknown> {
  return r.groupBy === 'tag' ? sql`cross join lateral unnest(case when cardinality(t.tags) = 0 then array[null]::text[] else t.tags end) as g(tag)` : sql``;
}

/** The filters over `ticket_facts t`; `included`: merged and spam tickets left out. */
function factWhere(workspaceId: string, f: FactFilters, included: boolean): RawBuilder<boolean> {
  return sharedFactWhere(workspaceId, f, { alias: 't', included });
}

const LIMIT = MAX_GROUPS + 1;

/** median and p90 of `value` (one sort), and its mean and count (nulls ignored). */
function stats(prefix: string, value: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`percentile_cont(array[0.5, 0.9]::float8[]) within group (order by ${value}) as ${sql.ref(`${prefix}_pct`)},
    avg(${value}) as ${sql.ref(`${prefix}_mean`)}, count(${value}) as ${sql.ref(`${prefix}_n`)}`;
}

export interface StatsColumns {
  [key: string]: unknown;
}

/** Percentiles arrive as a float8[] (an array on pg, maybe a string literal elsewhere). */
export function pctOf(value: unknown): [number | null, number | null] {
  if (value === null || value === undefined) return [null, null];
  const list = Array.isArray(value) ? value : String(value).replace(/[{}]/g, '').split(',');
  const num = (v: unknown) => (v === null || v === undefined || v === 'NULL' ? null : Number(v));
  return [num(list[0]), num(list[1])];
}

export interface CreatedRow {
  grp: string | null;
  created: Num;
  /** Per SLA metric: tickets achieved / breached (not excluded). */
  [column: string]: unknown;
}

/** By created_at: every ticket created (excluded ones too), and SLA outcomes of the included ones. */
export async function createdFigures(db: Kysely<DB>, workspaceId: string, r: AnalyticsRange): Promise<CreatedRow[]> {
  const sla = CLOCK_METRICS.map(
    (m) =>
      sql`count(*) filter (where not t.excluded and t.sla_achieved @> array[${m}]::text[]) as ${sql.ref(`${m}_achieved`)},
      count(*) filter (where not t.excluded and t.sla_breached @> array[${m}]::text[]) as ${sql.ref(`${m}_breached`)}`,
  );
  const result = await sql<CreatedRow>`
    select ${groupKey(r, sql`t.created_at`)} as grp, count(*) as created, ${sql.join(sla, sql`, `)}
    from ticket_facts t ${tagJoin(r)}
    where ${factWhere(workspaceId, r.filters, false)} and t.created_at >= ${r.from} and t.created_at < ${r.to}
    group by 1
    limit ${LIMIT}`.execute(db);
  return result.rows;
}

export interface FirstReplyRow {
  grp: string | null;
  [column: string]: unknown;
}

/** First replies sent in [from, to). */
export async function firstReplyFigures(db: Kysely<DB>, workspaceId: string, r: AnalyticsRange): Promise<FirstReplyRow[]> {
  const result = await sql<FirstReplyRow>`
    select ${groupKey(r, sql`t.first_reply_at`)} as grp, ${stats('calendar', sql`t.first_reply_s`)}, ${stats('business', sql`t.first_reply_business_s`)}
    from ticket_facts t ${tagJoin(r)}
    where ${factWhere(workspaceId, r.filters, true)} and t.first_reply_at >= ${r.from} and t.first_reply_at < ${r.to}
    group by 1
    limit ${LIMIT}`.execute(db);
  return result.rows;
}

/**
 * Next replies sent in [from, to), each wait on its own. Only tickets whose latest next reply is
 * at or after `from` and that were created before `to` can have one in the range (index).
 */
export async function nextReplyFigures(db: Kysely<DB>, workspaceId: string, r: AnalyticsRange): Promise<FirstReplyRow[]> {
  const result = await sql<FirstReplyRow>`
    select ${groupKey(r, sql`w.at`)} as grp, ${stats('calendar', sql`w.s`)}, ${stats('business', sql`w.b`)}
    from ticket_facts t ${tagJoin(r)}
    cross join lateral unnest(t.next_reply_at, t.next_reply_s, t.next_reply_business_s) as w(at, s, b)
    where ${factWhere(workspaceId, r.filters, true)} and t.last_next_reply_at >= ${r.from} and t.created_at < ${r.to}
      and w.at >= ${r.from} and w.at < ${r.to}
    group by 1
    limit ${LIMIT}`.execute(db);
  return result.rows;
}

export interface SolvedRow {
  grp: string | null;
  solved: Num;
  reopened: Num;
  one_touch: Num;
  [column: string]: unknown;
}

/** By first solve in [from, to): solved, resolution and handle times, reopen and one-touch counts. */
export async function solvedFigures(db: Kysely<DB>, workspaceId: string, r: AnalyticsRange): Promise<SolvedRow[]> {
  const result = await sql<SolvedRow>`
    select ${groupKey(r, sql`t.first_solved_at`)} as grp, count(*) as solved,
      count(*) filter (where t.reopens > 0) as reopened,
      count(*) filter (where t.agent_replies = 1) as one_touch,
      ${stats('calendar', sql`t.resolution_s`)}, ${stats('business', sql`t.resolution_business_s`)}, ${stats('handle', sql`t.handle_s`)}
    from ticket_facts t ${tagJoin(r)}
    where ${factWhere(workspaceId, r.filters, true)} and t.first_solved_at >= ${r.from} and t.first_solved_at < ${r.to}
    group by 1
    limit ${LIMIT}`.execute(db);
  return result.rows;
}

export interface BacklogRow {
  grp: string | null;
  backlog: Num;
}

/** Open at instant `e` (alias `t`): from creation to the first solve, and from the latest reopen to the current solve. */
function openAt(e: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`(t.created_at < ${e} and (t.first_solved_at is null or t.first_solved_at >= ${e}
    or (t.reopened_at < ${e} and (t.solved_at is null or t.solved_at >= ${e}))))`;
}

/**
 * Tickets unsolved at each period's end (the last one clipped to `to`), or at `to` without a
 * period grouping. A ticket is open over [created, first solve) and [latest reopen, current
 * solve). With periods, each such interval covers a run of period ends, lo..hi (1-based; `lo`
 * the first end after its start, `hi` the last end at or before its stop): the query counts
 * intervals per (lo, hi) — a few dozen rows instead of tickets × periods — and the caller adds
 * them up per end (`backlogPerEnd`). Candidates are tickets open at some instant of [first end,
 * last end]: never solved, solved after the first end, or reopened and not solved again before it.
 */
export async function backlogFigures(db: Kysely<DB>, workspaceId: string, r: AnalyticsRange): Promise<BacklogRow[]> {
  const periods = r.periodStarts.length > 0;
  const ends = periods ? [...r.periodStarts.slice(1), r.to] : [r.to];
  const first = ends[0] as Date;
  const last = ends[ends.length - 1] as Date;
  const where = factWhere(workspaceId, r.filters, true);
  if (!periods) {
    const candidates = sql`${where} and t.created_at < ${last}
      and (t.first_solved_at is null or t.first_solved_at >= ${first} or (t.reopened_at < ${last} and (t.solved_at is null or t.solved_at >= ${first})))`;
    const result = await sql<BacklogRow>`
      select ${groupKey(r, sql`null`)} as grp, count(*) as backlog
      from ticket_facts t ${tagJoin(r)}
      where ${candidates} and ${openAt(sql`${last}::timestamptz`)}
      group by 1
      limit ${LIMIT}`.execute(db);
    return result.rows;
  }
  const bucket = (time: RawBuilder<unknown>) => sql`width_bucket(${time}, ${ends}::timestamptz[])`;
  const k = ends.length;
  const result = await sql<{ lo: Num; hi: Num; n: Num }>`
    select lo, hi, count(*) as n from (
      select ${bucket(sql`t.created_at`)} + 1 as lo, coalesce(${bucket(sql`t.first_solved_at`)}, ${k}) as hi
      from ticket_facts t
      where ${where} and t.created_at < ${last} and (t.first_solved_at is null or t.first_solved_at >= ${first})
      union all
      select ${bucket(sql`t.reopened_at`)} + 1, coalesce(${bucket(sql`t.solved_at`)}, ${k})
      from ticket_facts t
      where ${where} and t.reopened_at < ${last} and (t.solved_at is null or t.solved_at >= ${first})
    ) as intervals
    where lo <= hi
    group by lo, hi`.execute(db);
  return backlogPerEnd(
    result.rows.map((row) => ({ lo: Number(row.lo), hi: Number(row.hi), n: Number(row.n) })),
    k,
  );
}

/** Open intervals counted per run of period ends (lo..hi, 1-based) → the count at each end. */
export function backlogPerEnd(runs: readonly { lo: number; hi: number; n: number }[], ends: number): BacklogRow[] {
  const delta = new Array<number>(ends + 2).fill(0);
  for (const run of runs) {
    delta[run.lo] = (delta[run.lo] as number) + run.n;
    delta[run.hi + 1] = (delta[run.hi + 1] as number) - run.n;
  }
  const rows: BacklogRow[] = [];
  let open = 0;
  for (let i = 1; i <= ends; i++) {
    open += delta[i] as number;
    if (open > 0) rows.push({ grp: String(i), backlog: open });
  }
  return rows;
}
