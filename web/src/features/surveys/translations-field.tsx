import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, SURVEY_LANGS, type SurveyLocale, type Translations } from './survey-types.ts';

/** One text in the five languages: a fieldset with an input per language (empty: falls back to English on the page). */
export function TranslationsField({
  legend,
  value,
  onChange,
  disabled,
  multiline,
}: {
  legend: string;
  value: Translations | undefined;
  onChange: (next: Translations) => void;
  disabled?: boolean;
  multiline?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const set = (lang: SurveyLocale, text: string) => onChange({ ...(value ?? {}), [lang]: text } as Translations);
  return (
    <fieldset className="translations-field" disabled={disabled}>
      <legend>{legend}</legend>
      <div className="translations">
        {SURVEY_LANGS.map((lang) => {
          const inputId = `${id}-${lang}`;
          const text = (value as Record<string, string | undefined> | undefined)?.[lang] ?? '';
          return (
            <div className="field" key={lang}>
              <label htmlFor={inputId} lang={lang}>
                {LANGUAGE_NAMES[lang]}
              </label>
              {multiline ? (
                <textarea id={inputId} lang={lang} rows={2} value={text} onChange={(e) => set(lang, e.target.value)} maxLength={2000} />
              ) : (
                <input id={inputId} lang={lang} value={text} onChange={(e) => set(lang, e.target.value)} maxLength={2000} placeholder={lang === 'en' ? '' : t('surveys.fallsBackToEnglish')} />
              )}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** Drops empty languages (the API takes only texts that are there); undefined when none is left. */
export function cleanTranslations(t: Translations | undefined): Translations | undefined {
  if (!t) return undefined;
  const entries = Object.entries(t).filter(([, v]) => typeof v === 'string' && v.trim() !== '');
  return entries.length > 0 ? (Object.fromEntries(entries.map(([k, v]) => [k, (v as string).trim()])) as Translations) : undefined;
}
