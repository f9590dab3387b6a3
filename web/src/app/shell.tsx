import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { LanguageSwitcher } from '../features/session/language-switcher.tsx';
import { useLogout, useMe, useSession } from '../features/session/session-api.ts';
import { useLiveUpdates } from '../features/realtime/use-live-updates.ts';
import { isAdminRole } from '../features/admin/admin-types.ts';
import { canReadSurveys } from '../features/surveys/survey-types.ts';
import { canSeeDashboard } from '../features/dashboard/dashboard-types.ts';

/** The frame around every signed-in screen: skip link, banner with navigation, main. */
export function Shell() {
  const { t } = useTranslation();
  const session = useSession();
  const me = useMe(session.data);
  const logout = useLogout();
  const live = useLiveUpdates();

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="shell-header">
        <span className="brand">Gapwise</span>
        <nav aria-label={t('shell.navigation')}>
          <ul className="nav-list">
            <li>
              <NavLink to="/inbox/my_open">{t('shell.inbox')}</NavLink>
            </li>
            <li>
              <NavLink to="/customers">{t('shell.customers')}</NavLink>
            </li>
            <li>
              <NavLink to="/organizations">{t('customerPages.orgs.title')}</NavLink>
            </li>
            {canSeeDashboard(session.data?.role) && (
              <li>
                <NavLink to="/dashboard">{t('dashboard.nav')}</NavLink>
              </li>
            )}
            {canReadSurveys(session.data?.role) && (
              <li>
                <NavLink to="/surveys">{t('surveys.nav')}</NavLink>
              </li>
            )}
            {isAdminRole(session.data?.role) && (
              <li>
                <NavLink to="/admin">{t('admin.nav.admin')}</NavLink>
              </li>
            )}
          </ul>
        </nav>
        <div className="shell-tools">
          <span className={`live-dot live-${live}`} role="status" title={t(`live.${live}`)}>
            <span className="visually-hidden">{t(`live.${live}`)}</span>
          </span>
          <LanguageSwitcher me={me.data} />
          {me.data && <span className="user-name">{me.data.name}</span>}
          <button type="button" className="button-quiet" onClick={() => logout.mutate()}>
            {t('shell.signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
