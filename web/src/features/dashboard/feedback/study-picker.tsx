import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSurveysOfType } from './feedback-api.ts';

/** The address-bar parameter that holds the chosen survey of each study screen. */
export const STUDY_PARAM = { servqual: 'servqual_survey', kano: 'kano_survey' } as const;

/** The survey chosen in the address bar, if any (the API's default otherwise). */
export function useChosenStudy(type: 'servqual' | 'kano'): string | null {
  const [params] = useSearchParams();
  const value = params.get(STUDY_PARAM[type]);
  return value && /^[0-9a-f-]{36}$/i.test(value) ? value : null;
}

/**
 * Which SERVQUAL or Kano survey a screen reads, kept in the address bar. Shown once the
 * workspace has one; `current` is the survey the API answered for (its default when none was chosen).
 */
export function StudyPicker({ type, current }: { type: 'servqual' | 'kano'; current: string | null }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const surveys = useSurveysOfType(type);
  const list = surveys.data?.data ?? [];
  if (list.length === 0) return null;
  const id = `study-${type}`;
  return (
    <span className="filter">
      <label htmlFor={id}>{t('feedbackDashboard.common.study')}</label>
      <select
        id={id}
        value={current ?? ''}
        onChange={(e) => {
          const next = new URLSearchParams(params);
          next.set(STUDY_PARAM[type], e.target.value);
          setParams(next);
        }}
      >
        {current === null && <option value="">{t('feedbackDashboard.common.studyDefault')}</option>}
        {list.map((s) => (
          <option key={s.id} value={s.id}>
            {s.active ? s.name : t('feedbackDashboard.common.inactive', { name: s.name })}
          </option>
        ))}
      </select>
    </span>
  );
}

/** A survey text in the reader's language, else English, else any. */
export function textIn(text: Record<string, string> | undefined, lang: string): string {
  if (!text) return '';
  return text[lang] ?? text.en ?? Object.values(text)[0] ?? '';
}
