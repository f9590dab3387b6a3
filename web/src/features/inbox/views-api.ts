import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '../../lib/api.ts';
import type { NewSavedView, SavedView, SavedViewPatch, ViewCounts } from './inbox-types.ts';

const VIEWS = ['saved-views'] as const;
const COUNTS = ['view-counts'] as const;
/** Counts cost one query per view on the server: refresh them at most this often on live events. */
export const COUNTS_THROTTLE_MS = 5_000;

export function useSavedViews() {
  return useQuery({ queryKey: VIEWS, queryFn: ({ signal }) => api<{ data: SavedView[] }>('/views', { signal }).then((r) => r.data), staleTime: 60_000 });
}

/**
 * Counts per view. Live events invalidate the ticket lists (features/realtime); this follows
 * those invalidations, throttled, instead of opening its own stream.
 */
export function useViewCounts() {
  const queryClient = useQueryClient();
  const counts = useQuery({ queryKey: COUNTS, queryFn: ({ signal }) => api<ViewCounts>('/views/counts', { signal }), staleTime: 30_000 });
  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      timer = null;
      last = Date.now();
      void queryClient.invalidateQueries({ queryKey: COUNTS });
    };
    const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'invalidate' || event.query.queryKey[0] !== 'tickets' || timer) return;
      timer = setTimeout(refresh, Math.max(0, last + COUNTS_THROTTLE_MS - Date.now()));
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [queryClient]);
  return counts;
}

function useViewMutation<V, R>(fn: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: VIEWS });
      void queryClient.invalidateQueries({ queryKey: COUNTS });
    },
  });
}

export const useCreateView = () => useViewMutation((body: NewSavedView) => api<SavedView>('/views', { method: 'POST', body }));
export const useUpdateView = () => useViewMutation(({ id, patch }: { id: string; patch: SavedViewPatch }) => api<SavedView>(`/views/${id}`, { method: 'PATCH', body: patch }));
export const useDeleteView = () => useViewMutation((id: string) => api<void>(`/views/${id}`, { method: 'DELETE' }));
