/**
 * A mergeable distribution of durations (pure): what the analytics rollup keeps per day and group
 * so that the median and p90 of any range are found without reading a row per ticket.
 *
 * - Exact while small: up to EXACT_LIMIT distinct values it keeps every value with its count, and
 *   a percentile is exactly PostgreSQL's `percentile_cont` over the same values.
 * - Bucketed beyond: values fall into logarithmic buckets (γ = 1.02: bucket i holds (γ^(i−1), γ^i]),
 *   and a value is read back as its bucket's representative 2γ^i / (γ + 1), within 1% of every value
 *   in the bucket (the DDSketch construction). A percentile of a bucketed distribution is therefore
 *   within 1% of the exact one: the same guarantee Elasticsearch's and Datadog's percentiles give,
 *   and finer than a dashboard shows. Count, sum and mean stay exact.
 * - Merging is exact + exact → exact while the union stays small, anything else → bucketed, so the
 *   answer never depends on the order rows are merged in.
 *
 * Why not exact always: a 90-day range of 1M tickets holds ~250k values per measure; reading them
 * and sorting costs ~90 ms per measure in PostgreSQL (measured), ×7 measures per request.
 */

export const EXACT_LIMIT = 200;
export const GAMMA = 1.02;
const LOG_GAMMA = Math.log(GAMMA);
/** The bucket of zero (and of anything not positive): read back as 0. */
const ZERO_BUCKET = -1_000_000;

export interface Distribution {
  /** Values counted (nulls are never added). */
  n: number;
  sum: number;
  /** value → count, while exact; null once bucketed. */
  exact: Map<number, number> | null;
  /** bucket → count, once bucketed; null while exact. */
  buckets: Map<number, number> | null;
  /**
   * Values added but not yet counted into `exact` / `buckets` (`settle` does, before any read):
   * adding is a push, and settling sorts once and counts runs — a Map update per added value made
   * building the rollup spend most of its time in Map hashing and garbage collection.
   */
  pending?: number[] | undefined;
}

/** The stored form: n, sum and either exact values or buckets as flat [key, count, key, count, …]. */
export interface StoredDistribution {
  n: number;
  s: number;
  e?: number[];
  b?: number[];
}

export function emptyDistribution(): Distribution {
  return { n: 0, sum: 0, exact: new Map(), buckets: null };
}

export function bucketOf(value: number): number {
  return value > 0 ? Math.ceil(Math.log(value) / LOG_GAMMA) : ZERO_BUCKET;
}

export function representativeOf(bucket: number): number {
  return bucket === ZERO_BUCKET ? 0 : (2 * GAMMA ** bucket) / (GAMMA + 1);
}

function bucketize(d: Distribution): void {
  if (d.buckets) return;
  const buckets = new Map<number, number>();
  for (const [value, count] of d.exact ?? []) {
    const b = bucketOf(value);
    buckets.set(b, (buckets.get(b) ?? 0) + count);
  }
  d.exact = null;
  d.buckets = buckets;
}

export function addValue(d: Distribution, value: number | null | undefined, count = 1): void {
  if (value === null || value === undefined || !Number.isFinite(value)) return;
  d.n += count;
  d.sum += value * count;
  const pending = d.pending ?? (d.pending = []);
  for (let i = 0; i < count; i++) pending.push(value);
}

/** Counts pending values into `exact` (or `buckets`), sorted so each distinct value is one update. */
export function settle(d: Distribution): void {
  const pending = d.pending;
  if (!pending || pending.length === 0) return;
  d.pending = undefined;
  const values = Float64Array.from(pending).sort();
  let i = 0;
  while (i < values.length) {
    const value = values[i] as number;
    let j = i + 1;
    while (j < values.length && values[j] === value) j++;
    countInto(d, value, j - i);
    i = j;
  }
}

function countInto(d: Distribution, value: number, count: number): void {
  if (d.exact) {
    d.exact.set(value, (d.exact.get(value) ?? 0) + count);
    if (d.exact.size > EXACT_LIMIT) bucketize(d);
    return;
  }
  const buckets = d.buckets as Map<number, number>;
  const b = bucketOf(value);
  buckets.set(b, (buckets.get(b) ?? 0) + count);
}

/** Adds `from` into `into` (which may become bucketed). */
export function mergeInto(into: Distribution, from: Distribution): void {
  if (from.n === 0) return;
  settle(into);
  settle(from);
  into.n += from.n;
  into.sum += from.sum;
  if (into.exact && from.exact) {
    for (const [value, count] of from.exact) into.exact.set(value, (into.exact.get(value) ?? 0) + count);
    if (into.exact.size > EXACT_LIMIT) bucketize(into);
    return;
  }
  bucketize(into);
  const buckets = into.buckets as Map<number, number>;
  if (from.exact) {
    for (const [value, count] of from.exact) {
      const b = bucketOf(value);
      buckets.set(b, (buckets.get(b) ?? 0) + count);
    }
  } else {
    for (const [b, count] of from.buckets ?? []) buckets.set(b, (buckets.get(b) ?? 0) + count);
  }
}

/** Adds a stored distribution into `into` without building it first (the rollup's reads). */
export function mergeStoredInto(into: Distribution, stored: StoredDistribution): void {
  if (stored.n === 0) return;
  settle(into);
  into.n += stored.n;
  into.sum += stored.s;
  const pairs = stored.e ?? stored.b ?? [];
  if (stored.e && into.exact) {
    const exact = into.exact;
    for (let i = 0; i < pairs.length; i += 2) exact.set(pairs[i] as number, (exact.get(pairs[i] as number) ?? 0) + (pairs[i + 1] as number));
    if (exact.size > EXACT_LIMIT) bucketize(into);
    return;
  }
  bucketize(into);
  const buckets = into.buckets as Map<number, number>;
  for (let i = 0; i < pairs.length; i += 2) {
    const b = stored.e ? bucketOf(pairs[i] as number) : (pairs[i] as number);
    buckets.set(b, (buckets.get(b) ?? 0) + (pairs[i + 1] as number));
  }
}

/** Sorted (value, count) pairs: exact values, or bucket representatives. */
function sortedPairs(d: Distribution): [number, number][] {
  settle(d);
  if (d.exact) return [...d.exact.entries()].sort((a, b) => a[0] - b[0]);
  return [...(d.buckets as Map<number, number>).entries()].sort((a, b) => a[0] - b[0]).map(([b, c]) => [representativeOf(b), c]);
}

/**
 * `percentile_cont` at each fraction: linear interpolation between the values at the closest ranks
 * (exact values, or bucket representatives once bucketed). Null for an empty distribution.
 */
export function percentilesOf(d: Distribution, fractions: readonly number[]): (number | null)[] {
  if (d.n === 0) return fractions.map(() => null);
  const pairs = sortedPairs(d);
  // The value at 0-based rank k of the sorted multiset.
  const at = (k: number): number => {
    let seen = 0;
    for (const [value, count] of pairs) {
      seen += count;
      if (k < seen) return value;
    }
    return (pairs[pairs.length - 1] as [number, number])[0];
  };
  return fractions.map((fraction) => {
    const rank = fraction * (d.n - 1);
    const below = Math.floor(rank);
    const low = at(below);
    const high = at(Math.min(below + 1, d.n - 1));
    return low + (rank - below) * (high - low);
  });
}

export function meanOf(d: Distribution): number | null {
  return d.n === 0 ? null : d.sum / d.n;
}

/**
 * Mid-ranks for a Kruskal–Wallis test over several distributions pooled: each distribution's sum
 * of mid-ranks and Σ(t³ − t) over runs of ties. Bucketed values tie within their bucket (ranks of
 * binned data); exact ones only when equal, as the SQL ranks them.
 */
export function rankSums(list: readonly Distribution[]): { rankSums: number[]; tieSum: number } {
  for (const d of list) settle(d);
  const anyBucketed = list.some((d) => d.exact === null);
  const keyed = list.map((d) => {
    if (!anyBucketed) return d.exact as Map<number, number>;
    const copy: Distribution = { n: d.n, sum: d.sum, exact: d.exact ? new Map(d.exact) : null, buckets: d.buckets ? new Map(d.buckets) : null };
    bucketize(copy);
    return copy.buckets as Map<number, number>;
  });
  const totals = new Map<number, number>();
  for (const map of keyed) for (const [k, c] of map) totals.set(k, (totals.get(k) ?? 0) + c);
  const keys = [...totals.keys()].sort((a, b) => a - b);
  const midRank = new Map<number, number>();
  let before = 0;
  let tieSum = 0;
  for (const k of keys) {
    const t = totals.get(k) as number;
    midRank.set(k, before + (t + 1) / 2);
    tieSum += t * t * t - t;
    before += t;
  }
  return { rankSums: keyed.map((map) => [...map].reduce((acc, [k, c]) => acc + c * (midRank.get(k) as number), 0)), tieSum };
}

function flat(map: Map<number, number>): number[] {
  const out: number[] = [];
  for (const [k, c] of map) out.push(k, c);
  return out;
}

export function storeDistribution(d: Distribution): StoredDistribution {
  settle(d);
  return d.exact ? { n: d.n, s: d.sum, e: flat(d.exact) } : { n: d.n, s: d.sum, b: flat(d.buckets as Map<number, number>) };
}
