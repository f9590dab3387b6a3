import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import type { Page } from '../../lib/types.ts';

/**
 * Admin lists are small reference lists: every page is read (100 at a time) and kept under
 * ['admin', resource]. A save or delete refreshes that list and the app-wide reference data
 * of the same name (['teams'], ['users', …] …) so pickers elsewhere see the change.
 */
export async function readAll<T>(path: string): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page: Page<T> = await api<Page<T>>(`${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    out.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor && out.length < 5000);
  return out;
}

export function useAdminList<T>(resource: string, enabled = true) {
  return useQuery({ queryKey: ['admin', resource], queryFn: () => readAll<T>(`/${resource}`), enabled });
}

/** The workspace-wide caches a change of `resource` makes stale. */
function invalidateAll(queryClient: ReturnType<typeof useQueryClient>, resource: string) {
  void queryClient.invalidateQueries({ queryKey: ['admin', resource] });
  const shared = resource === 'organizations' ? 'organizations' : resource;
  void queryClient.invalidateQueries({ queryKey: [shared] });
}

/** Creates (no id) or changes (PATCH) one item; answers the saved item. */
export function useAdminSave<T, B = unknown>(resource: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string | undefined; body: B }) =>
      api<T>(id ? `/${resource}/${id}` : `/${resource}`, { method: id ? 'PATCH' : 'POST', body }),
    onSuccess: () => invalidateAll(queryClient, resource),
  });
}

export function useAdminDelete(resource: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/${resource}/${id}`, { method: 'DELETE' }),
    onSuccess: () => invalidateAll(queryClient, resource),
  });
}

/** A POST that is neither create nor update (rotate a secret, recompute tiers …). */
export function useAdminAction<T, B = undefined>(resource: string, path: (arg: B) => string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (arg: B) => api<T>(path(arg), { method: 'POST' }),
    onSuccess: () => invalidateAll(queryClient, resource),
  });
}

/** Splits "a, b c" into ["a", "b", "c"] (tags, domains). */
export function splitList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** "" → null, else the trimmed text: optional text fields. */
export function orNull(text: string): string | null {
  const v = text.trim();
  return v === '' ? null : v;
}

/** A number typed in a field: "" → null, anything else as Number (the server says when it is not one). */
export function numberOrNull(text: string): number | null {
  const v = text.trim();
  return v === '' ? null : Number(v);
}
