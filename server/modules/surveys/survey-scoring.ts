import type { SurveyDefinition } from '../../../contracts/surveys.ts';
import {
  cesSummary,
  csatSummary,
  type KanoAnswer,
  kanoSummary,
  npsSummary,
  SERVQUAL_DIMENSIONS,
  type ServqualDimension,
  type ServqualItem,
  type ServqualResponse,
  servqualScores,
} from '../quality/index.ts';

/**
 * Turning stored answers into scores with `gapwise/quality` (pure). Headline scores arrive as
 * counts per value (from SQL); SERVQUAL, Kano and other questions as answer objects.
 */

export type Counts = Map<number, number>;

/** The values behind a count table, for the library's summaries (which take the answers). */
export function valuesFromCounts(counts: Counts): number[] {
  const values: number[] = [];
  for (const [value, n] of counts) for (let i = 0; i < n; i++) values.push(value);
  return values;
}

const percent = (p: number | null) => (p === null ? null : 100 * p);

export function csatResult(counts: Counts) {
  const s = csatSummary(valuesFromCounts(counts));
  return {
    ...s,
    percent: percent(s.csat),
    interval_percent: s.interval ? { lower: 100 * s.interval.lower, upper: 100 * s.interval.upper } : null,
  };
}

export function cesResult(counts: Counts, definition: SurveyDefinition) {
  const q = definition.questions.find((x) => x.kind === 'scale' && x.role === 'ces');
  const scale = q?.kind === 'scale' ? q.scale : { min: 1, max: 7, direction: 'higher_is_better' as const };
  return cesSummary(valuesFromCounts(counts), {
    scale: { min: scale.min, max: scale.max, direction: scale.direction === 'higher_is_worse' ? 'higher_is_harder' : 'higher_is_easier' },
  });
}

export function npsResult(counts: Counts) {
  return npsSummary(valuesFromCounts(counts));
}

export function servqualItemsOf(definition: SurveyDefinition): ServqualItem[] {
  return definition.questions.flatMap((q) => (q.kind === 'servqual' ? [{ id: q.id, dimension: q.dimension, isReversed: q.is_reversed }] : []));
}

/** The allocation question whose options are the SERVQUAL dimensions (the importance weights), if any. */
function weightsQuestionId(definition: SurveyDefinition): string | null {
  const q = definition.questions.find(
    (x) => x.kind === 'allocation' && x.options.every((o) => (SERVQUAL_DIMENSIONS as readonly string[]).includes(o.id)),
  );
  return q?.id ?? null;
}

export function servqualResult(definition: SurveyDefinition, answers: readonly Record<string, unknown>[]) {
  const items = servqualItemsOf(definition);
  const weightsId = weightsQuestionId(definition);
  const responses: ServqualResponse[] = answers.map((a) => ({
    answers: Object.fromEntries(items.map((i) => [i.id, (a[i.id] as ServqualResponse['answers'][string]) ?? null])),
    weights: weightsId ? ((a[weightsId] as Partial<Record<ServqualDimension, number>> | undefined) ?? null) : null,
  }));
  const scale = definition.servqual?.scale ?? { min: 1, max: 7 };
  const scores = servqualScores(responses, { items, scale: { min: scale.min, max: scale.max } });
  return {
    form: definition.servqual?.form ?? 'gap',
    ...scores,
    // Dimension scores use the items each respondent answered; say how many rest on a part.
    incomplete_note: scores.dimensions.some((d) => d.incompleteRespondents > 0)
      ? 'Some respondents answered only part of a dimension; their dimension score is the mean of the items they answered.'
      : null,
  };
}

export function kanoResult(definition: SurveyDefinition, answers: readonly Record<string, unknown>[]) {
  return definition.questions.flatMap((q) => {
    if (q.kind !== 'kano') return [];
    const pairs = answers.map((a) => {
      const v = a[q.id] as { functional?: KanoAnswer; dysfunctional?: KanoAnswer } | undefined;
      return { functional: v?.functional ?? null, dysfunctional: v?.dysfunctional ?? null };
    });
    const answered = pairs.filter((p) => p.functional !== null || p.dysfunctional !== null);
    return [{ feature_id: q.id, feature: q.feature, ...kanoSummary(answered) }];
  });
}

/** Distribution of the other questions: scale means and counts, choice counts, mean allocation. */
export function questionResults(definition: SurveyDefinition, answers: readonly Record<string, unknown>[]) {
  const out: Record<string, unknown> = {};
  for (const q of definition.questions) {
    if (q.kind === 'scale') {
      const values = answers.map((a) => a[q.id]).filter((v): v is number => typeof v === 'number');
      const counts: Record<string, number> = {};
      for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
      out[q.id] = { kind: 'scale', n: values.length, mean: values.length ? values.reduce((s, v) => s + v, 0) / values.length : null, counts };
    } else if (q.kind === 'choice') {
      const counts: Record<string, number> = Object.fromEntries(q.options.map((o) => [o.id, 0]));
      let n = 0;
      for (const a of answers) {
        const v = a[q.id];
        if (v === undefined) continue;
        n++;
        for (const id of ([] as unknown[]).concat(v)) if (typeof id === 'string' && id in counts) counts[id] = (counts[id] ?? 0) + 1;
      }
      out[q.id] = { kind: 'choice', n, counts };
    } else if (q.kind === 'text') {
      out[q.id] = { kind: 'text', n: answers.filter((a) => typeof a[q.id] === 'string' && a[q.id] !== '').length };
    } else if (q.kind === 'allocation') {
      const given = answers.map((a) => a[q.id]).filter((v): v is Record<string, number> => typeof v === 'object' && v !== null);
      const mean = Object.fromEntries(q.options.map((o) => [o.id, given.length ? given.reduce((s, g) => s + (Number(g[o.id]) || 0), 0) / given.length : null]));
      out[q.id] = { kind: 'allocation', n: given.length, mean_points: mean };
    }
  }
  return out;
}
