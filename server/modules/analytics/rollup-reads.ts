import type { OutcomeCountRow } from './service-levels.repository.ts';
import type { PeriodMedianRow, ProportionMeasure, StratumCountRow, TimeMeasure, UnitRankSumRow, UnitTimeRow } from './consistency.repository.ts';
import type { CreatedRow, SolvedRow } from './value.repository.ts';
import { type Distribution, emptyDistribution, meanOf, mergeInto, percentilesOf, rankSums } from './distribution-rules.ts';
import { type DistributionName, distributionOf, type Figures, parseStratumKey } from './rollup-rules.ts';

/**
 * The quality analytics' query results computed from rollup figures (pure): each function returns
 * the rows its facts query (consistency / service-levels / value repositories) returns, so the
 * services fold them the same way whichever source answered. `byKey`: figures per group key over
 * the request's range (rollup.service.ts `figuresBySpan`).
 */

type ByKey = ReadonlyMap<string | null, Figures>;

/** Per (unit, priority, channel): the measure's base and successes, tickets first solved in the range. */
export function proportionCountsOf(byKey: ByKey, m: ProportionMeasure): StratumCountRow[] {
  const rows: StratumCountRow[] = [];
  for (const [unit, f] of byKey) {
    for (const [key, s] of f.strata) {
      const { priority, channel } = parseStratumKey(key);
      const [n, x] = m.kind === 'csat_satisfied' ? [s.csatN, s.csatSatisfied] : m.metric === null ? [s.slaN, s.slaMet] : (s.metricMet.get(m.metric) ?? [0, 0]);
      if (n > 0) rows.push({ unit, priority, channel, n, x });
    }
  }
  return rows;
}

const MEASURE_DISTRIBUTIONS: Record<TimeMeasure, DistributionName> = {
  first_reply_s: 'sfc',
  first_reply_business_s: 'sfb',
  resolution_s: 'rsc',
  resolution_business_s: 'rsb',
};

/** The stored distribution of a consistency time measure (tickets by their first solve). */
export function distributionOfMeasure(measure: TimeMeasure): DistributionName {
  return MEASURE_DISTRIBUTIONS[measure];
}

function timeOf(f: Figures, measure: TimeMeasure): Distribution {
  return distributionOf(f, MEASURE_DISTRIBUTIONS[measure]);
}

/** Per unit: n, median, p90 and mean of the time. */
export function unitTimesOf(byKey: ByKey, measure: TimeMeasure): UnitTimeRow[] {
  const rows: UnitTimeRow[] = [];
  for (const [unit, f] of byKey) {
    const d = timeOf(f, measure);
    if (d.n === 0) continue;
    const [median, p90] = percentilesOf(d, [0.5, 0.9]);
    rows.push({ unit, n: d.n, median: median as number, p90: p90 as number, mean: meanOf(d) as number });
  }
  return rows;
}

/** Kruskal–Wallis inputs over the given units' pooled times. */
export function unitRankSumsOf(byKey: ByKey, measure: TimeMeasure, unitIds: readonly string[]): UnitRankSumRow[] {
  const units: string[] = [];
  const distributions: Distribution[] = [];
  for (const id of unitIds) {
    const f = byKey.get(id);
    const d = f ? timeOf(f, measure) : null;
    if (d && d.n > 0) {
      units.push(id);
      distributions.push(d);
    }
  }
  const { rankSums: sums, tieSum } = rankSums(distributions);
  return units.map((unit, i) => ({ unit, n: (distributions[i] as Distribution).n, rank_sum: sums[i] as number, tie_sum: tieSum }));
}

/** Median time per period (1-based), optionally of one unit: `bySpan[i]` the figures of period i. */
export function periodMediansOf(bySpan: readonly ByKey[], measure: TimeMeasure, unitId: string | null): PeriodMedianRow[] {
  const rows: PeriodMedianRow[] = [];
  bySpan.forEach((byKey, i) => {
    const pooled = emptyDistribution();
    for (const [key, f] of byKey) if (unitId === null || key === unitId) mergeInto(pooled, timeOf(f, measure));
    if (pooled.n === 0) return;
    const [median] = percentilesOf(pooled, [0.5]);
    rows.push({ period: i + 1, n: pooled.n, median: median ?? null });
  });
  return rows;
}

/**
 * Per group and outcome (ended clocks, breach, slack ≥ the threshold, CSAT): tickets first solved in
 * the range. `slackBucket`: the threshold in hundredths (rollup-rules.ts `slackThresholdBucket`).
 */
export function outcomeCountsOf(byKey: ByKey, slackBucket: number): OutcomeCountRow[] {
  const rows: OutcomeCountRow[] = [];
  for (const [grp, f] of byKey) {
    for (const [key, outcome] of f.outcomes) {
      const hasSla = key[0] === '1';
      const breached = key[1] === '1';
      const csat = key.length > 2 ? Number(key.slice(2)) : null;
      let met = 0;
      for (const [bucket, count] of outcome.slack) if (bucket >= slackBucket) met += count;
      if (met > 0) rows.push({ grp, has_sla: hasSla, breached, slack_met: true, csat, n: met });
      if (outcome.n - met > 0) rows.push({ grp, has_sla: hasSla, breached, slack_met: false, csat, n: outcome.n - met });
    }
  }
  return rows;
}

/** Value: tickets created in the range per group (not merged or spam). */
export function valueCreatedOf(byKey: ByKey): CreatedRow[] {
  return [...byKey].filter(([, f]) => f.createdIncluded > 0).map(([grp, f]) => ({ grp, n: f.createdIncluded }));
}

/** Value: tickets first solved in the range per group, with work time, CSAT and SLA outcomes. */
export function valueSolvedOf(byKey: ByKey): SolvedRow[] {
  return [...byKey]
    .filter(([, f]) => f.solved > 0)
    .map(([grp, f]) => ({ grp, n: f.solved, handle_s: f.handleSum, csat_n: f.csatN, csat_satisfied: f.csatSatisfied, sla_n: f.slaN, sla_met: f.slaMet }));
}
