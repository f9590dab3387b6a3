import { Suspense, lazy } from 'react';
import { useTranslation } from 'react-i18next';

const DashboardRoutes = lazy(() => import('./dashboard-routes.tsx'));

/** /dashboard/* as a chunk of its own: ECharts is large, and agents who never open it never download it. */
export function LazyDashboard() {
  const { t } = useTranslation();
  return (
    <Suspense
      fallback={
        <p className="page-message" role="status">
          {t('common.loading')}
        </p>
      }
    >
      <DashboardRoutes />
    </Suspense>
  );
}
