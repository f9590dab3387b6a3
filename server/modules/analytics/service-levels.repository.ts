import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../platform/schema.ts';
import { type FactFilters, factWhere } from './quality-analytics.repository.ts';

export type ServiceLevelGroup = 'tier' | 'branch' | 'team';

const groupColumn: Record<ServiceLevelGroup, RawBuilder<string | null>> = {
  tier: sql`f.tier_id::text`,
  branch: sql`f.branch_id::text`,
  team: sql`f.team_id::text`,
};

export interface OutcomeCountRow {
  grp: string | null;
  has_sla: boolean;
  breached: boolean;
  slack_met: boolean;
  csat: number | null;
  n: number | string;
}

/**
 * Tickets first solved in [from, to), counted per group and per combination of what the levels
 * are judged by (ended clocks, breach, enough slack, CSAT answer): at most 48 rows per group, so
 * the rule itself stays in code (service-levels-rules.ts).
 */
export async function outcomeCounts(
  db: Kysely<DB>,
  workspaceId: string,
  r: { from: Date; to: Date; by: ServiceLevelGroup; filters: FactFilters; exceedSlackRatio: number },
): Promise<OutcomeCountRow[]> {
  const result = await sql<OutcomeCountRow>`
    select ${groupColumn[r.by]} as grp,
      cardinality(f.sla_achieved) + cardinality(f.sla_breached) > 0 as has_sla,
      cardinality(f.sla_breached) > 0 as breached,
      coalesce(f.sla_slack_ratio >= ${r.exceedSlackRatio}::float8, false) as slack_met,
      f.csat::int as csat,
      count(*) as n
    from ticket_facts f
    where ${factWhere(workspaceId, r.filters)}
      and f.first_solved_at >= ${r.from} and f.first_solved_at < ${r.to}
    group by 1, 2, 3, 4, 5`.execute(db);
  return result.rows;
}
