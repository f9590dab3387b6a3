import type { Kysely } from 'kysely';
import type { ConsistencyDto, ConsistencyQuery, ConsistencyUnit } from '../../../contracts/analytics-quality.ts';
import type { DB } from '../../platform/schema.ts';
import type { RequestContext } from '../auth/actor.ts';
import { chiSquareHomogeneity, coefficientOfVariation, indirectStandardization, kruskalWallisFromRankSums, pChart, wilsonInterval, xmrChart } from '../quality/index.ts';
import { groupCountIssue, percentileCont, periodsOf } from './analytics-rules.ts';
import { type ExclusionReason, limitLists, positiveOrNull, splitStratumKey, splitUnits, stratumKey } from './consistency-rules.ts';
import * as repo from './consistency.repository.ts';
import { distributionOfMeasure, periodMediansOf, proportionCountsOf, unitRankSumsOf, unitTimesOf } from './rollup-reads.ts';
import { type Figures, periodSpans } from './rollup-rules.ts';
import { figuresBySpan, figuresOver, rollupPlanFor } from './rollup.service.ts';
import { checkReference, drilldown, header, invalid, type PreparedQuery, prepareQuery } from './quality-analytics.service.ts';
import { namesOf, type ReferenceKind } from './quality-analytics.repository.ts';

const UNIT_PARAM = { branch: 'branch_id', team: 'team_id', agent: 'assignee_id' } as const;
const UNIT_KIND: Record<ConsistencyUnit, ReferenceKind> = { branch: 'branch', team: 'team', agent: 'user' };

type Excluded = ConsistencyDto['excluded_units'][number];
type CvDto = { n: number; mean: number | null; standard_deviation: number | null; cv: number | null };

function cvOf(values: readonly number[]): CvDto {
  const positive = positiveOrNull(values);
  if (positive === null) return { n: values.length, mean: null, standard_deviation: null, cv: null };
  const cv = coefficientOfVariation(positive);
  return { n: cv.n, mean: cv.mean, standard_deviation: cv.standardDeviation, cv: cv.cv };
}

/**
 * Consistency across branches, teams or agents (issue 7, item 2), over the tickets first solved
 * in the period. Proportions (SLA met, CSAT satisfied): p-chart with per-unit limits, chi-square
 * test of homogeneity, CV of unit rates, and observed vs expected attainment from each unit's
 * (priority × channel) mix. Times (first reply, resolution): per-unit medians, Kruskal–Wallis,
 * CV of unit medians, and an XmR chart of per-period medians. "The process" is the units with an
 * id and n ≥ min_n; the others are listed in `excluded_units` with the reason.
 */
export async function getConsistency(db: Kysely<DB>, ctx: RequestContext, query: ConsistencyQuery): Promise<ConsistencyDto> {
  if (query.sla_metric && query.measure !== 'sla_met') {
    throw invalid({ path: 'querystring.sla_metric', message: 'applies only to measure=sla_met' });
  }
  const p = await prepareQuery(db, ctx, query);
  const base = {
    ...header(p),
    measure: query.measure,
    unit: query.unit,
    sla_metric: query.sla_metric ?? null,
    time_basis: query.time_basis,
    min_n: query.min_n,
  };
  if (query.measure === 'sla_met' || query.measure === 'csat_satisfied') {
    const measure: repo.ProportionMeasure = query.measure === 'csat_satisfied' ? { kind: 'csat_satisfied' } : { kind: 'sla_met', metric: query.sla_metric ?? null };
    const result = await proportions(db, ctx, p, query, measure);
    return { ...base, kind: 'proportion', proportion: result.proportion, time: null, excluded_units: result.excluded, truncated: result.truncated };
  }
  const result = await times(db, ctx, p, query);
  return { ...base, kind: 'time', proportion: null, time: result.time, excluded_units: result.excluded, truncated: result.truncated };
}

async function proportions(db: Kysely<DB>, ctx: RequestContext, p: PreparedQuery, query: ConsistencyQuery, measure: repo.ProportionMeasure) {
  const plan = await rollupPlanFor(db, ctx.workspaceId, { from: p.from, to: p.to, timeZone: p.timeZone, groupDim: query.unit, filters: p.filters });
  const rows = plan
    ? proportionCountsOf(await figuresOver(db, ctx.workspaceId, plan, p.from, p.to, []), measure)
    : await repo.proportionCounts(db, ctx.workspaceId, { from: p.from, to: p.to, unit: query.unit, filters: p.filters }, measure);
  const units = new Map<string | null, { unitId: string | null; n: number; x: number }>();
  let totalN = 0;
  let totalX = 0;
  for (const row of rows) {
    const unit = units.get(row.unit) ?? { unitId: row.unit, n: 0, x: 0 };
    unit.n += Number(row.n);
    unit.x += Number(row.x);
    units.set(row.unit, unit);
    totalN += Number(row.n);
    totalX += Number(row.x);
  }
  const split = splitUnits([...units.values()], query.min_n);
  const includedIds = new Set(split.included.map((u) => u.unitId));
  const chart = pChart(split.included.map((u) => ({ label: u.unitId as string, x: u.x, n: u.n })));
  const chi = chiSquareHomogeneity(split.included);
  const standardized = indirectStandardization(
    rows
      .filter((row) => includedIds.has(row.unit))
      .map((row) => ({ unit: row.unit as string, stratum: stratumKey(row.priority, row.channel), x: Number(row.x), n: Number(row.n) })),
  );
  const byUnit = new Map(standardized.units.map((u) => [u.unit, u]));

  const excluded: { unitId: string | null; n: number; reason: ExclusionReason }[] = split.excluded.map(({ unit, reason }) => ({ unitId: unit.unitId, n: unit.n, reason }));
  const charted = [];
  for (const point of chart.points) {
    if (!point.sizeAdequate || point.lower === null || point.upper === null || point.p === null) {
      excluded.push({ unitId: point.label, n: point.n, reason: 'expected_count_below_5' });
      continue;
    }
    charted.push({ ...point, lower: point.lower, upper: point.upper, p: point.p });
  }
  const limited = limitLists(charted, excluded);
  const names = await namesOf(db, ctx.workspaceId, UNIT_KIND[query.unit], [...limited.charted.map((u) => u.label), ...idsOf(limited.excluded)]);
  const extra: Record<string, string> = measure.kind === 'sla_met' ? { sla: 'breached' } : {};

  return {
    proportion: {
      n: totalN,
      x: totalX,
      center: chart.center,
      units: limited.charted
        .sort((a, b) => a.p - b.p || a.label.localeCompare(b.label))
        .map((point) => {
          const s = byUnit.get(point.label);
          return {
            unit_id: point.label,
            name: names.get(point.label) ?? null,
            n: point.n,
            x: point.x,
            p: point.p,
            interval: wilsonInterval(point.x, point.n),
            lower_limit: point.lower,
            upper_limit: point.upper,
            signal: point.signal,
            expected: s?.expected ?? 0,
            expected_p: s?.expectedRate ?? 0,
            observed_expected_ratio: s?.ratio ?? null,
            standardized_p: s?.standardizedRate ?? null,
            z: s?.z ?? null,
            drilldown: drilldown(p, { [UNIT_PARAM[query.unit]]: point.label, ...(point.signal === 'below_lower' ? extra : {}) }),
          };
        }),
      chi_square: { statistic: chi.statistic, df: chi.df, p_value: chi.pValue, min_expected: chi.minExpected },
      cv: cvOf(split.included.map((u) => u.x / u.n)),
      // In a stable order (priority, then channel), whatever order the counts arrived in.
      strata: standardized.strata
        .map((s) => ({ ...splitStratumKey(s.stratum), n: s.n, x: s.x, rate: s.rate }))
        .sort((a, b) => a.priority.localeCompare(b.priority) || a.channel.localeCompare(b.channel)),
    },
    excluded: excludedDtos(limited.excluded, names),
    truncated: { limit: 500, omitted_groups: limited.omitted },
  };
}

const TIME_COLUMNS = {
  first_reply: { calendar: 'first_reply_s', business: 'first_reply_business_s' },
  resolution: { calendar: 'resolution_s', business: 'resolution_business_s' },
} as const;

async function times(db: Kysely<DB>, ctx: RequestContext, p: PreparedQuery, query: ConsistencyQuery) {
  const column = TIME_COLUMNS[query.measure as 'first_reply' | 'resolution'][query.time_basis];
  const periods = periodsOf(query.period, p.timeZone, p.from, p.to);
  const tooMany = groupCountIssue(periods.starts.length);
  if (tooMany) throw invalid({ path: 'querystring.period', message: tooMany.message });
  const xmrUnit = query.xmr_unit_id ?? null;
  if (xmrUnit) await checkReference(db, ctx.workspaceId, 'xmr_unit_id', UNIT_KIND[query.unit], xmrUnit);

  const range = { from: p.from, to: p.to, unit: query.unit, filters: p.filters };
  const plan = await rollupPlanFor(db, ctx.workspaceId, { from: p.from, to: p.to, timeZone: p.timeZone, groupDim: query.unit, filters: p.filters });
  // From the rollup: the whole range per unit, and each period (clipped to the range) per unit.
  const spans = periodSpans(periods.starts, p.from, p.to);
  const fromRollup = plan ? await figuresBySpan(db, ctx.workspaceId, plan, [{ from: p.from, to: p.to }, ...spans], [distributionOfMeasure(column)], { counts: false }) : null;
  const [unitRows, medians] = fromRollup
    ? [unitTimesOf(fromRollup[0] as Map<string | null, Figures>, column), periodMediansOf(fromRollup.slice(1), column, xmrUnit)]
    : await Promise.all([
        repo.unitTimes(db, ctx.workspaceId, range, column),
        repo.periodMedians(db, ctx.workspaceId, { ...range, periodStarts: periods.starts, unitId: xmrUnit }, column),
      ]);
  const split = splitUnits(
    unitRows.map((row) => ({ unitId: row.unit, n: Number(row.n), median: Number(row.median), p90: Number(row.p90), mean: Number(row.mean) })),
    query.min_n,
  );
  // Kruskal–Wallis over the charted units only: the ranks are of their pooled sample.
  const charted = split.included.map((u) => u.unitId as string);
  const rankRows = fromRollup
    ? unitRankSumsOf(fromRollup[0] as Map<string | null, Figures>, column, charted)
    : await repo.unitRankSums(db, ctx.workspaceId, range, column, charted);
  const rankOf = new Map(rankRows.map((row) => [row.unit, Number(row.rank_sum)]));
  const kw = kruskalWallisFromRankSums(
    split.included.map((u) => ({ n: u.n, rankSum: rankOf.get(u.unitId as string) ?? 0 })),
    rankRows.length > 0 ? Number(rankRows[0]?.tie_sum) : 0,
  );
  const summaries = split.included.map((u, i) => ({
    unitId: u.unitId as string,
    n: u.n,
    median: u.median,
    p90: u.p90,
    mean: u.mean,
    meanRank: kw.groups[i]?.meanRank ?? 0,
  }));
  const excluded = split.excluded.map(({ unit, reason }) => ({ unitId: unit.unitId, n: unit.n, reason }));
  const limited = limitLists(summaries, excluded);
  const names = await namesOf(db, ctx.workspaceId, UNIT_KIND[query.unit], [...limited.charted.map((u) => u.unitId), ...idsOf(limited.excluded)]);

  // Empty periods carry no median; the chart runs over the periods that have one.
  const byPeriod = new Map(medians.map((row) => [Number(row.period), row]));
  const slots = periods.starts.map((start, i) => {
    const row = byPeriod.get(i + 1);
    return { label: periods.labels[i] as string, start, n: row ? Number(row.n) : 0, median: row?.median == null ? null : Number(row.median) };
  });
  const chart = xmrChart(slots.filter((s) => s.median !== null).map((s) => s.median as number));
  let next = 0;
  const points = slots.map((slot) => {
    const point = slot.median === null ? null : chart.points[next++];
    return {
      label: slot.label,
      period_start: slot.start.toISOString(),
      n: slot.n,
      median: slot.median,
      moving_range: point?.movingRange ?? null,
      signals: point ? [...point.signals] : [],
    };
  });

  return {
    time: {
      n: unitRows.reduce((total, row) => total + Number(row.n), 0),
      units: limited.charted
        .sort((a, b) => b.median - a.median || a.unitId.localeCompare(b.unitId))
        .map((u) => ({
          unit_id: u.unitId,
          name: names.get(u.unitId) ?? null,
          n: u.n,
          median: u.median,
          p90: u.p90,
          mean: u.mean,
          mean_rank: u.meanRank,
          drilldown: drilldown(p, { [UNIT_PARAM[query.unit]]: u.unitId }),
        })),
      kruskal_wallis: { n: kw.n, k: kw.k, h: kw.h, df: kw.df, p_value: kw.pValue },
      cv: cvOf(summaries.map((u) => u.median)),
      xmr: {
        unit_id: xmrUnit,
        period: query.period,
        center: chart.center,
        lower_limit: chart.lowerLimit,
        upper_limit: chart.upperLimit,
        moving_range_mean: chart.movingRangeMean,
        moving_range_upper_limit: chart.movingRangeUpperLimit,
        points,
      },
    },
    excluded: excludedDtos(limited.excluded, names),
    truncated: { limit: 500, omitted_groups: limited.omitted },
  };
}

function idsOf(excluded: readonly { unitId: string | null }[]): string[] {
  return excluded.map((e) => e.unitId).filter((id): id is string => id !== null);
}

function excludedDtos(excluded: readonly { unitId: string | null; n: number; reason: ExclusionReason }[], names: Map<string, string>): Excluded[] {
  return excluded.map((e) => ({ unit_id: e.unitId, name: e.unitId === null ? null : (names.get(e.unitId) ?? null), n: e.n, reason: e.reason }));
}
