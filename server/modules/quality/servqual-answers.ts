import { type AnswerScale, isScaleAnswer } from './scale.ts';
import { isServqualDimension, type ServqualItem } from './servqual-items.ts';

/** One item's answers. The gap form asks expectation and perception; the three-column form asks adequate, desired and perception. */
export interface ServqualItemAnswer {
  readonly expectation?: number | null;
  readonly perception?: number | null;
  /** Three-column form: the adequate (minimum acceptable) level of service. */
  readonly adequate?: number | null;
  /** Three-column form: the desired level of service. */
  readonly desired?: number | null;
}

export const SERVQUAL_COLUMNS = ['expectation', 'perception', 'adequate', 'desired'] as const;
export type ServqualColumn = (typeof SERVQUAL_COLUMNS)[number];

/** An item's valid answers after reversal; a column is absent when unanswered or invalid. */
export type ScoredItem = Partial<Record<ServqualColumn, number>>;
/** One respondent's scored answers by item id. */
export type ScoredResponse = ReadonlyMap<string, ScoredItem>;

export interface AnswerTally {
  /** Answers outside the scale or not integers: left out, as if unanswered. */
  invalidAnswers: number;
  /** Answers to item ids that are not in the item set: ignored. */
  unknownItemAnswers: number;
}

export function indexItems(items: readonly ServqualItem[]): ReadonlyMap<string, ServqualItem> {
  const byId = new Map<string, ServqualItem>();
  for (const item of items) {
    if (byId.has(item.id)) throw new RangeError(`duplicate SERVQUAL item id ${item.id}`);
    if (!isServqualDimension(item.dimension)) throw new RangeError(`item ${item.id} has unknown dimension ${item.dimension}`);
    byId.set(item.id, item);
  }
  return byId;
}

/** Validates one respondent's answers and applies reversal (x → min + max − x, i.e. 8 − x on 1–7). */
export function scoreAnswers(
  answers: Readonly<Record<string, ServqualItemAnswer | null | undefined>> | null | undefined,
  items: ReadonlyMap<string, ServqualItem>,
  scale: AnswerScale,
  tally: AnswerTally,
): ScoredResponse {
  const scored = new Map<string, ScoredItem>();
  if (answers === null || typeof answers !== 'object') return scored;
  for (const [id, answer] of Object.entries(answers)) {
    if (answer === null || answer === undefined) continue;
    const item = items.get(id);
    if (!item) {
      tally.unknownItemAnswers++;
      continue;
    }
    const values: ScoredItem = {};
    for (const column of SERVQUAL_COLUMNS) {
      const value = answer[column];
      if (value === null || value === undefined) continue;
      if (!isScaleAnswer(value, scale)) {
        tally.invalidAnswers++;
        continue;
      }
      values[column] = item.isReversed ? scale.min + scale.max - value : value;
    }
    scored.set(id, values);
  }
  return scored;
}

/** Gap G = P − E for one item; undefined unless both were answered. */
export function gapOf(item: ScoredItem | undefined): number | undefined {
  return item?.perception !== undefined && item.expectation !== undefined ? item.perception - item.expectation : undefined;
}
