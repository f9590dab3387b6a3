import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';
import type { workspaceDto } from '../../../../../contracts/workspaces.ts';
import { api } from '../../../lib/api.ts';
import { type DashboardRange, type Filters, filtersFrom, rangeFrom } from './range.ts';

type Workspace = z.infer<typeof workspaceDto>;

/** The workspace's time zone: the default for every dashboard period. */
export function useWorkspaceTimeZone(): string | undefined {
  const workspace = useQuery({ queryKey: ['workspace', 'current'], queryFn: () => api<Workspace>('/workspaces/current'), staleTime: 5 * 60_000 });
  return workspace.data?.time_zone;
}

export interface DashboardFilters {
  /** False until the workspace's time zone is known (queries wait for it). */
  ready: boolean;
  range: DashboardRange;
  filters: Filters;
  /** from, to, tz and the filters: the query every analytics endpoint shares. */
  params: Record<string, string>;
  /** The same for the previous equal period (trend arrows). */
  previousParams: Record<string, string>;
  /** True when the reader chose a zone other than the workspace's. */
  zoneOverridden: boolean;
}

/**
 * The dashboard's period and filters, read from the address bar (?range=30d&team_id=…), so a
 * view can be bookmarked and shared. The period's end is the start of tomorrow, computed once per
 * minute so the query keys stay stable while the screen is open.
 */
export function useDashboardFilters(): DashboardFilters {
  const [search] = useSearchParams();
  const workspaceZone = useWorkspaceTimeZone();
  const minute = Math.floor(Date.now() / 60_000);
  const key = search.toString();
  return useMemo(() => {
    const params = new URLSearchParams(key);
    const chosen = params.get('tz');
    const timeZone = chosen && isTimeZone(chosen) ? chosen : (workspaceZone ?? 'UTC');
    const range = rangeFrom(params, timeZone, minute * 60_000);
    const filters = filtersFrom(params);
    return {
      ready: workspaceZone !== undefined,
      range,
      filters,
      params: { from: range.from, to: range.to, tz: timeZone, ...filters },
      previousParams: { from: range.previous.from, to: range.previous.to, tz: timeZone, ...filters },
      zoneOverridden: chosen !== null && chosen !== workspaceZone,
    };
  }, [key, workspaceZone, minute]);
}

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
