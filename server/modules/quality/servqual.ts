import { type CronbachAlpha, cronbachAlpha } from './cronbach.ts';
import { type AnswerScale, checkScale, mean } from './scale.ts';
import {
  type AnswerTally,
  gapOf,
  indexItems,
  type ScoredItem,
  type ScoredResponse,
  type ServqualItemAnswer,
  scoreAnswers,
} from './servqual-answers.ts';
import {
  type AllocationStatus,
  DEFAULT_SERVQUAL_ITEMS,
  normalizeAllocation,
  SERVQUAL_DIMENSIONS,
  type ServqualDimension,
  type ServqualItem,
  type ServqualWeights,
} from './servqual-items.ts';
import { type ToleranceZoneScore, toleranceZone } from './servqual-zones.ts';

/** SERVQUAL statements are rated 1 (strongly disagree) … 7 (strongly agree). */
export const SERVQUAL_SCALE: AnswerScale = { min: 1, max: 7 };

export interface ServqualResponse {
  /** Answers by item id; unanswered items may be absent. */
  readonly answers: Readonly<Record<string, ServqualItemAnswer | null | undefined>>;
  /** The respondent's 100-point importance allocation, when the weighted form was used. */
  readonly weights?: ServqualWeights | null;
}

export interface ServqualOptions {
  /** The survey's item set; default the 22 positively worded items q1…q22. */
  readonly items?: readonly ServqualItem[];
  /** Default 1–7. */
  readonly scale?: AnswerScale;
}

export interface ServqualItemScore {
  readonly id: string;
  readonly dimension: ServqualDimension;
  /** Mean expectation / perception over respondents who answered that column (after reversal). */
  readonly expectation: number | null;
  readonly perception: number | null;
  /** Mean gap P − E over respondents who answered both. */
  readonly gap: number | null;
  /** Respondents who answered both columns (the gap's n). */
  readonly n: number;
}

export interface ServqualDimensionScore {
  readonly dimension: ServqualDimension;
  /** Items in this dimension. */
  readonly items: number;
  /** Sample dimension score: mean over respondents of their mean item gap; null when nobody has a gap here. */
  readonly gap: number | null;
  /** Means over respondents of their mean expectation / perception in this dimension. */
  readonly expectation: number | null;
  readonly perception: number | null;
  /** Respondents with at least one gap in this dimension (the gap's n). */
  readonly respondents: number;
  /** Of those, respondents whose score rests on only some of the dimension's items. */
  readonly incompleteRespondents: number;
  /** Cronbach's α over this dimension's items, on perceptions, expectations and gaps. */
  readonly reliability: {
    readonly perception: CronbachAlpha;
    readonly expectation: CronbachAlpha;
    readonly gap: CronbachAlpha;
  };
  /** Zone of tolerance, when the three-column form was used; otherwise null. */
  readonly tolerance: ToleranceZoneScore | null;
}

export interface ServqualWeightedScore {
  /** Mean over respondents of Σ_d (w_d/100)·G_d; null when no respondent qualifies. */
  readonly score: number | null;
  /** Respondents in the weighted score. */
  readonly respondents: number;
  /** Of those, respondents whose points did not sum to 100 and were rescaled (flagged). */
  readonly renormalized: number;
  /** Respondents left out of the weighted score only, by reason. */
  readonly excluded: Readonly<Record<Exclude<AllocationStatus, 'ok' | 'renormalized'> | 'missing_dimension', number>>;
  /** Mean points (of 100) given each dimension by the respondents in the score; null when none. */
  readonly meanWeights: Readonly<Record<ServqualDimension, number>> | null;
}

export interface ServqualScores {
  /** Responses given. */
  readonly respondents: number;
  readonly items: readonly ServqualItemScore[];
  /** One entry per dimension that has items, in the canonical order. */
  readonly dimensions: readonly ServqualDimensionScore[];
  /** Mean of the dimension scores (not of the 22 items); null unless every dimension has a score. */
  readonly unweighted: number | null;
  readonly weighted: ServqualWeightedScore;
  /** SERVPERF: mean over respondents of their mean perception over all items answered. */
  readonly servperf: { readonly score: number | null; readonly respondents: number };
  /** Answers outside the scale (left out) and answers to unknown item ids (ignored). */
  readonly invalidAnswers: number;
  readonly unknownItemAnswers: number;
}

type Column = (item: ScoredItem | undefined) => number | undefined;
const perceptionOf: Column = (item) => item?.perception;
const expectationOf: Column = (item) => item?.expectation;

function meanOf(values: readonly (number | undefined)[]): number | null {
  return mean(values.filter((value): value is number => value !== undefined));
}

/** One respondent's mean over the items of a column (undefined when none answered) and how many items it used. */
function respondentMean(response: ScoredResponse, items: readonly ServqualItem[], column: Column) {
  const values = items.map((item) => column(response.get(item.id))).filter((v): v is number => v !== undefined);
  return { mean: mean(values) ?? undefined, answered: values.length };
}

function reliability(responses: readonly ScoredResponse[], items: readonly ServqualItem[], column: Column): CronbachAlpha {
  const rows = responses
    .map((response) => items.map((item) => column(response.get(item.id)) ?? null))
    .filter((row) => row.some((value) => value !== null));
  if (rows.length === 0) return { alpha: null, items: items.length, respondents: 0, excluded: 0, acceptable: null };
  return cronbachAlpha(rows);
}

function dimensionScore(
  dimension: ServqualDimension,
  items: readonly ServqualItem[],
  responses: readonly ScoredResponse[],
): ServqualDimensionScore {
  const gaps = responses.map((response) => respondentMean(response, items, gapOf));
  const withGap = gaps.filter((gap) => gap.mean !== undefined);
  return {
    dimension,
    items: items.length,
    gap: meanOf(gaps.map((gap) => gap.mean)),
    expectation: meanOf(responses.map((response) => respondentMean(response, items, expectationOf).mean)),
    perception: meanOf(responses.map((response) => respondentMean(response, items, perceptionOf).mean)),
    respondents: withGap.length,
    incompleteRespondents: withGap.filter((gap) => gap.answered < items.length).length,
    reliability: {
      perception: reliability(responses, items, perceptionOf),
      expectation: reliability(responses, items, expectationOf),
      gap: reliability(responses, items, gapOf),
    },
    tolerance: toleranceZone(responses, items),
  };
}

function weightedScore(
  responses: readonly ServqualResponse[],
  respondentGaps: readonly ReadonlyMap<ServqualDimension, number>[],
): ServqualWeightedScore {
  const excluded = { missing: 0, all_zero: 0, invalid: 0, missing_dimension: 0 };
  const scores: number[] = [];
  const used: Record<ServqualDimension, number>[] = [];
  let renormalized = 0;
  responses.forEach((response, index) => {
    const allocation = normalizeAllocation(response?.weights);
    if (allocation.weights === null) {
      excluded[allocation.status as 'missing' | 'all_zero' | 'invalid']++;
      return;
    }
    let score = 0;
    for (const dimension of SERVQUAL_DIMENSIONS) {
      const weight = allocation.weights[dimension];
      if (weight === 0) continue;
      const gap = respondentGaps[index]?.get(dimension);
      if (gap === undefined) {
        excluded.missing_dimension++;
        return;
      }
      score += (weight / 100) * gap;
    }
    if (allocation.status === 'renormalized') renormalized++;
    scores.push(score);
    used.push(allocation.weights);
  });
  const meanWeights =
    used.length === 0
      ? null
      : (Object.fromEntries(
          SERVQUAL_DIMENSIONS.map((d) => [d, used.reduce((sum, weights) => sum + weights[d], 0) / used.length]),
        ) as Record<ServqualDimension, number>);
  return { score: mean(scores), respondents: scores.length, renormalized, excluded, meanWeights };
}

/**
 * SERVQUAL scores: item gaps G = P − E; a respondent's dimension score is the mean of the gaps
 * they gave in that dimension (partial answers count, and are reported as incomplete); the sample
 * dimension score is the mean over respondents; the unweighted SERVQUAL is the mean of the five
 * dimension scores; the weighted score uses each respondent's 100-point allocation.
 */
export function servqualScores(responses: readonly ServqualResponse[], options: ServqualOptions = {}): ServqualScores {
  const items = options.items ?? DEFAULT_SERVQUAL_ITEMS;
  const scale = options.scale ?? SERVQUAL_SCALE;
  checkScale(scale, 'SERVQUAL');
  const itemsById = indexItems(items);
  const tally: AnswerTally = { invalidAnswers: 0, unknownItemAnswers: 0 };
  const scored = responses.map((response) => scoreAnswers(response?.answers, itemsById, scale, tally));

  const itemScores: ServqualItemScore[] = items.map((item) => {
    const answers = scored.map((response) => response.get(item.id));
    const gaps = answers.map(gapOf);
    return {
      id: item.id,
      dimension: item.dimension,
      expectation: meanOf(answers.map(expectationOf)),
      perception: meanOf(answers.map(perceptionOf)),
      gap: meanOf(gaps),
      n: gaps.filter((gap) => gap !== undefined).length,
    };
  });

  const dimensions = SERVQUAL_DIMENSIONS.map((dimension) => ({
    dimension,
    items: items.filter((item) => item.dimension === dimension),
  })).filter((group) => group.items.length > 0);
  const dimensionScores = dimensions.map((group) => dimensionScore(group.dimension, group.items, scored));
  const gapScores = dimensionScores.map((score) => score.gap);
  const unweighted = gapScores.every((gap) => gap !== null) ? mean(gapScores as number[]) : null;

  const respondentGaps = scored.map((response) => {
    const gaps = new Map<ServqualDimension, number>();
    for (const group of dimensions) {
      const gap = respondentMean(response, group.items, gapOf).mean;
      if (gap !== undefined) gaps.set(group.dimension, gap);
    }
    return gaps;
  });
  const performance = scored.map((response) => respondentMean(response, items, perceptionOf).mean);
  const servperf = performance.filter((value): value is number => value !== undefined);

  return {
    respondents: responses.length,
    items: itemScores,
    dimensions: dimensionScores,
    unweighted,
    weighted: weightedScore(responses, respondentGaps),
    servperf: { score: mean(servperf), respondents: servperf.length },
    invalidAnswers: tally.invalidAnswers,
    unknownItemAnswers: tally.unknownItemAnswers,
  };
}
