import { useQuery } from '@tanstack/react-query';
import { api } from './api.ts';
import type { Branch, Page, Team, Tier, User } from './types.ts';

/** Every page of a small reference list (teams, users, …), 100 at a time. */
async function allPages<T>(path: string): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page: Page<T> = await api<Page<T>>(`${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    out.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor && out.length < 2000);
  return out;
}

const STALE = 5 * 60_000;
export const useTeams = () => useQuery({ queryKey: ['teams'], queryFn: () => allPages<Team>('/teams'), staleTime: STALE });
export const useBranches = () => useQuery({ queryKey: ['branches'], queryFn: () => allPages<Branch>('/branches'), staleTime: STALE });
export const useTiers = () => useQuery({ queryKey: ['tiers'], queryFn: () => allPages<Tier>('/tiers'), staleTime: STALE });
export const useAgents = () => useQuery({ queryKey: ['users', 'active'], queryFn: () => allPages<User>('/users?active=true'), staleTime: STALE });

/** Looks a name up by id in a loaded list. */
export function nameOf<T extends { id: string; name: string }>(list: T[] | undefined, id: string | null): string | null {
  if (!id) return null;
  return list?.find((x) => x.id === id)?.name ?? null;
}
