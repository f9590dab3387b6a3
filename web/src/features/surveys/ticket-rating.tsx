import './surveys.css';
import { useTranslation } from 'react-i18next';
import { RelativeTime } from '../../ui/relative-time.tsx';
import { useTicketRatings } from './surveys-api.ts';

/** The customer's rating of this ticket (score, comment, time), shown in the ticket view; nothing when there is none. */
export function TicketRating({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const ratings = useTicketRatings(ticketId);
  const rows = ratings.data?.data ?? [];
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="ticket-rating-title">
      <h2 id="ticket-rating-title">{t('surveys.rating.title')}</h2>
      {rows.map((r) => (
        <div className="rating" key={r.id}>
          <div className="hint">{r.survey_name}</div>
          {r.scores.map((s) => (
            <div key={s.role}>
              <span className="rating-score">{t('surveys.rating.score', { value: s.value, max: s.max })}</span> {t(`surveys.types.${s.role}`)}
            </div>
          ))}
          {r.comment && <blockquote className="rating-comment">{r.comment}</blockquote>}
          <div className="hint">
            <RelativeTime iso={r.submitted_at} />
          </div>
        </div>
      ))}
    </section>
  );
}
