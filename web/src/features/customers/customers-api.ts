import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../../lib/api.ts';
import type { Customer, Organization, Page, TicketListItem } from '../../lib/types.ts';
import type { CustomerMergeResult, TimelineItem } from './customer-types.ts';

export function useCustomer(id: string) {
  return useQuery({ queryKey: ['customer', id], queryFn: ({ signal }) => api<Customer>(`/customers/${id}`, { signal }) });
}

export function useOrganization(id: string | null) {
  return useQuery({ queryKey: ['organization', id], queryFn: ({ signal }) => api<Organization>(`/organizations/${id}`, { signal }), enabled: id !== null });
}

/** Organizations for a picker: the first 100 by name (search narrows it). */
export function useOrganizations() {
  return useQuery({ queryKey: ['organizations'], queryFn: () => api<Page<Organization>>('/organizations?limit=100'), staleTime: 5 * 60_000 });
}

/** A customer's tickets, newest activity first; under ['tickets'] so live events refresh it with the lists. */
export function useCustomerTickets(customerId: string, limit = 10) {
  return useQuery({
    queryKey: ['tickets', 'customer', customerId, limit],
    queryFn: ({ signal }) => api<Page<TicketListItem>>(`/tickets${query({ customer_id: customerId, limit })}`, { signal }),
  });
}

export function useCustomerList(q: string, filters: { tier_id?: string; organization_id?: string } = {}) {
  return useInfiniteQuery({
    queryKey: ['customers', 'list', q, filters],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => api<Page<Customer>>(`/customers${query({ q: q.trim() || undefined, ...filters, limit: 50, cursor: pageParam })}`, { signal }),
    getNextPageParam: (last) => last.next_cursor,
  });
}

export function useUpdateCustomer(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: { tier_id?: string | null; organization_id?: string | null }) => api<Customer>(`/customers/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: (customer) => {
      queryClient.setQueryData(['customer', id], customer);
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
    },
  });
}

/** A customer's history across channels, newest first, 50 at a time; under ['tickets'] so live events refresh it. */
export function useCustomerTimeline(customerId: string, kind: 'all' | 'messages' | 'events') {
  return useInfiniteQuery({
    queryKey: ['tickets', 'customer-timeline', customerId, kind],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => api<Page<TimelineItem>>(`/customers/${customerId}/timeline${query({ order: 'desc', kind, limit: 50, cursor: pageParam })}`, { signal }),
    getNextPageParam: (last) => last.next_cursor,
  });
}

/** Merges `source` into `target` (the source is deleted); every view of either is refreshed. */
export function useMergeCustomer(targetId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sourceId: string) => api<CustomerMergeResult>(`/customers/${targetId}/merge`, { method: 'POST', body: { source_customer_id: sourceId } }),
    onSuccess: (result) => {
      queryClient.setQueryData(['customer', targetId], result.customer);
      queryClient.removeQueries({ queryKey: ['customer', result.merged.source_customer_id] });
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
      void queryClient.invalidateQueries({ queryKey: ['tickets'] });
    },
  });
}
