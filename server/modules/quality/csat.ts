import { type Interval, type WilsonOptions, wilsonInterval } from './intervals.ts';
import { type AnswerScale, emptyCounts, isScaleAnswer, mean } from './scale.ts';

/** CSAT is asked on 1 (very dissatisfied) … 5 (very satisfied); 4 and 5 count as satisfied. */
export const CSAT_SCALE: AnswerScale = { min: 1, max: 5 };
export const CSAT_SATISFIED_FROM = 4;

export interface CsatSummary {
  /** Valid responses: integers 1–5. */
  readonly n: number;
  /** Responses left out: missing, not an integer, or outside 1–5. */
  readonly invalid: number;
  /** Count per rating 1–5. */
  readonly counts: Record<number, number>;
  /** Responses of 4 or 5. */
  readonly satisfied: number;
  /** satisfied / n as a proportion in [0, 1] (CSAT % = 100 × this); null when n = 0. */
  readonly csat: number | null;
  /** Mean rating (1–5); null when n = 0. */
  readonly mean: number | null;
  /** Wilson interval for csat (proportion); null when n = 0. */
  readonly interval: Interval | null;
}

export type CsatOptions = WilsonOptions;

/** Summarizes CSAT ratings: share satisfied (4–5) with its Wilson interval, the mean, and the distribution. */
export function csatSummary(ratings: ReadonlyArray<number | null | undefined>, options: CsatOptions = {}): CsatSummary {
  const counts = emptyCounts(CSAT_SCALE);
  const valid: number[] = [];
  let satisfied = 0;
  for (const rating of ratings) {
    if (!isScaleAnswer(rating, CSAT_SCALE)) continue;
    valid.push(rating);
    counts[rating] = (counts[rating] ?? 0) + 1;
    if (rating >= CSAT_SATISFIED_FROM) satisfied++;
  }
  const n = valid.length;
  return {
    n,
    invalid: ratings.length - n,
    counts,
    satisfied,
    csat: n === 0 ? null : satisfied / n,
    mean: mean(valid),
    interval: wilsonInterval(satisfied, n, options),
  };
}
