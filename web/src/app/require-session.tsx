import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { onUnauthenticated } from '../lib/api.ts';
import { useSession } from '../features/session/session-api.ts';
import { errorMessage } from '../lib/errors.ts';

/**
 * Routes inside need a session. Without one (or when any request answers 401 later:
 * an expired session) the agent goes to sign in, and comes back to where they were.
 */
export function RequireSession() {
  const { t } = useTranslation();
  const location = useLocation();
  const queryClient = useQueryClient();
  const session = useSession();

  useEffect(() => onUnauthenticated(() => queryClient.setQueryData(['session'], null)), [queryClient]);

  if (session.isPending) return <p className="page-message" role="status">{t('common.loading')}</p>;
  if (session.isError) return <p className="page-message" role="alert">{errorMessage(t, session.error)}</p>;
  if (!session.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}
