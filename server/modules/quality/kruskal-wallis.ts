import { chiSquareSurvival } from './distributions.ts';
import { checkFinite } from './scale.ts';

export interface KruskalWallisGroup {
  readonly n: number;
  /** Sum of the group's ranks in the pooled sample (mid-ranks for ties); null for an empty group. */
  readonly rankSum: number | null;
  readonly meanRank: number | null;
}

export interface KruskalWallisResult {
  /** Pooled sample size N. */
  readonly n: number;
  /** Non-empty groups (empty groups are reported but take no part in the test). */
  readonly k: number;
  /** In the order given. */
  readonly groups: readonly KruskalWallisGroup[];
  /** 12/(N(N+1))·Σ Rᵢ²/nᵢ − 3(N+1); null when k < 2. */
  readonly hUncorrected: number | null;
  /** C = 1 − Σ(t³ − t)/(N³ − N) over groups of tied values; null when k < 2. */
  readonly tieCorrection: number | null;
  /** hUncorrected / C; null when k < 2 or every value is the same (C = 0). */
  readonly h: number | null;
  /** k − 1; null when k < 2. */
  readonly df: number | null;
  /** P(χ²(df) > h), the asymptotic p-value; null with h. */
  readonly pValue: number | null;
}

/**
 * Mid-ranks (1-based) of the pooled values, plus Σ(t³ − t) over each run of t tied values.
 * Exported for tests and for other rank-based statistics.
 */
export function midRanks(values: readonly number[]): { ranks: number[]; tieSum: number } {
  const order = values.map((_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
  const ranks = new Array<number>(values.length);
  let tieSum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && values[order[end] as number] === values[order[start] as number]) end++;
    const t = end - start;
    const rank = (start + 1 + end) / 2; // mean of ranks start+1 … end
    for (let j = start; j < end; j++) ranks[order[j] as number] = rank;
    tieSum += t ** 3 - t;
    start = end;
  }
  return { ranks, tieSum };
}

/**
 * Kruskal–Wallis H test across k independent groups (e.g. resolution times or SERVQUAL gaps by
 * branch), with the tie correction and a chi-square p-value on k − 1 degrees of freedom. The
 * asymptotic p-value is the spec's; for groups under ~5 each it is only approximate.
 */
export function kruskalWallis(groups: ReadonlyArray<readonly number[]>): KruskalWallisResult {
  for (const group of groups) checkFinite(group, 'kruskalWallis values');
  const pooled = groups.flat();
  const { ranks, tieSum } = midRanks(pooled);
  let offset = 0;
  const sums = groups.map((group) => {
    let rankSum = 0;
    for (let i = 0; i < group.length; i++) rankSum += ranks[offset + i] as number;
    offset += group.length;
    return { n: group.length, rankSum };
  });
  return kruskalWallisFromRankSums(sums, tieSum);
}

/**
 * Kruskal–Wallis from what a database can compute without shipping the values: per group its
 * size and the sum of its mid-ranks in the pooled sample, and Σ(t³ − t) over runs of tied values.
 * Gives exactly what `kruskalWallis` gives for the same sample (it is its second half).
 */
export function kruskalWallisFromRankSums(groups: ReadonlyArray<{ n: number; rankSum: number }>, tieSum: number): KruskalWallisResult {
  const N = groups.reduce((total, group) => total + group.n, 0);
  const summaries = groups.map(
    (group): KruskalWallisGroup => (group.n === 0 ? { n: 0, rankSum: null, meanRank: null } : { n: group.n, rankSum: group.rankSum, meanRank: group.rankSum / group.n }),
  );
  const k = summaries.filter((group) => group.n > 0).length;
  const base = { n: N, k, groups: summaries };
  if (k < 2) return { ...base, hUncorrected: null, tieCorrection: null, h: null, df: null, pValue: null };
  // Σ nᵢ(R̄ᵢ − (N+1)/2)² · 12/(N(N+1)) equals the spec's formula exactly, without its cancellation.
  const grandMean = (N + 1) / 2;
  let spread = 0;
  for (const group of summaries) if (group.meanRank !== null) spread += group.n * (group.meanRank - grandMean) ** 2;
  const hUncorrected = (12 / (N * (N + 1))) * spread;
  const tieCorrection = 1 - tieSum / (N ** 3 - N);
  const df = k - 1;
  if (tieCorrection <= 0) return { ...base, hUncorrected, tieCorrection, h: null, df, pValue: null };
  const h = hUncorrected / tieCorrection;
  return { ...base, hUncorrected, tieCorrection, h, df, pValue: chiSquareSurvival(h, df) };
}
