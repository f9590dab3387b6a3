import { Suspense, lazy } from 'react';
import { useTranslation } from 'react-i18next';

const AdminRoutes = lazy(() => import('./admin-routes.tsx'));

/** /admin/* as a chunk of its own: agents who never open it never download it. */
export function LazyAdmin() {
  const { t } = useTranslation();
  return (
    <Suspense
      fallback={
        <p className="page-message" role="status">
          {t('common.loading')}
        </p>
      }
    >
      <AdminRoutes />
    </Suspense>
  );
}
