import './surveys.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useNavigate, useParams } from 'react-router';
import { errorMessage } from '../../lib/errors.ts';
import { Badge } from '../../ui/badge.tsx';
import { useSession } from '../session/session-api.ts';
import { SurveyPreview } from './survey-preview.tsx';
import { SurveyQuestionsForm } from './survey-questions-form.tsx';
import { SurveyResponses } from './survey-responses.tsx';
import { SurveySettingsForm } from './survey-settings-form.tsx';
import { SurveyStudies } from './survey-studies.tsx';
import { useDeleteSurvey, useSurvey } from './surveys-api.ts';
import { canEditSurveys } from './survey-types.ts';

const TABS = ['settings', 'questions', 'preview', 'studies', 'responses'] as const;
type Tab = (typeof TABS)[number];

/** One survey: settings, questions in five languages, preview, studies with progress, responses. */
export function SurveyPage() {
  const { t } = useTranslation();
  const { id = '', tab: rawTab } = useParams();
  const tab: Tab = (TABS as readonly string[]).includes(rawTab ?? '') ? (rawTab as Tab) : 'settings';
  const survey = useSurvey(id);
  const session = useSession();
  const editable = canEditSurveys(session.data?.role);

  if (survey.isPending) return <p className="page-message" role="status">{t('common.loading')}</p>;
  if (survey.isError) return <p className="page-message form-error" role="alert">{errorMessage(t, survey.error)}</p>;
  const s = survey.data;

  return (
    <section className="page" aria-labelledby="survey-title">
      <p>
        <Link to="/surveys">{t('surveys.back')}</Link>
      </p>
      <div className="survey-head">
        <h1 id="survey-title">{s.name}</h1>
        <Badge kind="muted">{t(`surveys.types.${s.type}`)}</Badge>
        <span className="hint">{t('surveys.versionN', { version: s.version })}</span>
        {s.active ? <Badge kind="status-solved">{t('surveys.active')}</Badge> : <Badge kind="muted">{t('surveys.inactive')}</Badge>}
        {!editable && <span className="hint">{t('surveys.readOnly')}</span>}
      </div>
      <nav aria-label={t('surveys.sections')}>
        <ul className="survey-tabs">
          {TABS.map((name) => (
            <li key={name}>
              <NavLink to={`/surveys/${s.id}/${name}`} aria-current={tab === name ? 'page' : undefined}>
                {t(`surveys.tabs.${name}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      {tab === 'settings' && <SurveySettingsForm key={s.id} survey={s} editable={editable} />}
      {tab === 'questions' && <SurveyQuestionsForm key={s.id} survey={s} editable={editable} />}
      {tab === 'preview' && <SurveyPreview survey={s} />}
      {tab === 'studies' && <SurveyStudies survey={s} editable={editable} />}
      {tab === 'responses' && <SurveyResponses survey={s} />}
      {tab === 'settings' && editable && <DeleteSurvey id={s.id} />}
    </section>
  );
}

function DeleteSurvey({ id }: { id: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const remove = useDeleteSurvey(id);
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="form-actions">
      {!confirming ? (
        <button type="button" onClick={() => setConfirming(true)}>
          {t('surveys.delete')}
        </button>
      ) : (
        <>
          <span>{t('surveys.deleteConfirm')}</span>
          <button type="button" className="button-primary" onClick={() => remove.mutate(undefined, { onSuccess: () => navigate('/surveys') })} disabled={remove.isPending}>
            {t('surveys.deleteYes')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('surveys.cancel')}
          </button>
        </>
      )}
      {remove.isError && <span role="alert" className="form-error">{errorMessage(t, remove.error)}</span>}
    </div>
  );
}
