import type { SurveyDefinition, SurveyQuestion } from '../../../contracts/surveys.ts';
import { normalizeAllocation } from '../quality/index.ts';

/**
 * Checking a respondent's answers against the survey version they answered (pure). Answers out of
 * scale, unknown choices and over-long text reject the submission, naming the field; unanswered
 * optional questions are simply absent. A SERVQUAL response with items missing is kept (flagged
 * `servqual_incomplete`); a 100-point allocation that does not add up is kept as given and flagged
 * `allocation_renormalized` (the scoring rescales it).
 */

export type AnswerIssueKind = 'required' | 'out_of_scale' | 'invalid_choice' | 'too_long';
export interface AnswerIssue {
  /** `answers.<question>` or `answers.<question>.<part>`. */
  path: string;
  questionId: string;
  kind: AnswerIssueKind;
}

export type AnswerValue = number | string | string[] | Record<string, number | string>;
export type Answers = Record<string, AnswerValue>;

export interface CheckedAnswers {
  answers: Answers;
  issues: AnswerIssue[];
  flags: string[];
  scores: { csat: number | null; ces: number | null; nps: number | null };
  comment: string | null;
}

const SERVQUAL_PARTS = { gap: ['expectation', 'perception'], three_column: ['adequate', 'desired', 'perception'] } as const;
const KANO_PARTS = ['functional', 'dysfunctional'] as const;
const KANO_VALUES = new Set(['like', 'expect', 'neutral', 'live_with', 'dislike']);

export function servqualParts(definition: SurveyDefinition): readonly string[] {
  return SERVQUAL_PARTS[definition.servqual?.form ?? 'gap'];
}

/** The parts a question's answer has (empty for single-valued questions). */
export function partsOf(question: SurveyQuestion, definition: SurveyDefinition): readonly string[] {
  if (question.kind === 'servqual') return servqualParts(definition);
  if (question.kind === 'kano') return KANO_PARTS;
  if (question.kind === 'allocation') return question.options.map((o) => o.id);
  return [];
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function toInteger(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) return Number(value);
  return undefined;
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

/**
 * Flat form fields (`q.<id>` and `q.<id>.<part>`, repeated for multiple choice) to the structured
 * shape the JSON API takes: `{ <id>: value | string[] | { <part>: value } }`.
 */
export function formFieldsToAnswers(definition: SurveyDefinition, fields: Record<string, string | string[]>): Record<string, unknown> {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const raw: Record<string, unknown> = {};
  for (const question of definition.questions) {
    const parts = partsOf(question, definition);
    if (parts.length > 0) {
      const value: Record<string, unknown> = {};
      for (const part of parts) {
        const field = first(fields[`q.${question.id}.${part}`]);
        if (!isBlank(field)) value[part] = field;
      }
      if (Object.keys(value).length > 0) raw[question.id] = value;
      continue;
    }
    const field = fields[`q.${question.id}`];
    if (question.kind === 'choice' && question.multiple) {
      const list = (Array.isArray(field) ? field : field === undefined ? [] : [field]).filter((v) => !isBlank(v));
      if (list.length > 0) raw[question.id] = list;
    } else if (!isBlank(first(field))) {
      raw[question.id] = first(field);
    }
  }
  return raw;
}

function checkScale(question: Extract<SurveyQuestion, { kind: 'scale' }>, value: unknown, out: CheckedAnswers) {
  const n = toInteger(value);
  if (n === undefined || n < question.scale.min || n > question.scale.max) {
    out.issues.push({ path: `answers.${question.id}`, questionId: question.id, kind: 'out_of_scale' });
    return;
  }
  out.answers[question.id] = n;
  if (question.role) out.scores[question.role] = n;
}

function checkParts(
  question: SurveyQuestion,
  value: unknown,
  parts: readonly string[],
  accept: (part: string, v: unknown) => number | string | undefined,
  out: CheckedAnswers,
  badKind: AnswerIssueKind,
): number {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    out.issues.push({ path: `answers.${question.id}`, questionId: question.id, kind: badKind });
    return 0;
  }
  const given: Record<string, number | string> = {};
  for (const [part, v] of Object.entries(value)) {
    if (isBlank(v)) continue;
    const accepted = parts.includes(part) ? accept(part, v) : undefined;
    if (accepted === undefined) out.issues.push({ path: `answers.${question.id}.${part}`, questionId: question.id, kind: badKind });
    else given[part] = accepted;
  }
  if (Object.keys(given).length > 0) out.answers[question.id] = given;
  return Object.keys(given).length;
}

/** Validates structured answers (JSON API, or form fields after formFieldsToAnswers) against a survey version. */
export function checkAnswers(definition: SurveyDefinition, raw: Record<string, unknown>): CheckedAnswers {
  const out: CheckedAnswers = { answers: {}, issues: [], flags: [], scores: { csat: null, ces: null, nps: null }, comment: null };
  const known = new Set(definition.questions.map((q) => q.id));
  for (const id of Object.keys(raw)) {
    if (!known.has(id)) out.issues.push({ path: `answers.${id}`, questionId: id, kind: 'invalid_choice' });
  }
  let servqualItems = 0;
  let servqualComplete = 0;
  for (const question of definition.questions) {
    const value = raw[question.id];
    const parts = partsOf(question, definition);
    if (question.kind === 'servqual') servqualItems++;
    if (isBlank(value) || (Array.isArray(value) && value.length === 0)) {
      if (question.required) out.issues.push({ path: `answers.${question.id}`, questionId: question.id, kind: 'required' });
      continue;
    }
    switch (question.kind) {
      case 'scale':
        checkScale(question, value, out);
        break;
      case 'choice': {
        const list = Array.isArray(value) ? value : [value];
        const ids = new Set(question.options.map((o) => o.id));
        if ((!question.multiple && list.length > 1) || list.some((v) => typeof v !== 'string' || !ids.has(v))) {
          out.issues.push({ path: `answers.${question.id}`, questionId: question.id, kind: 'invalid_choice' });
        } else out.answers[question.id] = question.multiple ? [...new Set(list as string[])] : (list[0] as string);
        break;
      }
      case 'text': {
        if (typeof value !== 'string') {
          out.issues.push({ path: `answers.${question.id}`, questionId: question.id, kind: 'invalid_choice' });
        } else if (value.length > question.max_length) {
          out.issues.push({ path: `answers.${question.id}`, questionId: question.id, kind: 'too_long' });
        } else {
          out.answers[question.id] = value.trim();
          if (question.comment) out.comment = value.trim();
        }
        break;
      }
      case 'servqual': {
        const scale = definition.servqual?.scale ?? { min: 1, max: 7 };
        const answered = checkParts(question, value, parts, (_p, v) => {
          const n = toInteger(v);
          return n !== undefined && n >= scale.min && n <= scale.max ? n : undefined;
        }, out, 'out_of_scale');
        if (answered === parts.length) servqualComplete++;
        break;
      }
      case 'kano':
        checkParts(question, value, parts, (_p, v) => (typeof v === 'string' && KANO_VALUES.has(v) ? v : undefined), out, 'invalid_choice');
        break;
      case 'allocation': {
        checkParts(question, value, parts, (_p, v) => {
          const n = toNumber(v);
          return n !== undefined && n >= 0 && n <= question.total ? n : undefined;
        }, out, 'out_of_scale');
        const given = out.answers[question.id] as Record<string, number> | undefined;
        if (given) {
          const sum = Object.values(given).reduce((a, b) => a + b, 0);
          if (sum === 0) out.flags.push('allocation_all_zero');
          else if (Math.abs(sum - question.total) > 1e-9) out.flags.push('allocation_renormalized');
        }
        break;
      }
    }
  }
  if (servqualItems > 0 && servqualComplete < servqualItems) out.flags.push('servqual_incomplete');
  return out;
}

/** An allocation's points rescaled to 100 (for display); the scoring library does the same. */
export function normalizedPoints(points: Record<string, number>) {
  return normalizeAllocation(points);
}

/**
 * CSAT ≤ 2, CES ≤ 3 (on CES 2.0's 1–7, higher is easier; mirrored on a reversed scale), or an NPS
 * detractor (0–6) who left a comment.
 */
export function isDissatisfied(definition: SurveyDefinition, checked: Pick<CheckedAnswers, 'scores' | 'comment'>): boolean {
  const { csat, ces, nps } = checked.scores;
  if (csat !== null && csat <= 2) return true;
  if (ces !== null) {
    const question = definition.questions.find((q) => q.kind === 'scale' && q.role === 'ces');
    const scale = question?.kind === 'scale' ? question.scale : { min: 1, max: 7, direction: 'higher_is_better' as const };
    const ease = scale.direction === 'higher_is_worse' ? scale.min + scale.max - ces : ces;
    if (ease <= scale.min + 2) return true;
  }
  return nps !== null && nps <= 6 && (checked.comment ?? '').trim() !== '';
}
