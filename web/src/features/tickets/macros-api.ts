import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { macroDto, macroPreviewDto } from '../../../../contracts/macros.ts';
import { api } from '../../lib/api.ts';
import type { Page, Ticket } from '../../lib/types.ts';

export type Macro = z.infer<typeof macroDto>;
export type MacroPreview = z.infer<typeof macroPreviewDto>;
export type MacroActions = Macro['actions'];

/** Every macro the agent can use (shared and personal), by name; searched in the browser as the agent types. */
export function useMacros(enabled: boolean) {
  return useQuery({
    queryKey: ['macros'],
    enabled,
    staleTime: 60_000,
    queryFn: async ({ signal }) => {
      const out: Macro[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<Macro> = await api<Page<Macro>>(`/macros?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { signal });
        out.push(...page.data);
        cursor = page.next_cursor;
      } while (cursor && out.length < 1000);
      return out;
    },
  });
}

export function usePreviewMacro(ticketId: string) {
  return useMutation({ mutationFn: (macroId: string) => api<MacroPreview>(`/tickets/${ticketId}/macros/${macroId}/preview`, { method: 'POST' }) });
}

/** Applies a macro's ticket changes (after its reply was sent). */
export function useApplyMacro(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (macroId: string) => api<Ticket>(`/tickets/${ticketId}/macros/${macroId}/apply`, { method: 'POST' }),
    onSuccess: (ticket) => {
      queryClient.setQueryData(['ticket', ticketId], ticket);
      void queryClient.invalidateQueries({ queryKey: ['tickets'] });
    },
  });
}

export function hasActions(actions: MacroActions): boolean {
  return Object.values(actions).some((v) => v !== undefined && (!Array.isArray(v) || v.length > 0));
}
