/**
 * Types of the survey screens, inferred from the shared contracts (type-only imports: no zod code
 * reaches the browser), and the values the forms offer, checked against them.
 */
import type { z } from 'zod';
import type {
  createStudyBody,
  invitationDto,
  responseDto,
  resultsDto,
  studyDto,
  SurveyDefinition,
  SurveyLocale,
  SurveyQuestion,
  SurveySettings,
  SurveyType,
  surveyDto,
  TicketRatingDto,
  Translations,
} from '../../../../contracts/surveys.ts';

export type { SurveyDefinition, SurveyLocale, SurveyQuestion, SurveySettings, SurveyType, TicketRatingDto, Translations };
export type Survey = z.infer<typeof surveyDto>;
export type Study = z.infer<typeof studyDto>;
export type NewStudy = z.input<typeof createStudyBody>;
export type Invitation = z.infer<typeof invitationDto>;
export type SurveyResponse = z.infer<typeof responseDto>;
export type SurveyResults = z.infer<typeof resultsDto>;

export const SURVEY_TYPES = ['csat', 'ces', 'nps', 'servqual', 'kano', 'custom'] as const satisfies readonly SurveyType[];
export const SURVEY_LANGS = ['en', 'th', 'vi', 'cs', 'ms'] as const satisfies readonly SurveyLocale[];
export const FOLLOWUP_ACTIONS = ['none', 'reopen', 'ticket_for_lead'] as const satisfies readonly SurveySettings['followup']['action'][];
export const QUESTION_KINDS = ['scale', 'choice', 'text', 'servqual', 'kano', 'allocation'] as const satisfies readonly SurveyQuestion['kind'][];

type Complete<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
export const SURVEY_LISTS_ARE_COMPLETE: [
  Complete<SurveyType, (typeof SURVEY_TYPES)[number]>,
  Complete<SurveyLocale, (typeof SURVEY_LANGS)[number]>,
  Complete<SurveySettings['followup']['action'], (typeof FOLLOWUP_ACTIONS)[number]>,
  Complete<SurveyQuestion['kind'], (typeof QUESTION_KINDS)[number]>,
] = [true, true, true, true];

/** Each language named in itself (the same in every UI language). */
export const LANGUAGE_NAMES: Record<SurveyLocale, string> = { en: 'English', th: 'ไทย', vi: 'Tiếng Việt', cs: 'Čeština', ms: 'Bahasa Melayu' };

/** The text in `lang`, else English, else any. */
export function textOf(t: Translations | undefined, lang: string): string {
  if (!t) return '';
  return (t as Record<string, string | undefined>)[lang] ?? t.en ?? Object.values(t).find((v) => v !== undefined) ?? '';
}

/** Owners and admins define surveys; supervisors read them (the server refuses everyone else anyway). */
export const canEditSurveys = (role: string | undefined) => role === 'owner' || role === 'admin';
export const canReadSurveys = (role: string | undefined) => role === 'owner' || role === 'admin' || role === 'supervisor';
