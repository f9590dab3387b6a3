import { useTranslation } from 'react-i18next';
import { Navigate, useParams, useSearchParams } from 'react-router';
import { useState } from 'react';
import { useSession } from '../session/session-api.ts';
import { InboxFiltersBar } from './inbox-filters.tsx';
import { TicketList } from './ticket-list.tsx';
import { SavedViewActions, SaveViewButton } from './view-tools.tsx';
import { ViewNav } from './view-nav.tsx';
import { useSavedViews, useViewCounts } from './views-api.ts';
import { filtersFrom, isSavedViewId, isViewId, savedViewQuery, toStoredFilters, viewQuery } from './views.ts';
import './inbox.css';

const SHARING_ROLES = new Set(['supervisor', 'admin', 'owner']);

export function InboxPage() {
  const { t } = useTranslation();
  const { view } = useParams();
  const [params] = useSearchParams();
  const session = useSession();
  const saved = useSavedViews();
  const counts = useViewCounts();
  const [announcement, setAnnouncement] = useState('');
  if (!isViewId(view) && !isSavedViewId(view)) return <Navigate to="/inbox/my_open" replace />;
  const userId = session.data?.user_id ?? '';
  const canShare = SHARING_ROLES.has(session.data?.role ?? '');
  const filters = filtersFrom(params);
  const savedView = isSavedViewId(view) ? saved.data?.find((v) => v.id === view) : undefined;
  const nav = <ViewNav current={view} saved={saved.data ?? []} counts={counts.data} />;

  if (isSavedViewId(view) && !savedView) {
    return (
      <div className="inbox">
        {nav}
        <section className="inbox-main">
          {saved.isPending ? <p role="status">{t('common.loading')}</p> : <p role="alert">{t('inboxTools.viewNotFound')}</p>}
        </section>
      </div>
    );
  }
  const listQuery = savedView ? savedViewQuery(savedView, userId, filters) : viewQuery(view as Parameters<typeof viewQuery>[0], userId, filters);

  return (
    <div className="inbox">
      {nav}
      <section className="inbox-main" aria-labelledby="inbox-title">
        <div className="inbox-head">
          <h1 id="inbox-title">{savedView ? savedView.name : t(`views.${view}`)}</h1>
          <div className="inbox-head-tools">
            {savedView && <SavedViewActions view={savedView} canShare={canShare} announce={setAnnouncement} />}
            <SaveViewButton stored={toStoredFilters(listQuery, userId)} canShare={canShare} announce={setAnnouncement} />
          </div>
        </div>
        <InboxFiltersBar filters={filters} />
        <p className="keyboard-hint">{t('inboxTools.selectionHint')}</p>
        <TicketList params={listQuery} announcement={announcement} announce={setAnnouncement} />
      </section>
    </div>
  );
}
