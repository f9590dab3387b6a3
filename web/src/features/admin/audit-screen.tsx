import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, query } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import type { Page, User } from '../../lib/types.ts';
import { useAdminList } from './admin-api.ts';
import { AUDIT_ENTITY_TYPES, type AuditEntry } from './admin-types.ts';
import { AdminPage, ErrorLine, Loading } from './admin-ui.tsx';

function useAuditLog(filters: { entity_type: string; actor_id: string; entity_id: string }) {
  return useInfiniteQuery({
    queryKey: ['admin', 'audit-log', filters],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => api<Page<AuditEntry>>(`/audit-log${query({ ...filters, limit: 50, cursor: pageParam })}`, { signal }),
    getNextPageParam: (last) => last.next_cursor,
  });
}

/** Admin changes, newest first, 50 at a time; filters live in the URL so a view can be shared. */
export function AuditScreen() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = { entity_type: params.get('entity_type') ?? '', actor_id: params.get('actor_id') ?? '', entity_id: params.get('entity_id') ?? '' };
  const log = useAuditLog(filters);
  const users = useAdminList<User>('users');
  const rows = log.data?.pages.flatMap((p) => p.data) ?? [];
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const actorName = (e: AuditEntry) =>
    e.actor_type === 'user' ? (users.data?.find((u) => u.id === e.actor_id)?.name ?? e.actor_id ?? '') : `${t('admin.audit.apiKey')} ${e.actor_id?.slice(-6) ?? ''}`;

  return (
    <AdminPage title={t('admin.audit.title')} intro={t('admin.audit.intro')}>
      <div className="filters" role="group" aria-label={t('admin.audit.filters')}>
        <div className="filter">
          <label htmlFor="audit-entity-type">{t('admin.audit.entityType')}</label>
          <select id="audit-entity-type" value={filters.entity_type} onChange={(e) => setFilter('entity_type', e.target.value)}>
            <option value="">{t('admin.audit.any')}</option>
            {AUDIT_ENTITY_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`admin.entity.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="audit-actor">{t('admin.audit.actor')}</label>
          <select id="audit-actor" value={filters.actor_id} onChange={(e) => setFilter('actor_id', e.target.value)}>
            <option value="">{t('admin.audit.any')}</option>
            {(users.data ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        {filters.entity_id && (
          <button type="button" onClick={() => setFilter('entity_id', '')}>
            {t('admin.audit.clearEntity')}
          </button>
        )}
      </div>
      <Loading when={log.isPending} />
      <ErrorLine error={log.error} />
      {log.isSuccess && rows.length === 0 && <p className="empty">{t('admin.audit.empty')}</p>}
      {rows.length > 0 && (
        <table className="data-table audit-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.audit.when')}</th>
              <th scope="col">{t('admin.audit.actor')}</th>
              <th scope="col">{t('admin.audit.action')}</th>
              <th scope="col">{t('admin.audit.entityType')}</th>
              <th scope="col">{t('admin.audit.changes')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.id}>
                <td>
                  <time dateTime={e.occurred_at}>{formatDateTime(e.occurred_at, i18n.language)}</time>
                </td>
                <td>{actorName(e)}</td>
                <td className="mono">{e.action}</td>
                <td>
                  {t(`admin.entity.${e.entity_type}`, { defaultValue: e.entity_type })}
                  {e.entity_id && (
                    <>
                      {' '}
                      <button type="button" className="button-link" onClick={() => setFilter('entity_id', e.entity_id ?? '')}>
                        {e.entity_id.slice(-6)}
                        <span className="visually-hidden"> ({t('admin.audit.onlyThis')})</span>
                      </button>
                    </>
                  )}
                </td>
                <td>
                  {Object.keys(e.changes).length > 0 ? (
                    <details>
                      <summary>{t('admin.audit.fields', { count: Object.keys(e.changes).length })}</summary>
                      <pre className="mono changes">{JSON.stringify(e.changes, null, 2)}</pre>
                    </details>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {log.hasNextPage && (
        <button type="button" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
          {t('admin.more')}
        </button>
      )}
    </AdminPage>
  );
}
