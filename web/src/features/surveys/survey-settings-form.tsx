import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.ts';
import { useAgents } from '../../lib/reference-data.ts';
import { AudiencePicker } from './audience-picker.tsx';
import { useUpdateSurvey } from './surveys-api.ts';
import { FOLLOWUP_ACTIONS, type Survey, type SurveySettings } from './survey-types.ts';

const num = (v: string, fallback: number) => (v.trim() === '' || Number.isNaN(Number(v)) ? fallback : Math.trunc(Number(v)));

/** Name, state and settings: anonymity, edit window, CSAT/CES dispatch, NPS schedule and targeting, follow-up. */
export function SurveySettingsForm({ survey, editable }: { survey: Survey; editable: boolean }) {
  const { t } = useTranslation();
  const update = useUpdateSurvey(survey.id);
  const agents = useAgents();
  const [name, setName] = useState(survey.name);
  const [active, setActive] = useState(survey.active);
  const [s, setS] = useState<SurveySettings>(survey.settings as unknown as SurveySettings);
  const [saved, setSaved] = useState(false);
  const afterSolve = survey.type === 'csat' || survey.type === 'ces';
  const scheduled = survey.type === 'nps' || survey.type === 'custom';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    update.mutate({ name: name.trim(), active, settings: s }, { onSuccess: () => setSaved(true) });
  };
  const numberField = (label: string, value: number, set: (n: number) => void, min: number, max: number, hint?: string) => (
    <label className="field">
      {label}
      <input type="number" min={min} max={max} value={value} onChange={(e) => set(num(e.target.value, value))} />
      {hint && <span className="hint">{hint}</span>}
    </label>
  );

  return (
    <form className="survey-form" onSubmit={submit} aria-label={t('surveys.tabs.settings')}>
      <fieldset disabled={!editable}>
        <legend>{t('surveys.settings.general')}</legend>
        <div className="form-grid">
          <label className="field">
            {t('surveys.name')}
            <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
          </label>
          {numberField(t('surveys.settings.editWindow'), s.edit_window_minutes, (n) => setS({ ...s, edit_window_minutes: n }), 0, 43_200)}
          {numberField(t('surveys.settings.ttl'), s.invitation_ttl_days, (n) => setS({ ...s, invitation_ttl_days: n }), 1, 365)}
        </div>
        <label className="check">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> {t('surveys.active')}
        </label>
        <label className="check">
          <input type="checkbox" checked={s.anonymous} onChange={(e) => setS({ ...s, anonymous: e.target.checked })} /> {t('surveys.settings.anonymous')}
        </label>
        <p className="hint">{t('surveys.settings.anonymousHint')}</p>
      </fieldset>

      {afterSolve && (
        <fieldset disabled={!editable}>
          <legend>{t('surveys.settings.afterSolve')}</legend>
          <label className="check">
            <input type="checkbox" checked={s.send_after_solved.enabled} onChange={(e) => setS({ ...s, send_after_solved: { ...s.send_after_solved, enabled: e.target.checked } })} />{' '}
            {t('surveys.settings.sendAfterSolved')}
          </label>
          <div className="form-grid">
            {numberField(t('surveys.settings.delay'), s.send_after_solved.delay_minutes, (n) => setS({ ...s, send_after_solved: { ...s.send_after_solved, delay_minutes: n } }), 0, 43_200)}
            {numberField(
              t('surveys.settings.customerThrottle'),
              s.send_after_solved.customer_throttle_days,
              (n) => setS({ ...s, send_after_solved: { ...s.send_after_solved, customer_throttle_days: n } }),
              0,
              365,
              t('surveys.settings.customerThrottleHint'),
            )}
          </div>
          <p className="hint">{t('surveys.settings.afterSolveHint')}</p>
        </fieldset>
      )}

      {scheduled && (
        <fieldset disabled={!editable}>
          <legend>{t('surveys.settings.schedule')}</legend>
          <label className="check">
            <input type="checkbox" checked={s.schedule.enabled} onChange={(e) => setS({ ...s, schedule: { ...s.schedule, enabled: e.target.checked } })} /> {t('surveys.settings.scheduleEnabled')}
          </label>
          <div className="form-grid">
            {numberField(t('surveys.settings.everyDays'), s.schedule.every_days, (n) => setS({ ...s, schedule: { ...s.schedule, every_days: n } }), 1, 366)}
            {numberField(t('surveys.settings.sampleSize'), s.schedule.sample_size, (n) => setS({ ...s, schedule: { ...s.schedule, sample_size: n } }), 1, 10_000)}
            {numberField(t('surveys.settings.throttleDays'), s.schedule.throttle_days, (n) => setS({ ...s, schedule: { ...s.schedule, throttle_days: n } }), 0, 3650)}
          </div>
          <AudiencePicker
            value={{ tier_ids: s.schedule.tier_ids, organization_ids: s.schedule.organization_ids }}
            onChange={(a) => setS({ ...s, schedule: { ...s.schedule, tier_ids: a.tier_ids, organization_ids: a.organization_ids } })}
            disabled={!editable}
          />
        </fieldset>
      )}

      <fieldset disabled={!editable}>
        <legend>{t('surveys.settings.followup')}</legend>
        <div className="form-grid">
          <label className="field">
            {t('surveys.settings.followupAction')}
            <select value={s.followup.action} onChange={(e) => setS({ ...s, followup: { ...s.followup, action: e.target.value as SurveySettings['followup']['action'] } })}>
              {FOLLOWUP_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {t(`surveys.followup.${a}`)}
                </option>
              ))}
            </select>
          </label>
          {s.followup.action === 'ticket_for_lead' && (
            <label className="field">
              {t('surveys.settings.lead')}
              <select value={s.followup.lead_user_id ?? ''} onChange={(e) => setS({ ...s, followup: { ...s.followup, lead_user_id: e.target.value || null } })}>
                <option value="">{t('surveys.settings.noLead')}</option>
                {(agents.data ?? []).map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        <p className="hint">{t('surveys.settings.followupHint')}</p>
      </fieldset>

      {editable && (
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={update.isPending}>
            {t('surveys.save')}
          </button>
          {saved && <span role="status">{t('surveys.saved')}</span>}
          {update.isError && <span role="alert" className="form-error">{errorMessage(t, update.error)}</span>}
        </div>
      )}
    </form>
  );
}
