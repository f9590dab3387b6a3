import './surveys.css';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { errorMessage, fieldIssue } from '../../lib/errors.ts';
import { Badge } from '../../ui/badge.tsx';
import { useSession } from '../session/session-api.ts';
import { useCreateSurvey, useSurveys } from './surveys-api.ts';
import { canEditSurveys, SURVEY_TYPES, type SurveyType } from './survey-types.ts';

/** Surveys and studies: the list, and (admins) a new survey from its type's default in five languages. */
export function SurveysPage() {
  const { t } = useTranslation();
  const session = useSession();
  const list = useSurveys();
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const admin = canEditSurveys(session.data?.role);

  return (
    <section className="page" aria-labelledby="surveys-title">
      <h1 id="surveys-title">{t('surveys.title')}</h1>
      <p className="hint">{t('surveys.intro')}</p>
      {admin && <NewSurveyForm />}
      {list.isPending && <p role="status">{t('common.loading')}</p>}
      {list.isError && <p role="alert" className="form-error">{errorMessage(t, list.error)}</p>}
      {list.isSuccess && rows.length === 0 && <p className="empty">{t('surveys.empty')}</p>}
      {rows.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('surveys.name')}</th>
              <th scope="col">{t('surveys.type')}</th>
              <th scope="col">{t('surveys.state')}</th>
              <th scope="col">{t('surveys.version')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link to={`/surveys/${s.id}`}>{s.name}</Link>
                </td>
                <td>{t(`surveys.types.${s.type}`)}</td>
                <td>{s.active ? <Badge kind="status-solved">{t('surveys.active')}</Badge> : <Badge kind="muted">{t('surveys.inactive')}</Badge>}</td>
                <td>{s.version}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.hasNextPage && (
        <button type="button" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {t('surveys.more')}
        </button>
      )}
    </section>
  );
}

function NewSurveyForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateSurvey();
  const [name, setName] = useState('');
  const [type, setType] = useState<SurveyType>('csat');
  const [includeCes, setIncludeCes] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), type, ...(type === 'csat' ? { include_ces: includeCes } : {}) },
      { onSuccess: (survey) => navigate(`/surveys/${survey.id}`) },
    );
  };

  return (
    <form className="inline-form" onSubmit={submit} aria-labelledby="new-survey-title">
      <h2 id="new-survey-title">{t('surveys.new')}</h2>
      <div className="form-row">
        <label className="field">
          {t('surveys.name')}
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} aria-invalid={fieldIssue(create.error, 'name') ? true : undefined} />
        </label>
        <label className="field">
          {t('surveys.type')}
          <select value={type} onChange={(e) => setType(e.target.value as SurveyType)}>
            {SURVEY_TYPES.map((v) => (
              <option key={v} value={v}>
                {t(`surveys.types.${v}`)}
              </option>
            ))}
          </select>
        </label>
        {type === 'csat' && (
          <label className="check">
            <input type="checkbox" checked={includeCes} onChange={(e) => setIncludeCes(e.target.checked)} /> {t('surveys.includeCes')}
          </label>
        )}
        <button type="submit" className="button-primary" disabled={create.isPending || !name.trim()}>
          {t('surveys.create')}
        </button>
      </div>
      <p className="hint">{t('surveys.defaultsHint')}</p>
      {create.isError && <p role="alert" className="form-error">{errorMessage(t, create.error)}</p>}
    </form>
  );
}
