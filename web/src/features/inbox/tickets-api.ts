import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../../lib/api.ts';
import type { Page, Ticket, TicketListItem, TicketPatch } from '../../lib/types.ts';

export const PAGE_SIZE = 50;

/** A ticket list as an infinite query over the API's cursor pages. */
export function useTicketList(params: Record<string, string>) {
  return useInfiniteQuery({
    queryKey: ['tickets', 'list', params],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => api<Page<TicketListItem>>(`/tickets${query({ ...params, limit: PAGE_SIZE, cursor: pageParam })}`, { signal }),
    getNextPageParam: (last) => last.next_cursor,
  });
}

/** PATCH a ticket; lists and the ticket itself refresh afterwards. */
export function useUpdateTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: TicketPatch }) => api<Ticket>(`/tickets/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: (ticket) => {
      queryClient.setQueryData(['ticket', ticket.id], ticket);
      void queryClient.invalidateQueries({ queryKey: ['tickets'] });
    },
  });
}
