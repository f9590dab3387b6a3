/**
 * Kano classification: each respondent answers a functional question ("if <feature> is present…")
 * and a dysfunctional one ("if it is absent…"); the pair maps to a category via the evaluation table.
 */

export const KANO_ANSWERS = ['like', 'expect', 'neutral', 'live_with', 'dislike'] as const;
export type KanoAnswer = (typeof KANO_ANSWERS)[number];

/** A attractive · O one-dimensional · M must-be · I indifferent · R reverse · Q questionable. */
export const KANO_CATEGORIES = ['A', 'O', 'M', 'I', 'R', 'Q'] as const;
export type KanoCategory = (typeof KANO_CATEGORIES)[number];

export const KANO_CATEGORY_NAMES: Readonly<Record<KanoCategory, string>> = {
  A: 'attractive',
  O: 'one_dimensional',
  M: 'must_be',
  I: 'indifferent',
  R: 'reverse',
  Q: 'questionable',
};

/** Kano ↔ three levels of service: M = basic, O = meets (performance), A = exceeds (delight). */
export const KANO_SERVICE_LEVELS: Readonly<Partial<Record<KanoCategory, 'basic' | 'meets' | 'exceeds'>>> = {
  M: 'basic',
  O: 'meets',
  A: 'exceeds',
};

/** Near-ties go to the first of these: M > O > A > I, then R and Q (which the spec's rule does not rank). */
export const KANO_PREFERENCE: readonly KanoCategory[] = ['M', 'O', 'A', 'I', 'R', 'Q'];

const MIDDLE_ROW: Readonly<Record<KanoAnswer, KanoCategory>> = {
  like: 'R',
  expect: 'I',
  neutral: 'I',
  live_with: 'I',
  dislike: 'M',
};

/** Rows: functional answer; columns: dysfunctional answer. */
const EVALUATION_TABLE: Readonly<Record<KanoAnswer, Readonly<Record<KanoAnswer, KanoCategory>>>> = {
  like: { like: 'Q', expect: 'A', neutral: 'A', live_with: 'A', dislike: 'O' },
  expect: MIDDLE_ROW,
  neutral: MIDDLE_ROW,
  live_with: MIDDLE_ROW,
  dislike: { like: 'R', expect: 'R', neutral: 'R', live_with: 'R', dislike: 'Q' },
};

export function isKanoAnswer(value: unknown): value is KanoAnswer {
  return typeof value === 'string' && (KANO_ANSWERS as readonly string[]).includes(value);
}

/** The category of one functional/dysfunctional answer pair. Throws RangeError on an unknown answer. */
export function kanoCategory(functional: KanoAnswer, dysfunctional: KanoAnswer): KanoCategory {
  if (!isKanoAnswer(functional) || !isKanoAnswer(dysfunctional)) {
    throw new RangeError(`unknown Kano answer pair ${String(functional)} / ${String(dysfunctional)}`);
  }
  return EVALUATION_TABLE[functional][dysfunctional];
}

export interface KanoPair {
  readonly functional: KanoAnswer | null | undefined;
  readonly dysfunctional: KanoAnswer | null | undefined;
}

export interface KanoOptions {
  /** Categories within this many percentage points of the top are near-ties; default 5. */
  readonly tieMargin?: number;
}

export interface FongTest {
  /** The two most frequent categories (ties in count ordered by KANO_PREFERENCE) and their counts. */
  readonly first: KanoCategory;
  readonly second: KanoCategory;
  readonly m1: number;
  readonly m2: number;
  /** 1.65·√((m1 + m2)(2n − m1 − m2)/(2n)). */
  readonly threshold: number;
  /** |m1 − m2| ≥ threshold: the top category is distinguishable from the runner-up. */
  readonly significant: boolean;
}

export interface KanoSummary {
  /** Complete, valid answer pairs. */
  readonly n: number;
  /** Pairs left out: an answer missing or unknown. */
  readonly invalid: number;
  readonly counts: Readonly<Record<KanoCategory, number>>;
  /** Percentage (0–100) of n per category; null when n = 0. */
  readonly percent: Readonly<Record<KanoCategory, number>> | null;
  /** The mode; near-ties (within tieMargin points of the top) resolved M > O > A > I > R > Q. Null when n = 0. */
  readonly category: KanoCategory | null;
  /** Every category within tieMargin points of the top, in preference order; more than one means a near-tie was resolved. */
  readonly closeCategories: readonly KanoCategory[];
  /** Top percentage − second percentage, in points; null when n = 0. */
  readonly categoryStrength: number | null;
  /** %A + %O + %M, in points; null when n = 0. */
  readonly totalStrength: number | null;
  /** (A + O)/(A + O + M + I), in [0, 1]; null when A + O + M + I = 0. */
  readonly better: number | null;
  /** −(O + M)/(A + O + M + I), in [−1, 0]; null when A + O + M + I = 0. */
  readonly worse: number | null;
  readonly fong: FongTest | null;
  /** Q / n, a proportion; a high rate means a badly understood question. Null when n = 0. */
  readonly questionableRate: number | null;
}

const FONG_Z = 1.65;

function zeroCounts(): Record<KanoCategory, number> {
  return { A: 0, O: 0, M: 0, I: 0, R: 0, Q: 0 };
}

/** Summarizes one feature's answer pairs: counts, category, strengths, Better/Worse, Fong test, Q rate. */
export function kanoSummary(pairs: readonly KanoPair[], options: KanoOptions = {}): KanoSummary {
  const tieMargin = options.tieMargin ?? 5;
  if (!(tieMargin >= 0) || !Number.isFinite(tieMargin)) throw new RangeError(`tieMargin must be >= 0, got ${tieMargin}`);
  const counts = zeroCounts();
  let n = 0;
  for (const pair of pairs) {
    if (!isKanoAnswer(pair?.functional) || !isKanoAnswer(pair?.dysfunctional)) continue;
    counts[EVALUATION_TABLE[pair.functional][pair.dysfunctional]]++;
    n++;
  }
  const { A, O, M, I } = counts;
  const core = A + O + M + I;
  const base = {
    n,
    invalid: pairs.length - n,
    counts,
    better: core === 0 ? null : (A + O) / core,
    // Written as 0 − … so that no O or M gives 0, not −0.
    worse: core === 0 ? null : 0 - (O + M) / core,
  };
  if (n === 0) {
    return {
      ...base,
      percent: null,
      category: null,
      closeCategories: [],
      categoryStrength: null,
      totalStrength: null,
      fong: null,
      questionableRate: null,
    };
  }
  const percent = zeroCounts();
  for (const category of KANO_CATEGORIES) percent[category] = (100 * counts[category]) / n;
  // Stable sort over the preference order: equal counts keep M > O > A > I > R > Q.
  const ranked = [...KANO_PREFERENCE].sort((a, b) => counts[b] - counts[a]);
  const first = ranked[0] as KanoCategory;
  const second = ranked[1] as KanoCategory;
  // Compared on counts (100·Δcount ≤ margin·n) so exactly 5 points apart is "within" without rounding doubt.
  const closeCategories = KANO_PREFERENCE.filter(
    (category) => counts[category] > 0 && 100 * (counts[first] - counts[category]) <= tieMargin * n,
  );
  const m1 = counts[first];
  const m2 = counts[second];
  const threshold = FONG_Z * Math.sqrt(((m1 + m2) * (2 * n - m1 - m2)) / (2 * n));
  return {
    ...base,
    percent,
    category: closeCategories[0] ?? first,
    closeCategories,
    categoryStrength: percent[first] - percent[second],
    totalStrength: percent.A + percent.O + percent.M,
    fong: { first, second, m1, m2, threshold, significant: Math.abs(m1 - m2) >= threshold },
    questionableRate: counts.Q / n,
  };
}
