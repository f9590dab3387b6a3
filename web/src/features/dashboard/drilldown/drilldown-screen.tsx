import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../../lib/errors.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useTicketList } from '../../inbox/tickets-api.ts';
import { LIST_KEYS } from './drilldown-link.ts';

/**
 * The tickets behind a dashboard figure (a flagged unit, a tier's levels). The ticket list API
 * filters by the unit and the dashboard's attribute filters but not by solve time, so the period
 * is stated above the list rather than applied; solved and closed tickets are listed by default,
 * as the figures are about solved tickets.
 */
export function DrilldownScreen() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const listParams: Record<string, string> = { status: 'solved,closed' };
  for (const key of LIST_KEYS) {
    const value = params.get(key);
    if (value) listParams[key] = value;
  }
  const list = useTicketList(listParams);
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const from = params.get('period_from');
  const to = params.get('period_to');
  const label = params.get('label') ?? '';
  const lang = i18n.language;

  return (
    <section aria-labelledby="drilldown-title">
      <h2 id="drilldown-title">{t('dashboard.drilldown.title', { label })}</h2>
      {from && to && <p className="hint">{t('dashboard.drilldown.period', { from: formatDateTime(from, lang), to: formatDateTime(to, lang) })}</p>}
      <p>
        <button type="button" className="button-quiet" onClick={() => navigate(-1)}>
          {t('dashboard.drilldown.back')}
        </button>
      </p>
      {list.isPending ? (
        <p role="status">{t('common.loading')}</p>
      ) : list.error ? (
        <p className="form-error" role="alert">
          {errorMessage(t, list.error)}
        </p>
      ) : rows.length === 0 ? (
        <p className="chart-state chart-empty">{t('dashboard.drilldown.none')}</p>
      ) : (
        <>
          <table className="data-table chart-table">
            <caption className="visually-hidden">{t('dashboard.drilldown.title', { label })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.serviceLevels.ticket')}</th>
                <th scope="col">{t('fields.status')}</th>
                <th scope="col">{t('fields.priority')}</th>
                <th scope="col">{t('dashboard.drilldown.solvedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((ticket) => (
                <tr key={ticket.id}>
                  <th scope="row">
                    <Link to={`/tickets/${ticket.id}`}>
                      #{ticket.number} {ticket.subject}
                    </Link>
                  </th>
                  <td>{t(`status.${ticket.status}`)}</td>
                  <td>{t(`priority.${ticket.priority}`)}</td>
                  <td>{ticket.solved_at ? formatDateTime(ticket.solved_at, lang) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.hasNextPage && (
            <button type="button" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
              {t('dashboard.drilldown.more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
