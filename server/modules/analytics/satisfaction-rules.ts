import type { CesStats, CsatStats, NoIntervalReason, NpsStats } from '../../../contracts/analytics-satisfaction.ts';
import { CES_DEFAULT_SCALE, type CesScale, cesSummary, csatSummary, NPS_MIN_INTERVAL_N, npsSummary } from '../quality/index.ts';
import { type Counts, valuesFromCounts } from '../surveys/survey-scoring.ts';

/**
 * Pure rules of the satisfaction analytics (no I/O): headline scores from counts per answer value,
 * with their intervals and the reason when there is none. The scoring itself is `gapwise/quality`
 * (csatSummary, npsSummary, cesSummary); this file only feeds it counts and shapes the answer.
 */

/** Wilson's interval is valid at any n ≥ 1 (quality.md), so CSAT shows one from the first answer. */
export const CSAT_MIN_INTERVAL_N = 1;
/** The spec: no NPS interval below n = 30. */
export const NPS_MIN_INTERVAL_N_SPEC = NPS_MIN_INTERVAL_N;
/**
 * The CES interval is a normal approximation (mean ± 1.96·s/√n); like the NPS one it needs a
 * sample large enough for the mean to be near normal, so it takes the same minimum.
 */
export const CES_MIN_INTERVAL_N = 30;
const Z = 1.96;
/** CES 2.0: what answers on different scales are rescaled onto when they are mixed. */
export const CES_COMMON_SCALE: CesScale = CES_DEFAULT_SCALE;

/** Counts sorted by value: the same counts give the same floating-point sums, whatever order SQL returned them in. */
export function sortedCounts(counts: Counts): Counts {
  return new Map([...counts].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]));
}

export function addCount(counts: Counts, value: number, n: number): void {
  counts.set(value, (counts.get(value) ?? 0) + n);
}

function reason(n: number, minN: number): NoIntervalReason | null {
  if (n === 0) return 'no_responses';
  return n < minN ? 'n_below_minimum' : null;
}

function noteFor(what: string, why: NoIntervalReason | null, n: number, minN: number): string | null {
  if (why === 'no_responses') return `No ${what} answers in this range and filter, so no score and no interval.`;
  if (why === 'n_below_minimum') return `${n} ${what} answer${n === 1 ? '' : 's'}: no interval is shown below n = ${minN}.`;
  return null;
}

/** CSAT % (4–5 of 1–5) with its Wilson interval, in percent. Answers outside 1–5 are not counted. */
export function csatStats(counts: Counts): CsatStats {
  const s = csatSummary(valuesFromCounts(sortedCounts(counts)));
  const why = reason(s.n, CSAT_MIN_INTERVAL_N);
  return {
    n: s.n,
    satisfied: s.satisfied,
    percent: s.csat === null ? null : 100 * s.csat,
    mean: s.mean,
    interval: s.interval ? { lower: 100 * s.interval.lower, upper: 100 * s.interval.upper } : null,
    min_interval_n: CSAT_MIN_INTERVAL_N,
    no_interval_reason: why,
    note: noteFor('CSAT', why, s.n, CSAT_MIN_INTERVAL_N),
  };
}

/** NPS with its normal-approximation interval (none below n = 30). */
export function npsStats(counts: Counts): NpsStats {
  const s = npsSummary(valuesFromCounts(sortedCounts(counts)));
  const why = reason(s.n, NPS_MIN_INTERVAL_N_SPEC);
  return {
    n: s.n,
    promoters: s.promoters,
    passives: s.passives,
    detractors: s.detractors,
    score: s.nps,
    standard_error: s.standardError,
    interval: s.interval ? { lower: s.interval.lower, upper: s.interval.upper } : null,
    min_interval_n: NPS_MIN_INTERVAL_N_SPEC,
    no_interval_reason: why,
    note: noteFor('NPS', why, s.n, NPS_MIN_INTERVAL_N_SPEC),
  };
}

/** CES answers of one scale (surveys store their own scale and direction). */
export interface CesPart {
  scale: CesScale;
  counts: Counts;
}

const sameScale = (a: CesScale, b: CesScale) => a.min === b.min && a.max === b.max && a.direction === b.direction;

/** An answer on `scale` placed on CES 2.0 (1–7, higher is easier), linearly; a harder-is-higher answer is turned around. */
export function rescaleCes(value: number, scale: CesScale): number {
  const share = (value - scale.min) / (scale.max - scale.min);
  const ease = scale.direction === 'higher_is_harder' ? 1 - share : share;
  return CES_COMMON_SCALE.min + ease * (CES_COMMON_SCALE.max - CES_COMMON_SCALE.min);
}

/**
 * CES mean over the parts: on their own scale when they all share one (cesSummary), otherwise each
 * valid answer rescaled onto CES 2.0 first (a mean of 4 on 1–5 and 4 on 1–7 would mean different
 * things). Interval mean ± 1.96·s/√n from n = 30.
 */
export function cesStats(parts: readonly CesPart[]): CesStats {
  const used = parts.filter((p) => [...p.counts.values()].some((n) => n > 0));
  const first = used[0]?.scale ?? CES_COMMON_SCALE;
  const mixed = used.some((p) => !sameScale(p.scale, first));
  let n = 0;
  let mean: number | null = null;
  let sd: number | null = null;
  if (!mixed) {
    const merged: Counts = new Map();
    for (const p of used) for (const [v, c] of p.counts) addCount(merged, v, c);
    const s = cesSummary(valuesFromCounts(sortedCounts(merged)), { scale: first });
    n = s.n;
    mean = s.mean;
    sd = s.standardDeviation;
  } else {
    const values: number[] = [];
    for (const p of used) {
      for (const [v, c] of sortedCounts(p.counts)) {
        // Invalid answers (outside the survey's scale) are left out, as cesSummary does.
        if (!Number.isInteger(v) || v < p.scale.min || v > p.scale.max) continue;
        const x = rescaleCes(v, p.scale);
        for (let i = 0; i < c; i++) values.push(x);
      }
    }
    n = values.length;
    mean = n === 0 ? null : values.reduce((a, b) => a + b, 0) / n;
    sd = n < 2 || mean === null ? null : Math.sqrt(values.reduce((a, b) => a + (b - (mean as number)) ** 2, 0) / (n - 1));
  }
  const why = reason(n, CES_MIN_INTERVAL_N);
  const interval = why === null && mean !== null && sd !== null ? { lower: mean - (Z * sd) / Math.sqrt(n), upper: mean + (Z * sd) / Math.sqrt(n) } : null;
  const scale = mixed ? CES_COMMON_SCALE : first;
  return {
    n,
    mean,
    scale: { min: scale.min, max: scale.max, direction: scale.direction },
    rescaled: mixed,
    standard_deviation: sd,
    interval,
    min_interval_n: CES_MIN_INTERVAL_N,
    no_interval_reason: why,
    note: [noteFor('CES', why, n, CES_MIN_INTERVAL_N), mixed ? 'Surveys with different CES scales are mixed: every answer was rescaled onto 1–7, higher is easier.' : null]
      .filter(Boolean)
      .join(' ') || null,
  };
}

/** The survey's CES scale from its question's stored scale and direction ('higher_is_worse' = harder). */
export function cesScaleOf(scale: { min: number; max: number; direction?: 'higher_is_better' | 'higher_is_worse' } | null | undefined): CesScale {
  if (!scale) return CES_COMMON_SCALE;
  return { min: scale.min, max: scale.max, direction: scale.direction === 'higher_is_worse' ? 'higher_is_harder' : 'higher_is_easier' };
}

/** SERVQUAL items by gap, most negative first; items without a gap last, then by id for a stable order. */
export function byGap<T extends { id: string; gap: number | null }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => {
    if (a.gap === null || b.gap === null) return a.gap === b.gap ? a.id.localeCompare(b.id) : a.gap === null ? 1 : -1;
    return a.gap - b.gap || a.id.localeCompare(b.id);
  });
}

/** True when a filter or the grouping needs the ticket as it is now (responses without one are then left out). */
export function needsTicket(q: { priority?: string | undefined; category?: string | undefined; tag?: string | undefined; group_by?: string | undefined }): boolean {
  return Boolean(q.priority || q.category || q.tag || q.group_by === 'priority' || q.group_by === 'category');
}
