import type { Kysely } from 'kysely';
import type { ValueDto, ValueQuery, ValueRow } from '../../../contracts/analytics-quality.ts';
import type { DB } from '../../platform/schema.ts';
import type { RequestContext } from '../auth/actor.ts';
import { wilsonInterval } from '../quality/index.ts';
import { MAX_GROUPS } from './analytics-rules.ts';
import { drilldown, header, prepareQuery } from './quality-analytics.service.ts';
import { organizationsOf, type TierRow, tiersOf } from './quality-analytics.repository.ts';
import { costOf, hoursOf, ratioOrNull } from './value-rules.ts';
import * as repo from './value.repository.ts';
import { valueCreatedOf, valueSolvedOf } from './rollup-reads.ts';
import { figuresOver, rollupPlanFor } from './rollup.service.ts';

interface Totals {
  created: number;
  solved: number;
  handleS: number;
  csatN: number;
  csatSatisfied: number;
  slaN: number;
  slaMet: number;
}

const zero = (): Totals => ({ created: 0, solved: 0, handleS: 0, csatN: 0, csatSatisfied: 0, slaN: 0, slaMet: 0 });

function figures(t: Totals, hourlyRate: number | null) {
  const hours = hoursOf(t.handleS);
  return {
    tickets_created: t.created,
    tickets_solved: t.solved,
    handle_hours: hours,
    handle_hours_mean: t.solved === 0 ? null : hours / t.solved,
    cost: costOf(hours, hourlyRate),
    // From the unrounded hours, so rounding the cost does not leak into the per-ticket figure.
    cost_per_ticket: t.solved === 0 ? null : costOf(hours / t.solved, hourlyRate),
    csat: {
      n: t.csatN,
      satisfied: t.csatSatisfied,
      percent: t.csatN === 0 ? null : (100 * t.csatSatisfied) / t.csatN,
      interval: wilsonInterval(t.csatSatisfied, t.csatN),
    },
    sla: { n: t.slaN, met: t.slaMet, rate: ratioOrNull(t.slaMet, t.slaN) },
  };
}

/**
 * Value and cost per tier or organization (issue 7, item 4): volume (tickets created), and for
 * the tickets first solved in the period the agent work time (from ticket events), its cost at
 * the request's hourly rate, CSAT and SLA attainment — beside what the customer is worth (the
 * tier's thresholds, the organization's revenue and margin), so a manager can see whether each
 * tier gets the service its value justifies. There is no workspace setting for the rate: without
 * `hourly_rate` the cost fields are null.
 */
export async function getValue(db: Kysely<DB>, ctx: RequestContext, query: ValueQuery): Promise<ValueDto> {
  const p = await prepareQuery(db, ctx, query);
  const range = { from: p.from, to: p.to, by: query.by, filters: p.filters };
  const plan = await rollupPlanFor(db, ctx.workspaceId, { from: p.from, to: p.to, timeZone: p.timeZone, groupDim: query.by, filters: p.filters });
  const byKey = plan ? await figuresOver(db, ctx.workspaceId, plan, p.from, p.to, []) : null;
  const [created, solved] = byKey
    ? [valueCreatedOf(byKey), valueSolvedOf(byKey)]
    : await Promise.all([repo.createdCounts(db, ctx.workspaceId, range), repo.solvedAggregates(db, ctx.workspaceId, range)]);

  const total = zero();
  const groups = new Map<string | null, Totals>();
  const of = (key: string | null) => {
    let t = groups.get(key);
    if (!t) {
      t = zero();
      groups.set(key, t);
    }
    return t;
  };
  for (const row of created) {
    const n = Number(row.n);
    of(row.grp).created += n;
    total.created += n;
  }
  for (const row of solved) {
    for (const t of [of(row.grp), total]) {
      t.solved += Number(row.n);
      t.handleS += Number(row.handle_s);
      t.csatN += Number(row.csat_n);
      t.csatSatisfied += Number(row.csat_satisfied);
      t.slaN += Number(row.sla_n);
      t.slaMet += Number(row.sla_met);
    }
  }

  // More than MAX_GROUPS (organizations): keep the busiest; the total covers them all.
  const bySize = [...groups].sort(([, a], [, b]) => b.created + b.solved - (a.created + a.solved));
  const kept = bySize.slice(0, MAX_GROUPS);
  const ids = kept.map(([id]) => id).filter((id): id is string => id !== null);
  const hourlyRate = query.hourly_rate ?? null;

  const rows: (ValueRow & { sortRank: number })[] = [];
  if (query.by === 'tier') {
    const tiers = new Map((await tiersOf(db, ctx.workspaceId, ids)).map((t) => [t.id, t]));
    for (const [id, t] of kept) {
      const tier = id === null ? undefined : tiers.get(id);
      rows.push({
        group_id: id,
        name: tier?.name ?? null,
        tier: tier ? { id: tier.id, name: tier.name, rank: tier.rank } : null,
        value: { annual_revenue: tier?.min_annual_revenue ?? null, margin: tier?.min_margin ?? null, min_tickets_per_year: tier?.min_tickets_per_year ?? null },
        ...figures(t, hourlyRate),
        drilldown: drilldown(p, id === null ? {} : { tier_id: id }),
        sortRank: tier?.rank ?? Number.NEGATIVE_INFINITY,
      });
    }
  } else {
    const organizations = new Map((await organizationsOf(db, ctx.workspaceId, ids)).map((o) => [o.id, o]));
    const tierIds = [...new Set([...organizations.values()].map((o) => o.tier_id).filter((id): id is string => id !== null))];
    const tiers = new Map<string, TierRow>((await tiersOf(db, ctx.workspaceId, tierIds)).map((t) => [t.id, t]));
    for (const [id, t] of kept) {
      const organization = id === null ? undefined : organizations.get(id);
      const tier = organization?.tier_id ? tiers.get(organization.tier_id) : undefined;
      rows.push({
        group_id: id,
        name: organization?.name ?? null,
        tier: tier ? { id: tier.id, name: tier.name, rank: tier.rank } : null,
        value: { annual_revenue: organization?.annual_revenue ?? null, margin: organization?.margin ?? null, min_tickets_per_year: null },
        ...figures(t, hourlyRate),
        drilldown: drilldown(p, id === null ? {} : { organization_id: id }),
        sortRank: tier?.rank ?? Number.NEGATIVE_INFINITY,
      });
    }
  }
  rows.sort((a, b) => {
    if ((a.group_id === null) !== (b.group_id === null)) return a.group_id === null ? 1 : -1;
    if (a.sortRank !== b.sortRank) return b.sortRank > a.sortRank ? 1 : -1;
    return (a.name ?? '').localeCompare(b.name ?? '') || (a.group_id ?? '').localeCompare(b.group_id ?? '');
  });

  return {
    ...header(p),
    by: query.by,
    hourly_rate: hourlyRate,
    currency: query.currency ?? null,
    total: figures(total, hourlyRate),
    groups: rows.map(({ sortRank: _sortRank, ...row }) => row),
    truncated: { limit: MAX_GROUPS, omitted_groups: bySize.length - kept.length },
  };
}
