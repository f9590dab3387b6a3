import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { TicketAnalyticsGroup } from '../../../contracts/analytics.ts';
import type { DB } from '../../platform/schema.ts';
import { MAX_GROUPS } from './analytics-rules.ts';

/**
 * The SQL of the analytics API. Every query filters by workspace_id; group keys come from a fixed
 * list (never from the request as text); periods are found per row by `width_bucket` over period
 * starts computed in the request's time zone (as the survey results do).
 */

export interface TicketFilters {
  tierId?: string | undefined;
  organizationId?: string | undefined;
  channel?: string | undefined;
  priority?: string | undefined;
  category?: string | undefined;
  teamId?: string | undefined;
  branchId?: string | undefined;
  assigneeId?: string | undefined;
  tag?: string | undefined;
}

export interface AnalyticsRange {
  from: Date;
  to: Date;
  groupBy: TicketAnalyticsGroup;
  /** Period starts (ascending) when grouping by day, week or month. */
  periodStarts: Date[];
  filters: TicketFilters;
}

/** The grouping key of a row: a ticket attribute as it is now, or the period of `time`. */
function groupKey(r: AnalyticsRange, time: RawBuilder<Date>): RawBuilder<string | null> {
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
    case 'day':
    case 'week':
    case 'month':
      return sql`width_bucket(${time}, ${r.periodStarts}::timestamptz[])::text`;
  }
}

/** The ticket filters (alias `t`), always including the workspace. */
function ticketWhere(workspaceId: string, f: TicketFilters): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [sql`t.workspace_id = ${workspaceId}`];
  if (f.tierId) parts.push(sql`t.tier_id = ${f.tierId}`);
  if (f.organizationId) parts.push(sql`t.organization_id = ${f.organizationId}`);
  if (f.channel) parts.push(sql`t.channel = ${f.channel}`);
  if (f.priority) parts.push(sql`t.priority = ${f.priority}`);
  if (f.category) parts.push(sql`t.category = ${f.category}`);
  if (f.teamId) parts.push(sql`t.team_id = ${f.teamId}`);
  if (f.branchId) parts.push(sql`t.branch_id = ${f.branchId}`);
  if (f.assigneeId) parts.push(sql`t.assignee_id = ${f.assigneeId}`);
  if (f.tag) parts.push(sql`t.tags @> array[${f.tag}]::text[]`);
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

export interface CountRow {
  grp: string | null;
  n: number | string;
}

/** Tickets created in [from, to) per group. At most MAX_GROUPS + 1 rows (more means too many groups). */
export async function createdCounts(db: Kysely<DB>, workspaceId: string, r: AnalyticsRange): Promise<CountRow[]> {
  const result = await sql<CountRow>`
    select ${groupKey(r, sql`t.created_at`)} as grp, count(*) as n
    from tickets t
    where ${ticketWhere(workspaceId, r.filters)} and t.created_at >= ${r.from} and t.created_at < ${r.to}
    group by 1
    limit ${MAX_GROUPS + 1}`.execute(db);
  return result.rows;
}

/**
 * Tickets whose first solve lies in [from, to) per group. The first solve is the earliest event
 * that put the ticket in solved or closed (a ticket created solved: its creation); `solved_at`
 * cannot serve, it is cleared when a ticket reopens.
 */
export async function solvedCounts(db: Kysely<DB>, workspaceId: string, r: AnalyticsRange): Promise<CountRow[]> {
  const result = await sql<CountRow>`
    with first_solve as (
      select e.ticket_id, min(e.occurred_at) as solved_at
      from ticket_events e
      where e.workspace_id = ${workspaceId}
        and e.occurred_at < ${r.to}
        and ((e.type = 'status_changed' and e.data->>'to' in ('solved', 'closed'))
          or (e.type = 'created' and e.data->>'status' in ('solved', 'closed')))
      group by e.ticket_id
      having min(e.occurred_at) >= ${r.from}
    )
    select ${groupKey(r, sql`s.solved_at`)} as grp, count(*) as n
    from first_solve s
    join tickets t on t.id = s.ticket_id and t.workspace_id = ${workspaceId}
    where ${ticketWhere(workspaceId, r.filters)}
    group by 1
    limit ${MAX_GROUPS + 1}`.execute(db);
  return result.rows;
}

export interface DurationRow {
  grp: string | null;
  metric: 'first_reply' | 'resolution';
  n: number | string;
  calendar_median: number | string | null;
  calendar_p90: number | string | null;
  calendar_mean: number | string | null;
  business_median: number | string | null;
  business_p90: number | string | null;
  business_mean: number | string | null;
}

// As in the SLA report: elapsed_ms is in the clock's measure (business time in business mode);
// wall-clock time is fulfilled_at − started_at. Seconds.
const businessElapsed = sql<number>`(c.elapsed_ms / 1000.0)::float8`;
const calendarElapsed = sql<number>`extract(epoch from c.fulfilled_at - c.started_at)::float8`;
const percentile = (fraction: number, value: RawBuilder<number>) => sql`percentile_cont(${sql.lit(fraction)}) within group (order by ${value})`;

/**
 * First reply and resolution clocks fulfilled in [from, to) per group and metric: n, median, p90
 * (percentile_cont) and mean, in wall-clock time and in the clock's measure.
 */
export async function durationStats(db: Kysely<DB>, workspaceId: string, r: AnalyticsRange): Promise<DurationRow[]> {
  const result = await sql<DurationRow>`
    select ${groupKey(r, sql`c.fulfilled_at`)} as grp, c.metric, count(*) as n,
      ${percentile(0.5, calendarElapsed)} as calendar_median,
      ${percentile(0.9, calendarElapsed)} as calendar_p90,
      avg(${calendarElapsed}) as calendar_mean,
      ${percentile(0.5, businessElapsed)} as business_median,
      ${percentile(0.9, businessElapsed)} as business_p90,
      avg(${businessElapsed}) as business_mean
    from ticket_clocks c
    join tickets t on t.id = c.ticket_id and t.workspace_id = c.workspace_id
    where c.workspace_id = ${workspaceId}
      and ${ticketWhere(workspaceId, r.filters)}
      and c.metric in ('first_reply', 'resolution')
      and c.state = 'fulfilled'
      and c.fulfilled_at >= ${r.from} and c.fulfilled_at < ${r.to}
    group by 1, 2
    limit ${2 * (MAX_GROUPS + 1)}`.execute(db);
  return result.rows;
}
