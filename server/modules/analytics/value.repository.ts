import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../platform/schema.ts';
import { CSAT_SATISFIED_FROM } from '../quality/index.ts';
import { type FactFilters, factWhere } from './quality-analytics.repository.ts';

export type ValueGroup = 'tier' | 'organization';

const groupColumn: Record<ValueGroup, RawBuilder<string | null>> = {
  tier: sql`f.tier_id::text`,
  organization: sql`f.organization_id::text`,
};

interface ValueRange {
  from: Date;
  to: Date;
  by: ValueGroup;
  filters: FactFilters;
}

export interface CreatedRow {
  grp: string | null;
  n: number | string;
}

/** Volume: tickets created in [from, to) per group. */
export async function createdCounts(db: Kysely<DB>, workspaceId: string, r: ValueRange): Promise<CreatedRow[]> {
  const result = await sql<CreatedRow>`
    select ${groupColumn[r.by]} as grp, count(*) as n
    from ticket_facts f
    where ${factWhere(workspaceId, r.filters)} and f.created_at >= ${r.from} and f.created_at < ${r.to}
    group by 1`.execute(db);
  return result.rows;
}

export interface SolvedRow {
  grp: string | null;
  n: number | string;
  handle_s: number | string;
  csat_n: number | string;
  csat_satisfied: number | string;
  sla_n: number | string;
  sla_met: number | string;
}

/** Tickets first solved in [from, to) per group: agent work time, CSAT answers, SLA outcome. */
export async function solvedAggregates(db: Kysely<DB>, workspaceId: string, r: ValueRange): Promise<SolvedRow[]> {
  const hasSla = sql`cardinality(f.sla_achieved) + cardinality(f.sla_breached) > 0`;
  const result = await sql<SolvedRow>`
    select ${groupColumn[r.by]} as grp,
      count(*) as n,
      coalesce(sum(f.handle_s), 0)::float8 as handle_s,
      count(f.csat) as csat_n,
      count(*) filter (where f.csat >= ${CSAT_SATISFIED_FROM}) as csat_satisfied,
      count(*) filter (where ${hasSla}) as sla_n,
      count(*) filter (where ${hasSla} and cardinality(f.sla_breached) = 0) as sla_met
    from ticket_facts f
    where ${factWhere(workspaceId, r.filters)} and f.first_solved_at >= ${r.from} and f.first_solved_at < ${r.to}
    group by 1`.execute(db);
  return result.rows;
}
