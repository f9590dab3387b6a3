import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { nameOf, useAgents, useTeams } from '../../lib/reference-data.ts';
import { CHANNELS } from '../../lib/types.ts';
import { type ResponseFilters, useResponses } from './surveys-api.ts';
import type { Survey, SurveyResponse } from './survey-types.ts';

/** A local date input ("YYYY-MM-DD") as the instant its day starts in the browser's zone. */
const dayStart = (date: string, plusDays = 0) => {
  const d = new Date(`${date}T00:00:00`);
  d.setDate(d.getDate() + plusDays);
  return d.toISOString();
};

/** Responses with their comments, newest first, 25 a page, with filters. */
export function SurveyResponses({ survey }: { survey: Survey }) {
  const { t, i18n } = useTranslation();
  const teams = useTeams();
  const agents = useAgents();
  const [form, setForm] = useState({ from: '', to: '', team: '', agent: '', channel: '', comment: '', min: '', max: '' });
  const [filters, setFilters] = useState<ResponseFilters>({});
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const page = useResponses(survey.id, filters, cursor);
  const rows = page.data?.data ?? [];

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const f: ResponseFilters = {};
    if (form.from) f.from = dayStart(form.from);
    if (form.to) f.to = dayStart(form.to, 1);
    if (form.team) f.team_id = form.team;
    if (form.agent) f.agent_id = form.agent;
    if (form.channel) f.channel = form.channel;
    if (form.comment === 'true' || form.comment === 'false') f.with_comment = form.comment;
    if (form.min !== '') f.score_min = Number(form.min);
    if (form.max !== '') f.score_max = Number(form.max);
    setFilters(f);
    setCursors([null]);
  };
  const field = (key: keyof typeof form) => ({ value: form[key], onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }) });

  return (
    <section aria-labelledby="responses-title">
      <h2 id="responses-title">{t('surveys.responses.title')}</h2>
      <form className="filters" onSubmit={apply} aria-label={t('surveys.responses.filters')}>
        <label className="filter">
          {t('surveys.responses.from')}
          <input type="date" {...field('from')} />
        </label>
        <label className="filter">
          {t('surveys.responses.to')}
          <input type="date" {...field('to')} />
        </label>
        <label className="filter">
          {t('fields.team')}
          <select {...field('team')}>
            <option value="">{t('surveys.responses.any')}</option>
            {(teams.data ?? []).map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          {t('surveys.responses.agent')}
          <select {...field('agent')}>
            <option value="">{t('surveys.responses.any')}</option>
            {(agents.data ?? []).map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          {t('fields.channel')}
          <select {...field('channel')}>
            <option value="">{t('surveys.responses.any')}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`channels.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          {t('surveys.responses.scoreMin')}
          <input type="number" min={-10} max={100} size={4} {...field('min')} />
        </label>
        <label className="filter">
          {t('surveys.responses.scoreMax')}
          <input type="number" min={-10} max={100} size={4} {...field('max')} />
        </label>
        <label className="filter">
          {t('surveys.responses.comment')}
          <select {...field('comment')}>
            <option value="">{t('surveys.responses.any')}</option>
            <option value="true">{t('surveys.responses.withComment')}</option>
            <option value="false">{t('surveys.responses.withoutComment')}</option>
          </select>
        </label>
        <button type="submit">{t('surveys.responses.apply')}</button>
      </form>
      {page.isPending && <p role="status">{t('common.loading')}</p>}
      {page.isError && <p role="alert" className="form-error">{errorMessage(t, page.error)}</p>}
      {page.isSuccess && rows.length === 0 && <p className="empty">{t('surveys.responses.empty')}</p>}
      {rows.length > 0 && (
        <table className="data-table">
          <caption className="visually-hidden">{t('surveys.responses.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('surveys.responses.submitted')}</th>
              <th scope="col">{t('surveys.responses.score')}</th>
              <th scope="col">{t('surveys.responses.comment')}</th>
              <th scope="col">{t('surveys.responses.ticket')}</th>
              <th scope="col">{t('fields.team')}</th>
              <th scope="col">{t('surveys.responses.agent')}</th>
              <th scope="col">{t('fields.channel')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{formatDateTime(r.submitted_at, i18n.language)}</td>
                <td>{scoreText(t, r)}</td>
                <td className="comment-cell">{r.comment ?? ''}</td>
                <td>{r.ticket_id ? <Link to={`/tickets/${r.ticket_id}`}>{t('surveys.responses.openTicket')}</Link> : survey.settings.anonymous ? t('surveys.responses.anonymous') : '—'}</td>
                <td>{nameOf(teams.data, r.team_id) ?? '—'}</td>
                <td>{nameOf(agents.data, r.agent_id) ?? '—'}</td>
                <td>{r.channel ? t(`channels.${r.channel}`, { defaultValue: r.channel }) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="pager">
        <button type="button" disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          {t('surveys.responses.newer')}
        </button>
        <button type="button" disabled={!page.data?.next_cursor} onClick={() => page.data?.next_cursor && setCursors([...cursors, page.data.next_cursor])}>
          {t('surveys.responses.older')}
        </button>
      </div>
    </section>
  );
}

function scoreText(t: (key: string, options?: Record<string, unknown>) => string, r: SurveyResponse): string {
  const parts: string[] = [];
  if (r.csat !== null) parts.push(t('surveys.responses.csatScore', { score: r.csat }));
  if (r.ces !== null) parts.push(t('surveys.responses.cesScore', { score: r.ces }));
  if (r.nps !== null) parts.push(t('surveys.responses.npsScore', { score: r.nps }));
  return parts.length > 0 ? parts.join(' · ') : '—';
}
