import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, query } from '../../../lib/api.ts';

/**
 * A dashboard read: GET path?params, cached per (name, params). `params` null waits (e.g. for
 * the workspace's time zone). The previous answer stays on screen while a new filter loads.
 */
export function useDashboardData<T>(name: string, path: string, params: Record<string, string | undefined> | null) {
  return useQuery({
    queryKey: ['dashboard', name, params],
    queryFn: ({ signal }) => api<T>(`${path}${query(params ?? {})}`, { signal }),
    enabled: params !== null,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
