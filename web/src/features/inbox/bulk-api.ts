import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import type { BulkBody, BulkResult, MergeResult } from './inbox-types.ts';

function useTicketsMutation<V, R>(fn: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['tickets'] });
      void queryClient.invalidateQueries({ queryKey: ['ticket'] });
    },
  });
}

/** POST /tickets/bulk: per-ticket outcomes (a closed ticket fails alone). */
export const useBulkUpdate = () => useTicketsMutation((body: BulkBody) => api<BulkResult>('/tickets/bulk', { method: 'POST', body }));

/** POST /tickets/:target/merge. */
export const useMergeTickets = () =>
  useTicketsMutation(({ target, sources }: { target: string; sources: string[] }) =>
    api<MergeResult>(`/tickets/${target}/merge`, { method: 'POST', body: { source_ticket_ids: sources } }),
  );
