import { describe, expect, it } from 'vitest';
import { surveyDefinition } from '../../../contracts/surveys.ts';
import { checkAnswers, formFieldsToAnswers, isDissatisfied } from './survey-answers.ts';
import { defaultDefinition, kanoFeatureQuestion } from './survey-defaults.ts';
import { definitionIssues } from './survey-definition.ts';
import { SURVEY_TEXTS } from './texts/index.ts';

const csat = surveyDefinition.parse(defaultDefinition('csat', { includeCes: true }));
const nps = surveyDefinition.parse(defaultDefinition('nps'));
const servqual = surveyDefinition.parse(defaultDefinition('servqual'));
const kano = surveyDefinition.parse({ ...defaultDefinition('kano'), questions: [kanoFeatureQuestion('pickup', { en: 'same-day pickup', th: 'รับของในวันเดียวกัน' })] });

describe('default definitions', () => {
  it('every type validates and passes the definition rules', () => {
    for (const type of ['csat', 'ces', 'nps', 'servqual', 'kano', 'custom'] as const) {
      const definition = surveyDefinition.parse(defaultDefinition(type));
      expect(definitionIssues(type, definition), type).toEqual([]);
    }
  });

  it('SERVQUAL ships 22 items in five dimensions, each in expectation and perception form in all five languages', () => {
    const items = servqual.questions.filter((q) => q.kind === 'servqual');
    expect(items).toHaveLength(22);
    const perDimension: Record<string, number> = {};
    for (const item of items) perDimension[item.dimension] = (perDimension[item.dimension] ?? 0) + 1;
    expect(perDimension).toEqual({ tangibles: 4, reliability: 5, responsiveness: 4, assurance: 4, empathy: 5 });
    for (const item of items) {
      if (item.kind !== 'servqual') continue;
      expect(item.is_reversed).toBe(false);
      for (const locale of ['en', 'th', 'vi', 'cs', 'ms'] as const) {
        expect(item.expectation[locale], `${item.id} ${locale}`).toBeTruthy();
        expect(item.perception[locale], `${item.id} ${locale}`).toBeTruthy();
        expect(item.expectation[locale]).not.toBe(item.perception[locale]);
      }
    }
    // Each language is its own translation, not English copied.
    for (const locale of ['th', 'vi', 'cs', 'ms'] as const) expect(SURVEY_TEXTS[locale].servqual.items[0]).not.toEqual(SURVEY_TEXTS.en.servqual.items[0]);
  });

  it('Kano has the five answers in every language and the feature wording around the feature name', () => {
    for (const answer of ['like', 'expect', 'neutral', 'live_with', 'dislike'] as const) {
      for (const locale of ['en', 'th', 'vi', 'cs', 'ms'] as const) expect(kano.kano_answers?.[answer]?.[locale]).toBeTruthy();
    }
    const q = kano.questions[0];
    expect(q?.kind === 'kano' && q.functional.en).toBe('If same-day pickup is available, how do you feel?');
    expect(q?.kind === 'kano' && q.dysfunctional.th).toBe('หากไม่มี รับของในวันเดียวกัน คุณรู้สึกอย่างไร?');
  });
});

describe('checkAnswers', () => {
  const cases: { name: string; definition: typeof csat; raw: Record<string, unknown>; issues?: string[]; flags?: string[]; scores?: object }[] = [
    { name: 'a valid CSAT with reason and comment', definition: csat, raw: { csat: 4, reason: ['speed'], comment: ' great ' }, issues: [], scores: { csat: 4, ces: null, nps: null } },
    { name: 'CSAT out of scale names the field', definition: csat, raw: { csat: 6 }, issues: ['answers.csat:out_of_scale'] },
    { name: 'CSAT not an integer', definition: csat, raw: { csat: 4.5 }, issues: ['answers.csat:out_of_scale'] },
    { name: 'CSAT missing is required', definition: csat, raw: { comment: 'x' }, issues: ['answers.csat:required'] },
    { name: 'an unknown reason', definition: csat, raw: { csat: 3, reason: ['bribes'] }, issues: ['answers.reason:invalid_choice'] },
    { name: 'an unknown question', definition: csat, raw: { csat: 3, color: 'red' }, issues: ['answers.color:invalid_choice'] },
    { name: 'CES out of its 1–7 scale', definition: csat, raw: { csat: 3, ces: 0 }, issues: ['answers.ces:out_of_scale'] },
    { name: 'NPS 0 is valid', definition: nps, raw: { nps: 0 }, issues: [], scores: { csat: null, ces: null, nps: 0 } },
    { name: 'NPS 11', definition: nps, raw: { nps: '11' }, issues: ['answers.nps:out_of_scale'] },
    {
      name: 'SERVQUAL half the items: kept, flagged incomplete',
      definition: servqual,
      raw: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`q${i + 1}`, { expectation: 6, perception: 5 }])),
      issues: [],
      flags: ['servqual_incomplete'],
    },
    { name: 'SERVQUAL perception 8', definition: servqual, raw: { q1: { expectation: 6, perception: 8 } }, issues: ['answers.q1.perception:out_of_scale'] },
    { name: 'SERVQUAL an unknown column', definition: servqual, raw: { q1: { desire: 6 } }, issues: ['answers.q1.desire:out_of_scale'] },
    {
      name: 'allocation adding to 90 is kept and flagged',
      definition: servqual,
      raw: { weights: { tangibles: 10, reliability: 30, responsiveness: 20, assurance: 20, empathy: 10 } },
      issues: [],
      flags: ['allocation_renormalized', 'servqual_incomplete'],
    },
    { name: 'allocation with a negative value', definition: servqual, raw: { weights: { tangibles: -5, reliability: 50 } }, issues: ['answers.weights.tangibles:out_of_scale'] },
    { name: 'Kano pair', definition: kano, raw: { pickup: { functional: 'like', dysfunctional: 'dislike' } }, issues: [] },
    { name: 'Kano unknown answer', definition: kano, raw: { pickup: { functional: 'love' } }, issues: ['answers.pickup.functional:invalid_choice'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const checked = checkAnswers(c.definition, c.raw);
      expect(checked.issues.map((i) => `${i.path}:${i.kind}`)).toEqual(c.issues ?? []);
      if (c.flags) expect(checked.flags).toEqual(c.flags);
      if (c.scores) expect(checked.scores).toEqual(c.scores);
    });
  }

  it('trims the comment and keeps it as the response comment', () => {
    expect(checkAnswers(csat, { csat: 5, comment: '  thanks  ' }).comment).toBe('thanks');
  });
});

describe('formFieldsToAnswers', () => {
  it('reads scale, checkboxes, SERVQUAL parts and skips blanks', () => {
    expect(formFieldsToAnswers(csat, { 'q.csat': '2', 'q.reason': ['speed', 'knowledge'], 'q.comment': '', t: 'x' })).toEqual({ csat: '2', reason: ['speed', 'knowledge'] });
    expect(formFieldsToAnswers(servqual, { 'q.q1.expectation': '7', 'q.q1.perception': '', 'q.weights.empathy': '50' })).toEqual({
      q1: { expectation: '7' },
      weights: { empathy: '50' },
    });
  });
});

describe('isDissatisfied', () => {
  const cases: [string, { csat: number | null; ces: number | null; nps: number | null }, string | null, boolean][] = [
    ['CSAT 2', { csat: 2, ces: null, nps: null }, null, true],
    ['CSAT 3', { csat: 3, ces: null, nps: null }, null, false],
    ['CES 3', { csat: null, ces: 3, nps: null }, null, true],
    ['CES 4', { csat: null, ces: 4, nps: null }, null, false],
    ['NPS 6 with a comment', { csat: null, ces: null, nps: 6 }, 'too slow', true],
    ['NPS 6 without a comment', { csat: null, ces: null, nps: 6 }, null, false],
    ['NPS 7 with a comment', { csat: null, ces: null, nps: 7 }, 'ok', false],
  ];
  for (const [name, scores, comment, expected] of cases) {
    it(name, () => expect(isDissatisfied(csat, { scores, comment })).toBe(expected));
  }
});
