import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../../lib/api.ts';
import type { Organization, Page } from '../../lib/types.ts';

export function useOrganizationList(filters: { q: string; tier_id: string }) {
  return useInfiniteQuery({
    queryKey: ['organizations', 'list', filters],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => api<Page<Organization>>(`/organizations${query({ q: filters.q.trim() || undefined, tier_id: filters.tier_id, limit: 50, cursor: pageParam })}`, { signal }),
    getNextPageParam: (last) => last.next_cursor,
  });
}

export function useSaveOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string | undefined; body: Record<string, unknown> }) =>
      api<Organization>(id ? `/organizations/${id}` : '/organizations', { method: id ? 'PATCH' : 'POST', body }),
    onSuccess: (org) => {
      queryClient.setQueryData(['organization', org.id], org);
      void queryClient.invalidateQueries({ queryKey: ['organizations'] });
    },
  });
}
