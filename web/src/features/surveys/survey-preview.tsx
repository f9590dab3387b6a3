import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, SURVEY_LANGS, type Survey, type SurveyLocale } from './survey-types.ts';

/**
 * The real response page (the server's own renderer) in each language, in a sandboxed frame:
 * no script, and its form cannot be sent (nothing is recorded from a preview).
 */
export function SurveyPreview({ survey }: { survey: Survey }) {
  const { t, i18n } = useTranslation();
  const [lang, setLang] = useState<SurveyLocale>(() => (SURVEY_LANGS as readonly string[]).includes(i18n.language) ? (i18n.language as SurveyLocale) : 'en');
  return (
    <section aria-labelledby="preview-title">
      <h2 id="preview-title">{t('surveys.preview.title')}</h2>
      <fieldset className="form-row" style={{ border: 0, padding: 0 }}>
        <legend className="visually-hidden">{t('surveys.preview.language')}</legend>
        {SURVEY_LANGS.map((l) => (
          <label key={l} className="check" lang={l}>
            <input type="radio" name="preview-lang" value={l} checked={lang === l} onChange={() => setLang(l)} /> {LANGUAGE_NAMES[l]}
          </label>
        ))}
      </fieldset>
      <p className="hint">{t('surveys.preview.hint')}</p>
      <iframe
        key={`${lang}-${survey.version}`}
        className="preview-frame"
        title={t('surveys.preview.frameTitle', { language: LANGUAGE_NAMES[lang] })}
        src={`/api/v1/surveys/${survey.id}/preview?locale=${lang}&version=${survey.version}`}
        sandbox=""
      />
    </section>
  );
}
