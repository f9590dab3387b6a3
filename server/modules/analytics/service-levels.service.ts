import type { Kysely } from 'kysely';
import type { ServiceLevelRow, ServiceLevelsDto, ServiceLevelsQuery } from '../../../contracts/analytics-quality.ts';
import type { DB } from '../../platform/schema.ts';
import type { RequestContext } from '../auth/actor.ts';
import { MAX_GROUPS } from './analytics-rules.ts';
import { drilldown, header, prepareQuery } from './quality-analytics.service.ts';
import { namesOf, tiersOf } from './quality-analytics.repository.ts';
import { describeDefinitions, type ServiceLevelDefinitions, serviceLevel } from './service-levels-rules.ts';
import * as repo from './service-levels.repository.ts';
import { outcomeCountsOf } from './rollup-reads.ts';
import { slackThresholdBucket } from './rollup-rules.ts';
import { figuresOver, rollupPlanFor } from './rollup.service.ts';

const GROUP_PARAM = { tier: 'tier_id', branch: 'branch_id', team: 'team_id' } as const;

interface Tally {
  n: number;
  below: number;
  met: number;
  exceeded: number;
  unknown: number;
}

const share = (count: number, known: number) => (known === 0 ? null : count / known);

function levels(t: Tally) {
  const known = t.below + t.met + t.exceeded;
  return {
    n: t.n,
    known,
    below: { count: t.below, share: share(t.below, known) },
    met: { count: t.met, share: share(t.met, known) },
    exceeded: { count: t.exceeded, share: share(t.exceeded, known) },
    unknown: t.unknown,
  };
}

/**
 * Three levels of service per tier, branch or team (issue 7, item 3): of the tickets first solved
 * in the period, how many were below expectations, met them or exceeded them, by the request's
 * definitions (service-levels-rules.ts), echoed in the answer.
 */
export async function getServiceLevels(db: Kysely<DB>, ctx: RequestContext, query: ServiceLevelsQuery): Promise<ServiceLevelsDto> {
  const p = await prepareQuery(db, ctx, query);
  const d: ServiceLevelDefinitions = {
    belowCsatMax: query.below_csat_max,
    exceedCsatMin: query.exceed_csat_min,
    exceedSlackRatio: query.exceed_slack_ratio,
    requireCsatToExceed: query.require_csat_to_exceed,
    requireSlaToExceed: query.require_sla_to_exceed,
  };
  // The rollup counts slack in hundredths: a threshold finer than that reads the facts.
  const slackBucket = slackThresholdBucket(d.exceedSlackRatio);
  const plan = slackBucket === null ? null : await rollupPlanFor(db, ctx.workspaceId, { from: p.from, to: p.to, timeZone: p.timeZone, groupDim: query.by, filters: p.filters });
  const rows =
    plan && slackBucket !== null
      ? outcomeCountsOf(await figuresOver(db, ctx.workspaceId, plan, p.from, p.to, []), slackBucket)
      : await repo.outcomeCounts(db, ctx.workspaceId, { from: p.from, to: p.to, by: query.by, filters: p.filters, exceedSlackRatio: d.exceedSlackRatio });

  const empty = (): Tally => ({ n: 0, below: 0, met: 0, exceeded: 0, unknown: 0 });
  const total = empty();
  const tallies = new Map<string | null, Tally>();
  for (const row of rows) {
    const n = Number(row.n);
    const level = serviceLevel({ hasSla: row.has_sla, breached: row.breached, slackMet: row.slack_met, csat: row.csat === null ? null : Number(row.csat) }, d);
    const tally = tallies.get(row.grp) ?? empty();
    tallies.set(row.grp, tally);
    for (const t of [tally, total]) {
      t.n += n;
      t[level] += n;
    }
  }

  // Biggest groups first when there are more than MAX_GROUPS; the total covers them all.
  const bySize = [...tallies].sort(([, a], [, b]) => b.n - a.n);
  const kept = bySize.slice(0, MAX_GROUPS);
  const ids = kept.map(([id]) => id).filter((id): id is string => id !== null);
  const order = new Map<string, { name: string; rank: number }>();
  if (query.by === 'tier') for (const tier of await tiersOf(db, ctx.workspaceId, ids)) order.set(tier.id, { name: tier.name, rank: tier.rank });
  else for (const [id, name] of await namesOf(db, ctx.workspaceId, query.by, ids)) order.set(id, { name, rank: 0 });

  const groups: (ServiceLevelRow & { rank: number })[] = kept.map(([id, tally]) => ({
    group_id: id,
    name: id === null ? null : (order.get(id)?.name ?? null),
    rank: id === null ? Number.NEGATIVE_INFINITY : (order.get(id)?.rank ?? Number.NEGATIVE_INFINITY),
    ...levels(tally),
    drilldown: drilldown(p, id === null ? {} : { [GROUP_PARAM[query.by]]: id }),
  }));
  groups.sort((a, b) => {
    if ((a.group_id === null) !== (b.group_id === null)) return a.group_id === null ? 1 : -1;
    if (a.rank !== b.rank) return b.rank - a.rank;
    return (a.name ?? '').localeCompare(b.name ?? '') || (a.group_id ?? '').localeCompare(b.group_id ?? '');
  });

  return {
    ...header(p),
    by: query.by,
    definitions: {
      below_csat_max: d.belowCsatMax,
      exceed_csat_min: d.exceedCsatMin,
      exceed_slack_ratio: d.exceedSlackRatio,
      require_csat_to_exceed: d.requireCsatToExceed,
      require_sla_to_exceed: d.requireSlaToExceed,
      ...describeDefinitions(d),
    },
    total: levels(total),
    groups: groups.map(({ rank: _rank, ...row }) => row),
    truncated: { limit: MAX_GROUPS, omitted_groups: bySize.length - kept.length },
  };
}
