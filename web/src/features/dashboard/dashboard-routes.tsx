import { useTranslation } from 'react-i18next';
import { NavLink, Route, Routes, useLocation } from 'react-router';
import { useSession } from '../session/session-api.ts';
import { canSeeDashboard } from './dashboard-types.ts';
import { feedbackTabs } from './feedback/feedback-routes.tsx';
import { ConsistencyScreen } from './consistency/consistency-screen.tsx';
import { DrilldownScreen } from './drilldown/drilldown-screen.tsx';
import { OverviewScreen } from './overview/overview-screen.tsx';
import { ServiceLevelsScreen } from './service-levels/service-levels-screen.tsx';
import './kit/kit.css';

interface Tab {
  path: string;
  label: string;
}

/** Everything under /dashboard, loaded as its own chunk. Tabs keep the period and filters (?…). */
export default function DashboardRoutes() {
  const { t } = useTranslation();
  const session = useSession();
  const { search } = useLocation();
  if (session.data && !canSeeDashboard(session.data.role)) {
    return (
      <div className="dashboard">
        <h1>{t('dashboard.title')}</h1>
        <p role="alert">{t('dashboard.forbidden')}</p>
      </div>
    );
  }
  const tabs: Tab[] = [
    { path: '', label: t('dashboard.tabs.overview') },
    { path: 'service-levels', label: t('dashboard.tabs.serviceLevels') },
    ...feedbackTabs.map((f) => ({ path: f.path, label: t(f.labelKey) })),
    { path: 'consistency', label: t('dashboard.tabs.consistency') },
  ];
  return (
    <div className="dashboard">
      <h1>{t('dashboard.title')}</h1>
      <nav aria-label={t('dashboard.tabs.label')}>
        <ul className="dashboard-tabs">
          {tabs.map((tab) => (
            <li key={tab.path}>
              <NavLink end to={{ pathname: tab.path ? `/dashboard/${tab.path}` : '/dashboard', search }}>
                {tab.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Routes>
        <Route index element={<OverviewScreen />} />
        <Route path="service-levels/*" element={<ServiceLevelsScreen />} />
        {feedbackTabs.map((f) => (
          <Route key={f.path} path={`${f.path}/*`} element={f.element} />
        ))}
        <Route path="consistency/*" element={<ConsistencyScreen />} />
        <Route path="tickets" element={<DrilldownScreen />} />
        <Route path="*" element={<p role="alert">{t('dashboard.notFound')}</p>} />
      </Routes>
    </div>
  );
}
