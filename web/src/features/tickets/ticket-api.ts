import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../../lib/api.ts';
import type { Message, NewMessage, Page, Ticket } from '../../lib/types.ts';

export function useTicket(id: string) {
  return useQuery({ queryKey: ['ticket', id], queryFn: ({ signal }) => api<Ticket>(`/tickets/${id}`, { signal }) });
}

/** The whole conversation, oldest first (every page: a conversation is read as a whole). */
export function useMessages(ticketId: string) {
  return useQuery({
    queryKey: ['messages', ticketId],
    queryFn: async ({ signal }) => {
      const out: Message[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<Message> = await api<Page<Message>>(`/tickets/${ticketId}/messages${query({ limit: 100, cursor })}`, { signal });
        out.push(...page.data);
        cursor = page.next_cursor;
      } while (cursor && out.length < 5000);
      return out;
    },
  });
}

export function useSendMessage(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewMessage) => api<Message>(`/tickets/${ticketId}/messages`, { method: 'POST', body }),
    onSuccess: (message) => {
      queryClient.setQueryData<Message[]>(['messages', ticketId], (old) => (old && !old.some((m) => m.id === message.id) ? [...old, message] : old));
      void queryClient.invalidateQueries({ queryKey: ['ticket', ticketId] });
      void queryClient.invalidateQueries({ queryKey: ['tickets'] });
    },
  });
}
