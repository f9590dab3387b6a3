import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, query } from '../../../lib/api.ts';
import { errorMessage } from '../../../lib/errors.ts';
import { nameOf, useTiers } from '../../../lib/reference-data.ts';
import type { Page, TicketListItem } from '../../../lib/types.ts';
import { formatSeconds, type DashboardFilters } from '../kit/index.ts';

const LIMIT = 25;
/** Filters the ticket list (GET /tickets) understands; category has no list filter. */
const LIST_FILTERS = ['tier_id', 'organization_id', 'channel', 'priority', 'team_id', 'branch_id', 'assignee_id', 'tag'] as const;
/** Filters the inbox keeps in its address (web/src/features/inbox/views.ts FILTER_KEYS). */
const INBOX_FILTERS = ['team_id', 'branch_id', 'channel', 'tier_id'] as const;

/**
 * Open tickets with an SLA clock past due right now (the inbox's "Breached" view), soonest due
 * first, narrowed by the dashboard's filters. Not bounded by the period: it is about now.
 */
export function BreachingNow({ state }: { state: DashboardFilters }) {
  const { t, i18n } = useTranslation();
  const tiers = useTiers();
  const params: Record<string, string> = { status: 'new,open,pending,on_hold', sla: 'breaching', sort: 'sla_due', limit: String(LIMIT) };
  for (const key of LIST_FILTERS) {
    const value = state.filters[key];
    if (value) params[key] = value;
  }
  const list = useQuery({
    queryKey: ['tickets', 'dashboard-breaching', params],
    queryFn: ({ signal }) => api<Page<TicketListItem>>(`/tickets${query(params)}`, { signal }),
    refetchInterval: 60_000,
  });
  const inboxQuery = query(Object.fromEntries(INBOX_FILTERS.map((k) => [k, state.filters[k]])));
  const rows = list.data?.data ?? [];
  const now = Date.now();

  return (
    <section className="chart-card wide" aria-labelledby="breaching-title">
      <header className="chart-card-head">
        <h2 id="breaching-title">{t('dashboard.serviceLevels.breachingTitle')}</h2>
        {list.data && <span className="chart-n">{list.data.next_cursor ? t('dashboard.serviceLevels.breachingFirst', { count: LIMIT }) : t('dashboard.serviceLevels.breachingCount', { count: rows.length })}</span>}
        <div className="chart-tools">
          <Link to={`/inbox/sla_breached${inboxQuery}`}>{t('dashboard.serviceLevels.openInInbox')}</Link>
        </div>
      </header>
      {list.isPending ? (
        <p className="chart-state" role="status">
          {t('common.loading')}
        </p>
      ) : list.error ? (
        <p className="chart-state form-error" role="alert">
          {errorMessage(t, list.error)}
        </p>
      ) : rows.length === 0 ? (
        <div className="chart-state chart-empty">
          <p className="chart-empty-title">{t('dashboard.serviceLevels.breachingNoneTitle')}</p>
          <p>{t('dashboard.serviceLevels.breachingNone')}</p>
        </div>
      ) : (
        <div className="chart-table-wrap">
          <table className="data-table chart-table">
            <caption className="visually-hidden">{t('dashboard.serviceLevels.breachingTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.serviceLevels.ticket')}</th>
                <th scope="col">{t('fields.priority')}</th>
                <th scope="col">{t('fields.tier')}</th>
                <th scope="col">{t('dashboard.serviceLevels.overdue')}</th>
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
                  <td>{t(`priority.${ticket.priority}`)}</td>
                  <td>{nameOf(tiers.data, ticket.tier_id) ?? '—'}</td>
                  <td>{ticket.sla.next_due_at ? t('sla.overdueBy', { duration: formatSeconds((now - Date.parse(ticket.sla.next_due_at)) / 1000, i18n.language) }) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
