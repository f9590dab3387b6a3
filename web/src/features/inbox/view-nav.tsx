import { useTranslation } from 'react-i18next';
import { NavLink, useSearchParams } from 'react-router';
import { formatNumber } from '../../lib/format.ts';
import type { SavedView, ViewCounts } from './inbox-types.ts';
import { countLabel, VIEW_IDS } from './views.ts';

interface Props {
  current: string;
  saved: SavedView[];
  counts: ViewCounts | undefined;
}

/**
 * Built-in and saved views, each with its ticket count (GET /views/counts: bounded, "10,000+"
 * past the cap). The count is part of the link's name, so a screen reader hears "All open 12".
 */
export function ViewNav({ current, saved, counts }: Props) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const search = params.toString();
  const byView = new Map(counts?.counts.map((c) => [c.view, c]));
  const format = (n: number) => formatNumber(n, i18n.language);
  const link = (id: string, label: string, shared = false) => (
    <li key={id}>
      <NavLink to={`/inbox/${id}${search ? `?${search}` : ''}`} aria-current={id === current ? 'page' : undefined} className="view-link">
        <span className="view-name">{label}</span>
        {shared && <span className="view-shared">{t('inboxTools.sharedMark')}</span>}
        <span className="view-count">{countLabel(byView.get(id), format)}</span>
      </NavLink>
    </li>
  );
  return (
    <nav className="view-nav" aria-label={t('inbox.views')}>
      <h2 className="view-nav-title">{t('inbox.views')}</h2>
      <ul>{VIEW_IDS.map((id) => link(id, t(`views.${id}`)))}</ul>
      <h2 className="view-nav-title view-nav-saved">{t('inboxTools.savedViews')}</h2>
      {saved.length === 0 ? <p className="hint">{t('inboxTools.noSavedViews')}</p> : <ul>{saved.map((v) => link(v.id, v.name, v.shared))}</ul>}
    </nav>
  );
}
