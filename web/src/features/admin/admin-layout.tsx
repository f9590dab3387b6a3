import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { useSession } from '../session/session-api.ts';
import { isAdminRole } from './admin-types.ts';

/** The admin screens, in the order an admin sets a workspace up. Keys: admin.nav.<id>. */
export const ADMIN_SCREENS = [
  'users',
  'teams',
  'branches',
  'tiers',
  'calendars',
  'sla-policies',
  'mailboxes',
  'forms',
  'chat-widget',
  'webhooks',
  'api-keys',
  'macros',
  'audit-log',
] as const;

const NAV_KEYS: Record<(typeof ADMIN_SCREENS)[number], string> = {
  users: 'admin.nav.users',
  teams: 'admin.nav.teams',
  branches: 'admin.nav.branches',
  tiers: 'admin.nav.tiers',
  calendars: 'admin.nav.calendars',
  'sla-policies': 'admin.nav.slaPolicies',
  mailboxes: 'admin.nav.mailboxes',
  forms: 'admin.nav.forms',
  'chat-widget': 'admin.nav.chatWidget',
  webhooks: 'admin.nav.webhooks',
  'api-keys': 'admin.nav.apiKeys',
  macros: 'admin.nav.macros',
  'audit-log': 'admin.nav.auditLog',
};

/** Owners and admins only: others get a plain refusal (the API refuses them too). */
export function AdminLayout() {
  const { t } = useTranslation();
  const session = useSession();
  if (!isAdminRole(session.data?.role)) {
    return (
      <p className="page-message" role="alert">
        {t('admin.notAllowed')}
      </p>
    );
  }
  return (
    <div className="admin">
      <nav className="view-nav admin-nav" aria-label={t('admin.nav.label')}>
        <h2 className="view-nav-title">{t('admin.nav.label')}</h2>
        <ul>
          {ADMIN_SCREENS.map((id) => (
            <li key={id}>
              <NavLink to={`/admin/${id}`}>{t(NAV_KEYS[id])}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="admin-main">
        <Outlet />
      </div>
    </div>
  );
}
