import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../platform/schema.ts';

export type SlaReportGroup = 'policy' | 'tier' | 'priority' | 'team' | 'branch' | 'agent' | 'channel';

/** The grouping column; ticket attributes are the ticket's as they are now. */
function groupColumn(group: SlaReportGroup | null): RawBuilder<string | null> {
  switch (group) {
    case 'policy':
      return sql`c.policy_id::text`;
    case 'tier':
      return sql`t.tier_id::text`;
    case 'priority':
      return sql`t.priority`;
    case 'team':
      return sql`t.team_id::text`;
    case 'branch':
      return sql`t.branch_id::text`;
    case 'agent':
      return sql`t.assignee_id::text`;
    case 'channel':
      return sql`t.channel`;
    case null:
      return sql`null::text`;
  }
}

/** percentile_cont over the fulfilled clocks only (nulls, e.g. no due time, are left out). */
function fulfilledPercentile(fraction: number, value: RawBuilder<number>): RawBuilder<number | null> {
  return sql`percentile_cont(${sql.lit(fraction)}) within group (order by ${value}) filter (where c.state = 'fulfilled')`;
}

const businessElapsed = sql<number>`(c.elapsed_ms / 1000.0)::float8`;
const calendarElapsed = sql<number>`extract(epoch from c.fulfilled_at - c.started_at)::float8`;
const businessSlack = sql<number>`(c.target_seconds - c.elapsed_ms / 1000.0)::float8`;
const calendarSlack = sql<number>`extract(epoch from c.due_at - c.fulfilled_at)::float8`;

export interface SlaReportFilter {
  from: Date;
  to: Date;
  groupBy: SlaReportGroup | null;
  metric: string | null;
  now: Date;
}

/**
 * Clocks attributed to [from, to): fulfilled ones by their fulfilment, running ones by their due
 * time (paused clocks have none and are left out; cancelled ones never count). Figures in seconds.
 */
export function slaReport(db: Kysely<DB>, workspaceId: string, f: SlaReportFilter) {
  const group = groupColumn(f.groupBy);
  let q = db
    .selectFrom('ticket_clocks as c')
    .innerJoin('tickets as t', (join) => join.onRef('t.id', '=', 'c.ticket_id').onRef('t.workspace_id', '=', 'c.workspace_id'))
    .select([
      group.as('grp'),
      'c.metric',
      sql<number>`count(*) filter (where c.outcome = 'achieved')`.as('achieved'),
      sql<number>`count(*) filter (where c.outcome = 'breached')`.as('breached'),
      sql<number>`count(*) filter (where c.state = 'active')`.as('running'),
      sql<number>`count(*) filter (where c.state = 'active' and (c.breached_at is not null or c.due_at <= ${f.now}))`.as('overdue'),
      fulfilledPercentile(0.5, businessElapsed).as('elapsed_business_median'),
      fulfilledPercentile(0.9, businessElapsed).as('elapsed_business_p90'),
      fulfilledPercentile(0.5, calendarElapsed).as('elapsed_calendar_median'),
      fulfilledPercentile(0.9, calendarElapsed).as('elapsed_calendar_p90'),
      fulfilledPercentile(0.5, businessSlack).as('slack_business_median'),
      fulfilledPercentile(0.9, businessSlack).as('slack_business_p90'),
      fulfilledPercentile(0.5, calendarSlack).as('slack_calendar_median'),
      fulfilledPercentile(0.9, calendarSlack).as('slack_calendar_p90'),
    ])
    .where('c.workspace_id', '=', workspaceId)
    .where((eb) =>
      eb.or([
        eb.and([eb('c.state', '=', 'fulfilled'), eb('c.fulfilled_at', '>=', f.from), eb('c.fulfilled_at', '<', f.to)]),
        eb.and([eb('c.state', '=', 'active'), eb('c.due_at', '>=', f.from), eb('c.due_at', '<', f.to)]),
      ]),
    );
  if (f.metric) q = q.where('c.metric', '=', f.metric);
  return q.groupBy(sql`1, 2`).execute();
}
