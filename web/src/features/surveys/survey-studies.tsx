import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { nameOf, useBranches, useTiers } from '../../lib/reference-data.ts';
import { type Audience, AudiencePicker } from './audience-picker.tsx';
import { useLaunchStudy, useOrganizations, useStudies } from './surveys-api.ts';
import type { Study, Survey } from './survey-types.ts';

/** Studies and scheduled runs with their progress; admins start a study for an audience until a date. */
export function SurveyStudies({ survey, editable }: { survey: Survey; editable: boolean }) {
  const { t } = useTranslation();
  const studies = useStudies(survey.id);
  const rows = studies.data?.data ?? [];
  return (
    <section aria-labelledby="studies-title">
      <h2 id="studies-title">{t('surveys.studies.title')}</h2>
      <p className="hint">{t('surveys.studies.hint')}</p>
      {editable && <NewStudyForm survey={survey} />}
      {studies.isPending && <p role="status">{t('common.loading')}</p>}
      {studies.isError && <p role="alert" className="form-error">{errorMessage(t, studies.error)}</p>}
      {studies.isSuccess && rows.length === 0 && <p className="empty">{t('surveys.studies.empty')}</p>}
      {rows.length > 0 && (
        <table className="data-table">
          <caption className="visually-hidden">{t('surveys.studies.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('surveys.studies.started')}</th>
              <th scope="col">{t('surveys.studies.kind')}</th>
              <th scope="col">{t('surveys.studies.audience')}</th>
              <th scope="col">{t('surveys.studies.closes')}</th>
              <th scope="col">{t('surveys.studies.invited')}</th>
              <th scope="col">{t('surveys.studies.sent')}</th>
              <th scope="col">{t('surveys.studies.opened')}</th>
              <th scope="col">{t('surveys.studies.answered')}</th>
              <th scope="col">{t('surveys.studies.reminded')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <StudyRow key={s.id} study={s} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function StudyRow({ study }: { study: Study }) {
  const { t, i18n } = useTranslation();
  const tiers = useTiers();
  const organizations = useOrganizations();
  const branches = useBranches();
  const p = study.progress;
  const a = study.audience as { tier_ids?: string[]; organization_ids?: string[]; branch_ids?: string[]; sample_size?: number };
  const names = [
    ...(a.tier_ids ?? []).map((id) => nameOf(tiers.data, id) ?? id),
    ...(a.organization_ids ?? []).map((id) => nameOf(organizations.data, id) ?? id),
    ...(a.branch_ids ?? []).map((id) => nameOf(branches.data, id) ?? id),
  ];
  const n = (v: number) => formatNumber(v, i18n.language);
  const rate = p.sent > 0 ? Math.round((100 * p.answered) / p.sent) : 0;
  return (
    <tr>
      <td>{formatDateTime(study.created_at, i18n.language)}</td>
      <td>{t(study.kind === 'schedule' ? 'surveys.studies.kindSchedule' : 'surveys.studies.kindStudy')}</td>
      <td>
        {names.length > 0 ? names.join(', ') : t('surveys.studies.everyone')}
        {a.sample_size ? ` · ${t('surveys.studies.sample', { count: a.sample_size })}` : ''}
      </td>
      <td>{study.closes_at ? formatDateTime(study.closes_at, i18n.language) : '—'}</td>
      <td>{n(p.invited)}</td>
      <td>{n(p.sent)}</td>
      <td>{n(p.opened)}</td>
      <td className="progress-cell">
        <progress max={Math.max(1, p.sent)} value={p.answered} aria-label={t('surveys.studies.answeredOfSent', { answered: p.answered, sent: p.sent })} />
        {n(p.answered)} ({rate}%)
      </td>
      <td>{n(p.reminded)}</td>
    </tr>
  );
}

/** A date two weeks ahead, as a datetime-local value in the browser's zone. */
function twoWeeksAhead(): string {
  const d = new Date(Date.now() + 14 * 86_400_000);
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

function NewStudyForm({ survey }: { survey: Survey }) {
  const { t } = useTranslation();
  const launch = useLaunchStudy(survey.id);
  const [audience, setAudience] = useState<Audience>({ tier_ids: [], organization_ids: [], branch_ids: [] });
  const [sample, setSample] = useState(100);
  const [closes, setCloses] = useState(twoWeeksAhead);
  const [remind, setRemind] = useState(7);
  const [done, setDone] = useState<number | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    launch.mutate(
      { audience: { tier_ids: audience.tier_ids, organization_ids: audience.organization_ids, branch_ids: audience.branch_ids ?? [], sample_size: sample }, closes_at: new Date(closes).toISOString(), remind_after_days: remind },
      { onSuccess: (r) => setDone(r.invited) },
    );
  };
  return (
    <form className="inline-form survey-form" onSubmit={submit} aria-labelledby="new-study-title">
      <h3 id="new-study-title">{t('surveys.studies.new')}</h3>
      <AudiencePicker value={audience} onChange={setAudience} withBranches />
      <div className="form-grid">
        <label className="field">
          {t('surveys.settings.sampleSize')}
          <input type="number" min={1} max={10_000} value={sample} onChange={(e) => setSample(Math.max(1, Math.trunc(Number(e.target.value) || 1)))} />
        </label>
        <label className="field">
          {t('surveys.studies.closesAt')}
          <input type="datetime-local" value={closes} onChange={(e) => setCloses(e.target.value)} required />
        </label>
        <label className="field">
          {t('surveys.studies.remindAfter')}
          <input type="number" min={1} max={90} value={remind} onChange={(e) => setRemind(Math.max(1, Math.trunc(Number(e.target.value) || 1)))} />
        </label>
      </div>
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={launch.isPending}>
          {t('surveys.studies.start')}
        </button>
        {done !== null && <span role="status">{t('surveys.studies.startedInvited', { count: done })}</span>}
        {launch.isError && <span role="alert" className="form-error">{errorMessage(t, launch.error)}</span>}
      </div>
    </form>
  );
}
