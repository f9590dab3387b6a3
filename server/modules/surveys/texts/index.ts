import { SURVEY_LOCALES, type SurveyLocale, type Translations } from '../../../../contracts/surveys.ts';
import { cs } from './cs.ts';
import { en } from './en.ts';
import { ms } from './ms.ts';
import { th } from './th.ts';
import type { SurveyTexts } from './types.ts';
import { vi } from './vi.ts';

export type { SurveyTexts } from './types.ts';

export const SURVEY_TEXTS: Readonly<Record<SurveyLocale, SurveyTexts>> = { en, th, vi, cs, ms };

export function isSurveyLocale(value: unknown): value is SurveyLocale {
  return typeof value === 'string' && (SURVEY_LOCALES as readonly string[]).includes(value);
}

/** The same text in all five languages, picked from each language's table. */
export function allLocales(pick: (texts: SurveyTexts) => string): Translations {
  return Object.fromEntries(SURVEY_LOCALES.map((l) => [l, pick(SURVEY_TEXTS[l])])) as Translations;
}

/**
 * The language to show: the customer's, else the workspace default, else English — among those
 * the survey has text for (its title decides), else the first language it has.
 */
export function pickLocale(available: Translations, wanted: readonly (string | null | undefined)[]): SurveyLocale {
  for (const candidate of [...wanted, 'en']) {
    if (isSurveyLocale(candidate) && available[candidate] !== undefined) return candidate;
  }
  return SURVEY_LOCALES.find((l) => available[l] !== undefined) ?? 'en';
}

/** The text in `locale`, falling back to English, then to any language given. */
export function textIn(t: Translations | undefined, locale: SurveyLocale): string {
  if (!t) return '';
  return t[locale] ?? t.en ?? Object.values(t).find((v) => v !== undefined) ?? '';
}

export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
