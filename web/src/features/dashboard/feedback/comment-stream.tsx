import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../../lib/errors.ts';
import { formatDateTime, formatNumber } from '../../../lib/format.ts';
import { formatLocalDate } from '../kit/index.ts';
import { type CommentDto, type CommentFilters, useComments } from './feedback-api.ts';

/** The score choices of the stream, each a set of API filters. */
const SCORES: Record<string, CommentFilters> = {
  any: {},
  csatLow: { csat_max: '2' },
  csatMid: { csat_min: '3', csat_max: '3' },
  csatHigh: { csat_min: '4' },
  detractors: { nps_category: 'detractors' },
  passives: { nps_category: 'passives' },
  promoters: { nps_category: 'promoters' },
};
const SCORE_LABELS: Record<string, string> = {
  any: 'feedbackDashboard.comments.scoreAny',
  csatLow: 'feedbackDashboard.comments.csatLow',
  csatMid: 'feedbackDashboard.comments.csatMid',
  csatHigh: 'feedbackDashboard.comments.csatHigh',
  detractors: 'feedbackDashboard.comments.detractors',
  passives: 'feedbackDashboard.comments.passives',
  promoters: 'feedbackDashboard.comments.promoters',
};

/**
 * What customers wrote, newest first, under the dashboard's filters (period, channel, team,
 * agent…) plus a score band and a text search; "load more" follows the cursor. A comment links
 * to its ticket unless the survey was anonymous.
 */
export function CommentStream({ params }: { params: Record<string, string> | null }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const [form, setForm] = useState({ score: 'any', q: '' });
  const [applied, setApplied] = useState<CommentFilters>({});
  const [tooShort, setTooShort] = useState(false);
  const comments = useComments(params, applied);
  const rows = comments.data?.pages.flatMap((p) => p.data) ?? [];

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const q = form.q.trim();
    // The API searches from two characters; one would match nearly everything anyway.
    setTooShort(q.length === 1);
    if (q.length === 1) return;
    setApplied({ ...SCORES[form.score], ...(q ? { q } : {}) });
  };

  return (
    <section className="chart-card comment-stream" aria-labelledby={headingId}>
      <header className="chart-card-head">
        <h2 id={headingId}>{t('feedbackDashboard.comments.title')}</h2>
      </header>
      <p className="hint">{t('feedbackDashboard.comments.scope')}</p>
      <form className="filters" onSubmit={apply} aria-label={t('feedbackDashboard.comments.filters')}>
        <label className="filter">
          {t('feedbackDashboard.comments.score')}
          <select value={form.score} onChange={(e) => setForm({ ...form, score: e.target.value })}>
            {Object.keys(SCORES).map((key) => (
              <option key={key} value={key}>
                {t(SCORE_LABELS[key] as string)}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          {t('feedbackDashboard.comments.search')}
          <input type="search" maxLength={100} value={form.q} onChange={(e) => setForm({ ...form, q: e.target.value })} aria-invalid={tooShort || undefined} />
        </label>
        <button type="submit">{t('feedbackDashboard.comments.apply')}</button>
      </form>
      {tooShort && (
        <p className="form-error" role="alert">
          {t('feedbackDashboard.comments.tooShort')}
        </p>
      )}
      {(params === null || comments.isPending) && <p role="status">{t('common.loading')}</p>}
      {comments.isError && (
        <p role="alert" className="form-error">
          {errorMessage(t, comments.error)}
        </p>
      )}
      {comments.isSuccess && rows.length === 0 && (
        <div className="chart-state chart-empty">
          <p className="chart-empty-title">{t('feedbackDashboard.comments.emptyTitle')}</p>
          <p>{t('feedbackDashboard.comments.emptyHint')}</p>
        </div>
      )}
      {rows.length > 0 && (
        <>
          <p className="hint" role="status">
            {t('feedbackDashboard.comments.shown', { count: rows.length, n: formatNumber(rows.length, i18n.language) })}
          </p>
          <ol className="comment-list">
            {rows.map((c) => (
              <CommentItem key={c.id} comment={c} />
            ))}
          </ol>
        </>
      )}
      {comments.hasNextPage && (
        <button type="button" onClick={() => void comments.fetchNextPage()} disabled={comments.isFetchingNextPage}>
          {comments.isFetchingNextPage ? t('common.loading') : t('feedbackDashboard.comments.loadMore')}
        </button>
      )}
    </section>
  );
}

function CommentItem({ comment: c }: { comment: CommentDto }) {
  const { t, i18n } = useTranslation();
  const scores: string[] = [];
  if (c.csat !== null) scores.push(t('feedbackDashboard.comments.csatScore', { score: c.csat }));
  if (c.ces !== null) scores.push(t('feedbackDashboard.comments.cesScore', { score: c.ces }));
  if (c.nps !== null) scores.push(t('feedbackDashboard.comments.npsScore', { score: c.nps }));
  const who = [c.customer?.name, c.agent ? t('feedbackDashboard.comments.agent', { name: c.agent.name }) : null, c.team?.name, c.branch?.name, c.channel ? t(`channels.${c.channel}`, { defaultValue: c.channel }) : null].filter(
    (x): x is string => Boolean(x),
  );
  return (
    <li className="comment-item">
      <div className="comment-head">
        {scores.length > 0 && <span className="comment-score">{scores.join(' · ')}</span>}
        <span>{c.survey_name}</span>
        <span>{/* Anonymous answers keep only their day (UTC): a time would help tell who wrote them. */}
          {c.anonymous ? formatLocalDate(c.submitted_at.slice(0, 10), i18n.language) : formatDateTime(c.submitted_at, i18n.language)}</span>
      </div>
      <blockquote className="comment-text" lang={c.locale ?? undefined}>
        {c.comment}
      </blockquote>
      <div className="comment-meta">
        {who.length > 0 && <span>{who.join(' · ')}</span>}
        {c.ticket ? (
          <Link to={`/tickets/${c.ticket.id}`}>{t('feedbackDashboard.comments.ticket', { number: c.ticket.number, subject: c.ticket.subject })}</Link>
        ) : c.anonymous ? (
          <span>{t('feedbackDashboard.comments.anonymous')}</span>
        ) : (
          <span>{t('feedbackDashboard.comments.noTicket')}</span>
        )}
      </div>
    </li>
  );
}
