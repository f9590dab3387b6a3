/**
 * The SERVQUAL instrument's structure (Parasuraman, Zeithaml & Berry 1988; positively worded 1991
 * revision): 22 items in five dimensions, and the respondent's 100-point importance allocation.
 * Wording and translations belong to the survey model; here items are ids with a dimension.
 */

export const SERVQUAL_DIMENSIONS = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'] as const;
export type ServqualDimension = (typeof SERVQUAL_DIMENSIONS)[number];

export interface ServqualItem {
  readonly id: string;
  readonly dimension: ServqualDimension;
  /** A negatively worded item: an answer x is scored (min + max) − x, i.e. 8 − x on 1–7. */
  readonly isReversed: boolean;
}

/** Items per dimension in the published order: q1–q4 tangibles, q5–q9 reliability, and so on. */
const ITEMS_PER_DIMENSION: Readonly<Record<ServqualDimension, number>> = {
  tangibles: 4,
  reliability: 5,
  responsiveness: 4,
  assurance: 4,
  empathy: 5,
};

/** The default (1991, positively worded) item set: ids q1…q22, none reversed. */
export const DEFAULT_SERVQUAL_ITEMS: readonly ServqualItem[] = (() => {
  const items: ServqualItem[] = [];
  for (const dimension of SERVQUAL_DIMENSIONS) {
    for (let i = 0; i < ITEMS_PER_DIMENSION[dimension]; i++) {
      items.push({ id: `q${items.length + 1}`, dimension, isReversed: false });
    }
  }
  return items;
})();

export function isServqualDimension(value: unknown): value is ServqualDimension {
  return typeof value === 'string' && (SERVQUAL_DIMENSIONS as readonly string[]).includes(value);
}

/** Points a respondent gave each dimension ("allocate 100 points by importance"). Missing = 0. */
export type ServqualWeights = Readonly<Partial<Record<ServqualDimension, number>>>;

export type AllocationStatus = 'ok' | 'renormalized' | 'all_zero' | 'invalid' | 'missing';

export interface NormalizedAllocation {
  /**
   * ok: the points sum to 100. renormalized: they did not, and were scaled to 100 (flag it).
   * all_zero: every dimension got 0 (the respondent drops out of the weighted score only).
   * invalid: a negative or non-finite value, or a key that is not a dimension. missing: no allocation.
   */
  readonly status: AllocationStatus;
  /** Points per dimension summing to 100; null unless status is ok or renormalized. */
  readonly weights: Readonly<Record<ServqualDimension, number>> | null;
}

// Sums within this of 100 are treated as 100: 33.3 + 33.3 + 33.4 is not a mistake.
const SUM_TOLERANCE = 1e-9;

/** Checks a 100-point allocation and scales it to 100 when it sums to something else. */
export function normalizeAllocation(weights: ServqualWeights | null | undefined): NormalizedAllocation {
  if (weights === null || weights === undefined) return { status: 'missing', weights: null };
  if (typeof weights !== 'object') return { status: 'invalid', weights: null };
  for (const [key, value] of Object.entries(weights)) {
    if (value === undefined) continue;
    if (!isServqualDimension(key) || typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      return { status: 'invalid', weights: null };
    }
  }
  let sum = 0;
  for (const dimension of SERVQUAL_DIMENSIONS) sum += weights[dimension] ?? 0;
  if (sum === 0) return { status: 'all_zero', weights: null };
  const exact = Math.abs(sum - 100) <= SUM_TOLERANCE;
  const normalized = {} as Record<ServqualDimension, number>;
  for (const dimension of SERVQUAL_DIMENSIONS) {
    const points = weights[dimension] ?? 0;
    normalized[dimension] = exact ? points : (100 * points) / sum;
  }
  return { status: exact ? 'ok' : 'renormalized', weights: normalized };
}
