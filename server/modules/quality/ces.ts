import { type AnswerScale, checkScale, emptyCounts, isScaleAnswer, mean, sampleVariance } from './scale.ts';

/**
 * Which end of an effort scale is the good one. CES 2.0 asks for agreement with "<Company> made it
 * easy for me…", so a high answer means low effort; older effort scales ask how much effort it
 * took, so a high answer means high effort.
 */
export type CesDirection = 'higher_is_easier' | 'higher_is_harder';

export interface CesScale extends AnswerScale {
  readonly direction: CesDirection;
}

/** CES 2.0: 1 (strongly disagree) … 7 (strongly agree) that it was easy. */
export const CES_DEFAULT_SCALE: CesScale = { min: 1, max: 7, direction: 'higher_is_easier' };

export interface CesOptions {
  /** The scale stored with the survey; default CES 2.0 (1–7, higher is easier). */
  readonly scale?: CesScale;
}

export interface CesSummary {
  readonly n: number;
  /** Responses left out: missing, not an integer, or outside the scale. */
  readonly invalid: number;
  readonly scale: CesScale;
  /** Count per answer on the survey's own scale. */
  readonly counts: Record<number, number>;
  /** CES: the mean answer on the survey's own scale; null when n = 0. */
  readonly mean: number | null;
  /**
   * The mean oriented so that higher is always easier, on the same range (a reversed answer x
   * counts as min + max − x). Equals `mean` for CES 2.0; lets old and new surveys be read alike.
   */
  readonly easeMean: number | null;
  /** Sample standard deviation (n − 1) of the answers; null below n = 2. */
  readonly standardDeviation: number | null;
}

/** Summarizes Customer Effort Score answers on the survey's stored scale. */
export function cesSummary(answers: ReadonlyArray<number | null | undefined>, options: CesOptions = {}): CesSummary {
  const scale = options.scale ?? CES_DEFAULT_SCALE;
  checkScale(scale, 'CES');
  if (scale.direction !== 'higher_is_easier' && scale.direction !== 'higher_is_harder') {
    throw new RangeError(`unknown CES direction ${String(scale.direction)}`);
  }
  const counts = emptyCounts(scale);
  const valid: number[] = [];
  for (const answer of answers) {
    if (!isScaleAnswer(answer, scale)) continue;
    valid.push(answer);
    counts[answer] = (counts[answer] ?? 0) + 1;
  }
  const m = mean(valid);
  const variance = sampleVariance(valid);
  return {
    n: valid.length,
    invalid: answers.length - valid.length,
    scale: { min: scale.min, max: scale.max, direction: scale.direction },
    counts,
    mean: m,
    easeMean: m === null ? null : scale.direction === 'higher_is_easier' ? m : scale.min + scale.max - m,
    standardDeviation: variance === null ? null : Math.sqrt(variance),
  };
}
