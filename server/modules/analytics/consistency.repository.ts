import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { ConsistencyUnit } from '../../../contracts/analytics-quality.ts';
import type { DB } from '../../platform/schema.ts';
import { CSAT_SATISFIED_FROM } from '../quality/index.ts';
import { type FactFilters, factWhere } from './quality-analytics.repository.ts';

/**
 * SQL of the consistency analytics over `ticket_facts` (tickets first solved in [from, to)). Unit
 * and measure columns come from fixed maps, never from request text.
 */

const unitColumn: Record<ConsistencyUnit, RawBuilder<string | null>> = {
  branch: sql`f.branch_id::text`,
  team: sql`f.team_id::text`,
  agent: sql`f.assignee_id::text`,
};

export type ProportionMeasure = { kind: 'sla_met'; metric: string | null } | { kind: 'csat_satisfied' };
export type TimeMeasure = 'first_reply_s' | 'first_reply_business_s' | 'resolution_s' | 'resolution_business_s';

interface Range {
  from: Date;
  to: Date;
  unit: ConsistencyUnit;
  filters: FactFilters;
}

/** The base (which tickets count) and the success of a proportion measure. */
function proportionTerms(m: ProportionMeasure): { base: RawBuilder<boolean>; success: RawBuilder<boolean> } {
  if (m.kind === 'csat_satisfied') return { base: sql`f.csat is not null`, success: sql`f.csat >= ${CSAT_SATISFIED_FROM}` };
  if (m.metric === null) {
    return {
      base: sql`cardinality(f.sla_achieved) + cardinality(f.sla_breached) > 0`,
      success: sql`cardinality(f.sla_breached) = 0`,
    };
  }
  // sla_achieved lists metrics whose clocks all ended achieved; a metric with a breach is in sla_breached.
  return {
    base: sql`(${m.metric} = any(f.sla_achieved) or ${m.metric} = any(f.sla_breached))`,
    success: sql`(${m.metric} = any(f.sla_achieved) and not ${m.metric} = any(f.sla_breached))`,
  };
}

export interface StratumCountRow {
  unit: string | null;
  priority: string;
  channel: string;
  n: number | string;
  x: number | string;
}

/** Per (unit, priority, channel): tickets in the measure's base and how many succeeded. */
export async function proportionCounts(db: Kysely<DB>, workspaceId: string, r: Range, m: ProportionMeasure): Promise<StratumCountRow[]> {
  const { base, success } = proportionTerms(m);
  const result = await sql<StratumCountRow>`
    select ${unitColumn[r.unit]} as unit, f.priority, f.channel, count(*) as n, count(*) filter (where ${success}) as x
    from ticket_facts f
    where ${factWhere(workspaceId, r.filters)}
      and f.first_solved_at >= ${r.from} and f.first_solved_at < ${r.to}
      and ${base}
    group by 1, 2, 3`.execute(db);
  return result.rows;
}

export interface UnitTimeRow {
  unit: string | null;
  n: number | string;
  median: number | string;
  p90: number | string;
  mean: number | string;
}

/** Per unit: n, median, p90 (percentile_cont) and mean of the time, over tickets first solved in the range. */
export async function unitTimes(db: Kysely<DB>, workspaceId: string, r: Range, measure: TimeMeasure): Promise<UnitTimeRow[]> {
  const value = sql.ref(`f.${measure}`);
  const result = await sql<UnitTimeRow>`
    select ${unitColumn[r.unit]} as unit, count(*) as n,
      percentile_cont(0.5) within group (order by ${value}) as median,
      percentile_cont(0.9) within group (order by ${value}) as p90,
      avg(${value}::float8) as mean
    from ticket_facts f
    where ${factWhere(workspaceId, r.filters)}
      and f.first_solved_at >= ${r.from} and f.first_solved_at < ${r.to}
      and ${value} is not null
    group by 1`.execute(db);
  return result.rows;
}

export interface UnitRankSumRow {
  unit: string;
  n: number | string;
  rank_sum: number | string;
  tie_sum: number | string;
}

/**
 * Kruskal–Wallis inputs computed where the values are: each unit's sum of mid-ranks in the pooled
 * sample of the given units, and Σ(t³ − t) over runs of tied values (the same on every row).
 * Ranking in SQL keeps the answer one row per unit instead of one per ticket.
 */
export async function unitRankSums(db: Kysely<DB>, workspaceId: string, r: Range, measure: TimeMeasure, unitIds: readonly string[]): Promise<UnitRankSumRow[]> {
  if (unitIds.length === 0) return [];
  const value = sql.ref(`f.${measure}`);
  const result = await sql<UnitRankSumRow>`
    with v as materialized (
      select ${unitColumn[r.unit]} as unit, ${value}::float8 as value
      from ticket_facts f
      where ${factWhere(workspaceId, r.filters)}
        and f.first_solved_at >= ${r.from} and f.first_solved_at < ${r.to}
        and ${value} is not null
        and ${unitColumn[r.unit]} = any(${[...unitIds]}::text[])
    ), ranked as (
      -- rank() is the lowest rank of a run of ties; the mid-rank adds (t − 1)/2.
      select unit, rank() over (order by value) + (count(*) over (partition by value) - 1) / 2.0 as mid_rank
      from v
    )
    select unit, count(*) as n, sum(mid_rank)::float8 as rank_sum,
      (select coalesce(sum(t * t * t - t), 0)::float8 from (select count(*)::float8 as t from v group by value) runs) as tie_sum
    from ranked
    group by unit`.execute(db);
  return result.rows;
}

export interface PeriodMedianRow {
  period: number | string;
  n: number | string;
  median: number | string | null;
}

/** Median time per period (1-based index of the period start, as width_bucket), optionally of one unit. */
export async function periodMedians(
  db: Kysely<DB>,
  workspaceId: string,
  r: Range & { periodStarts: Date[]; unitId: string | null },
  measure: TimeMeasure,
): Promise<PeriodMedianRow[]> {
  const value = sql.ref(`f.${measure}`);
  const unitFilter = r.unitId === null ? sql`true` : sql`${unitColumn[r.unit]} = ${r.unitId}`;
  const result = await sql<PeriodMedianRow>`
    select width_bucket(f.first_solved_at, ${r.periodStarts}::timestamptz[]) as period, count(*) as n,
      percentile_cont(0.5) within group (order by ${value}) as median
    from ticket_facts f
    where ${factWhere(workspaceId, r.filters)}
      and f.first_solved_at >= ${r.from} and f.first_solved_at < ${r.to}
      and ${value} is not null
      and ${unitFilter}
    group by 1`.execute(db);
  return result.rows;
}
