import type { SurveyDefinition, SurveyQuestion, SurveySettings, SurveyType, Translations } from '../../../contracts/surveys.ts';
import { DEFAULT_SERVQUAL_ITEMS, KANO_ANSWERS, SERVQUAL_DIMENSIONS } from '../quality/index.ts';
import { en } from './texts/en.ts';
import { allLocales, type SurveyTexts } from './texts/index.ts';

/**
 * The default definition of each survey type, in all five languages (pure). SERVQUAL: the 22
 * positively worded items of the 1991 revision (q1–q22: tangibles 4, reliability 5,
 * responsiveness 4, assurance 4, empathy 5) in expectation and perception form on 1–7, with the
 * 100-point importance allocation. Kano: the five answers; its features are defined per study.
 */

/** Scale labels keyed by value; every language has the same number of labels (English gives the count). */
const labelsFrom = (pick: (t: SurveyTexts) => readonly string[], first: number) =>
  Object.fromEntries(pick(en).map((_, i) => [String(first + i), allLocales((t) => pick(t)[i] as string)]));

function csatQuestions(): SurveyQuestion[] {
  const reasons = ['speed', 'friendliness', 'knowledge', 'resolution', 'communication', 'other'] as const;
  return [
    {
      id: 'csat',
      kind: 'scale',
      role: 'csat',
      required: true,
      text: allLocales((t) => t.csat.question),
      scale: { min: 1, max: 5, direction: 'higher_is_better', labels: labelsFrom((t) => t.csat.labels, 1) },
    },
    {
      id: 'reason',
      kind: 'choice',
      required: false,
      multiple: true,
      text: allLocales((t) => t.csat.reason_question),
      options: reasons.map((id) => ({ id, text: allLocales((t) => t.csat.reasons[id]) })),
    },
  ];
}

function cesQuestion(required: boolean): SurveyQuestion {
  return {
    id: 'ces',
    kind: 'scale',
    role: 'ces',
    required,
    text: allLocales((t) => t.ces.question),
    scale: { min: 1, max: 7, direction: 'higher_is_better', labels: labelsFrom((t) => t.ces.labels, 1) },
  };
}

function commentQuestion(text: Translations): SurveyQuestion {
  return { id: 'comment', kind: 'text', required: false, max_length: 4000, comment: true, text };
}

function servqualQuestions(): SurveyQuestion[] {
  const items: SurveyQuestion[] = DEFAULT_SERVQUAL_ITEMS.map((item, index) => ({
    id: item.id,
    kind: 'servqual',
    dimension: item.dimension,
    is_reversed: item.isReversed,
    required: false,
    expectation: allLocales((t) => (t.servqual.items[index] as readonly [string, string])[0]),
    perception: allLocales((t) => (t.servqual.items[index] as readonly [string, string])[1]),
  }));
  items.push({
    id: 'weights',
    kind: 'allocation',
    required: false,
    total: 100,
    text: allLocales((t) => t.servqual.allocation),
    options: SERVQUAL_DIMENSIONS.map((d) => ({ id: d, text: allLocales((t) => t.servqual.dimensions[d]) })),
  });
  return items;
}

export function defaultDefinition(type: SurveyType, options: { includeCes?: boolean } = {}): SurveyDefinition {
  switch (type) {
    case 'csat':
      return {
        title: allLocales((t) => t.csat.title),
        questions: [...csatQuestions(), ...(options.includeCes ? [cesQuestion(false)] : []), commentQuestion(allLocales((t) => t.csat.comment))],
      };
    case 'ces':
      return { title: allLocales((t) => t.ces.title), questions: [cesQuestion(true), commentQuestion(allLocales((t) => t.csat.comment))] };
    case 'nps':
      return {
        title: allLocales((t) => t.nps.title),
        questions: [
          {
            id: 'nps',
            kind: 'scale',
            role: 'nps',
            required: true,
            text: allLocales((t) => t.nps.question),
            scale: { min: 0, max: 10, direction: 'higher_is_better', labels: { '0': allLocales((t) => t.nps.low), '10': allLocales((t) => t.nps.high) } },
          },
          commentQuestion(allLocales((t) => t.nps.comment)),
        ],
      };
    case 'servqual':
      return {
        title: allLocales((t) => t.servqual.title),
        intro: allLocales((t) => t.servqual.intro),
        questions: [...servqualQuestions(), commentQuestion(allLocales((t) => t.csat.comment))],
        servqual: {
          form: 'gap',
          scale: { min: 1, max: 7, direction: 'higher_is_better', labels: { '1': allLocales((t) => t.servqual.scale_low), '7': allLocales((t) => t.servqual.scale_high) } },
          column_labels: {
            expectation: allLocales((t) => t.servqual.columns.expectation),
            perception: allLocales((t) => t.servqual.columns.perception),
            adequate: allLocales((t) => t.servqual.columns.adequate),
            desired: allLocales((t) => t.servqual.columns.desired),
          },
        },
      };
    case 'kano':
      return {
        title: allLocales((t) => t.kano.title),
        intro: allLocales((t) => t.kano.intro),
        questions: [],
        kano_answers: Object.fromEntries(KANO_ANSWERS.map((a) => [a, allLocales((t) => t.kano.answers[a])])) as SurveyDefinition['kano_answers'],
      };
    case 'custom':
      return { title: allLocales((t) => t.custom.title), questions: [] };
  }
}

/** A Kano feature question with the default functional/dysfunctional wording around the feature name. */
export function kanoFeatureQuestion(id: string, feature: Translations): SurveyQuestion {
  const around = (pick: (t: SurveyTexts) => string) =>
    Object.fromEntries(
      Object.entries(allLocales(pick)).map(([locale, template]) => [locale, template.replace('{feature}', (feature as Record<string, string>)[locale] ?? feature.en ?? '')]),
    ) as Translations;
  return { id, kind: 'kano', required: false, feature, functional: around((t) => t.kano.functional), dysfunctional: around((t) => t.kano.dysfunctional) };
}

export const DEFAULT_SETTINGS: SurveySettings = {
  anonymous: false,
  edit_window_minutes: 1440,
  invitation_ttl_days: 30,
  send_after_solved: { enabled: false, delay_minutes: 60, customer_throttle_days: 0 },
  schedule: { enabled: false, every_days: 30, sample_size: 100, throttle_days: 90, tier_ids: [], organization_ids: [] },
  followup: { action: 'none', lead_user_id: null },
};

/** Settings merged over the defaults (nested objects merged one level deep). */
export function mergeSettings(base: SurveySettings, patch: Partial<SurveySettings> | undefined): SurveySettings {
  if (!patch) return base;
  return {
    ...base,
    ...patch,
    send_after_solved: { ...base.send_after_solved, ...(patch.send_after_solved ?? {}) },
    schedule: { ...base.schedule, ...(patch.schedule ?? {}) },
    followup: { ...base.followup, ...(patch.followup ?? {}) },
  };
}
