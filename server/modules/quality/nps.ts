import { normalCdf } from './distributions.ts';
import type { Interval } from './intervals.ts';
import { type AnswerScale, isScaleAnswer } from './scale.ts';

/** "How likely is it that you would recommend …" 0–10: promoters 9–10, passives 7–8, detractors 0–6. */
export const NPS_SCALE: AnswerScale = { min: 0, max: 10 };
export const NPS_PROMOTER_FROM = 9;
export const NPS_PASSIVE_FROM = 7;
/** The spec's z for the NPS interval (1.96, not 1.959964). */
export const NPS_DEFAULT_Z = 1.96;
/** No interval is shown below this many valid answers. */
export const NPS_MIN_INTERVAL_N = 30;

export interface NpsOptions {
  /** Normal quantile for the interval; default 1.96. */
  readonly z?: number;
  /** Smallest n that gets an interval; default 30. */
  readonly minIntervalN?: number;
}

export interface NpsSummary {
  readonly n: number;
  /** Answers left out: missing, not an integer, or outside 0–10. */
  readonly invalid: number;
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
  /** 100·(P − D)/n, in [−100, 100]; null when n = 0. */
  readonly nps: number | null;
  /** Variance of the NPS estimate: 100²·[p + d − (p − d)²]/n; null when n = 0. */
  readonly variance: number | null;
  /** √variance; null when n = 0. */
  readonly standardError: number | null;
  /** nps ± z·SE, clipped to [−100, 100]; null below minIntervalN (default 30). */
  readonly interval: Interval | null;
}

function checkOptions(options: NpsOptions): { z: number; minIntervalN: number } {
  const z = options.z ?? NPS_DEFAULT_Z;
  const minIntervalN = options.minIntervalN ?? NPS_MIN_INTERVAL_N;
  if (!(z > 0) || !Number.isFinite(z)) throw new RangeError(`z must be finite and > 0, got ${z}`);
  if (!Number.isInteger(minIntervalN) || minIntervalN < 1) throw new RangeError(`minIntervalN must be an integer >= 1`);
  return { z, minIntervalN };
}

function clippedInterval(centre: number, halfWidth: number, bound: number): Interval {
  return { lower: Math.max(-bound, centre - halfWidth), upper: Math.min(bound, centre + halfWidth) };
}

/** Net Promoter Score with its variance, standard error and (from n = 30) normal-approximation interval. */
export function npsSummary(scores: ReadonlyArray<number | null | undefined>, options: NpsOptions = {}): NpsSummary {
  const { z, minIntervalN } = checkOptions(options);
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const score of scores) {
    if (!isScaleAnswer(score, NPS_SCALE)) continue;
    if (score >= NPS_PROMOTER_FROM) promoters++;
    else if (score >= NPS_PASSIVE_FROM) passives++;
    else detractors++;
  }
  const n = promoters + passives + detractors;
  const base = { n, invalid: scores.length - n, promoters, passives, detractors };
  if (n === 0) return { ...base, nps: null, variance: null, standardError: null, interval: null };
  const p = promoters / n;
  const d = detractors / n;
  const nps = 100 * (p - d);
  // p + d − (p − d)² ≥ 0 mathematically; max() keeps rounding from producing −1e-17.
  const variance = (100 * 100 * Math.max(0, p + d - (p - d) ** 2)) / n;
  const standardError = Math.sqrt(variance);
  const interval = n >= minIntervalN ? clippedInterval(nps, z * standardError, 100) : null;
  return { ...base, nps, variance, standardError, interval };
}

export interface NpsDifference {
  /** nps(a) − nps(b), in [−200, 200]; null when either survey has n = 0. */
  readonly difference: number | null;
  /** √(Var_a + Var_b) for independent surveys; null when either has n = 0. */
  readonly standardError: number | null;
  /** difference ± z·SE, clipped to [−200, 200]; null unless both surveys reach minIntervalN. */
  readonly interval: Interval | null;
  /** Two-sided normal p-value for "no difference"; null with the interval (or when SE = 0). */
  readonly pValue: number | null;
}

/** Compares the NPS of two independent surveys (e.g. this quarter against last). */
export function npsDifference(a: NpsSummary, b: NpsSummary, options: NpsOptions = {}): NpsDifference {
  const { z, minIntervalN } = checkOptions(options);
  if (a.nps === null || b.nps === null || a.variance === null || b.variance === null) {
    return { difference: null, standardError: null, interval: null, pValue: null };
  }
  const difference = a.nps - b.nps;
  const standardError = Math.sqrt(a.variance + b.variance);
  const enough = a.n >= minIntervalN && b.n >= minIntervalN;
  return {
    difference,
    standardError,
    interval: enough ? clippedInterval(difference, z * standardError, 200) : null,
    pValue: enough && standardError > 0 ? 2 * normalCdf(-Math.abs(difference) / standardError) : null,
  };
}
