import { useTranslation } from 'react-i18next';
import { formatDateTime, formatDuration } from '../../lib/format.ts';
import type { Ticket } from '../../lib/types.ts';
import { useNow } from '../../ui/relative-time.tsx';

/**
 * The ticket's SLA clocks with the time left. Business-time remainders come from the server
 * (refreshed with the ticket); paused clocks show their frozen remainder.
 */
export function SlaTimers({ sla }: { sla: Ticket['sla'] }) {
  const { t, i18n } = useTranslation();
  const now = useNow(30_000);
  const clocks = sla.clocks.filter((c) => c.state !== 'cancelled');

  return (
    <section aria-labelledby="sla-title">
      <h2 id="sla-title">{t('sla.title')}</h2>
      {sla.error && <p className="form-error">{t('sla.error')}</p>}
      {clocks.length === 0 ? (
        <p className="hint">{t('sla.none')}</p>
      ) : (
        <ul className="plain-list">
          {clocks.map((c) => {
            // Wall-clock targets count down here; business time needs the calendar, so it is the server's figure.
            const remaining = c.mode === 'calendar' && c.state === 'active' && c.due_at ? (Date.parse(c.due_at) - now) / 1000 : c.remaining_business_seconds;
            const overdue = remaining !== null && remaining < 0;
            return (
              <li key={`${c.metric}-${c.instance}`} className="clock">
                <strong>{t(`sla.metric.${c.metric}`)}</strong> — {t(`sla.status.${c.display_status}`)}
                {remaining !== null && c.state !== 'fulfilled' && (
                  <div className={overdue ? 'clock-overdue' : undefined}>
                    {overdue
                      ? t('sla.overdueBy', { duration: formatDuration(remaining, i18n.language) })
                      : t(c.mode === 'business' ? 'sla.leftBusiness' : 'sla.left', { duration: formatDuration(remaining, i18n.language) })}
                  </div>
                )}
                {c.due_at && c.state !== 'fulfilled' && <div className="hint">{t('sla.due', { time: formatDateTime(c.due_at, i18n.language) })}</div>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
