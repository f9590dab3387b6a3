import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../../lib/api.ts';
import { useAgents, useBranches, useTeams, useTiers } from '../../../lib/reference-data.ts';
import { CHANNELS, type Organization, type Page, PRIORITIES } from '../../../lib/types.ts';
import { FILTER_KEYS, type FilterKey, PERIODS, PRESETS } from './range.ts';
import type { DashboardFilters } from './use-dashboard-filters.ts';

/** Catalog keys are letters only, so presets ("30d") have named labels. */
const PRESET_LABELS = {
  '7d': 'dashboard.filters.presets.week',
  '30d': 'dashboard.filters.presets.month',
  '90d': 'dashboard.filters.presets.quarter',
  '365d': 'dashboard.filters.presets.year',
  custom: 'dashboard.filters.presets.custom',
} as const;

interface Option {
  value: string;
  label: string;
}

/** Every IANA zone the browser knows (the workspace's first). */
function zoneOptions(workspaceZone: string): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [workspaceZone, ...all.filter((z) => z !== workspaceZone)];
}

function useOrganizations() {
  // The first 100 by name are offered; a larger book of organizations is narrowed by tier first.
  return useQuery({ queryKey: ['organizations', 'dashboard-filter'], queryFn: () => api<Page<Organization>>('/organizations?limit=100'), staleTime: 5 * 60_000 });
}

/**
 * Period (presets or custom dates), time zone, grouping period and the ticket filters of the
 * dashboard, all kept in the address bar. `only` limits the filters to those a screen supports.
 */
export function FilterBar({ state, showPeriod = false, only = FILTER_KEYS, children }: { state: DashboardFilters; showPeriod?: boolean; only?: readonly FilterKey[]; children?: ReactNode }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const teams = useTeams();
  const branches = useBranches();
  const tiers = useTiers();
  const agents = useAgents();
  const organizations = useOrganizations();
  const { range } = state;
  const zones = useMemo(() => zoneOptions(range.timeZone), [range.timeZone]);

  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: false });
  };
  const named = (list: { id: string; name: string }[] | undefined): Option[] => (list ?? []).map((x) => ({ value: x.id, label: x.name }));
  const any = t('dashboard.filters.any');
  const shown = new Set(only);
  const active = FILTER_KEYS.some((k) => params.get(k));

  const selects: { key: FilterKey; label: string; options: Option[] }[] = [
    { key: 'tier_id', label: t('fields.tier'), options: named(tiers.data) },
    { key: 'organization_id', label: t('fields.organization'), options: named(organizations.data?.data) },
    { key: 'channel', label: t('fields.channel'), options: CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) })) },
    { key: 'priority', label: t('fields.priority'), options: PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) })) },
    { key: 'team_id', label: t('fields.team'), options: named(teams.data) },
    { key: 'branch_id', label: t('fields.branch'), options: named(branches.data) },
    { key: 'assignee_id', label: t('dashboard.filters.agent'), options: named(agents.data) },
  ];

  return (
    <div className="dashboard-filters" role="group" aria-label={t('dashboard.filters.label')}>
      <span className="filter">
        <label htmlFor="dash-range">{t('dashboard.filters.range')}</label>
        <select
          id="dash-range"
          value={range.preset}
          onChange={(e) => {
            const value = e.target.value;
            if (value === 'custom') set({ range: 'custom', from: range.fromDate, to: range.toDate });
            else set({ range: value, from: null, to: null });
          }}
        >
          {PRESETS.map((p) => (
            <option key={p} value={p}>
              {t(PRESET_LABELS[p])}
            </option>
          ))}
        </select>
      </span>
      {range.preset === 'custom' && (
        <>
          <span className="filter">
            <label htmlFor="dash-from">{t('dashboard.filters.from')}</label>
            <input id="dash-from" type="date" value={range.fromDate} max={range.toDate} onChange={(e) => e.target.value && set({ from: e.target.value })} />
          </span>
          <span className="filter">
            <label htmlFor="dash-to">{t('dashboard.filters.to')}</label>
            <input id="dash-to" type="date" value={range.toDate} min={range.fromDate} onChange={(e) => e.target.value && set({ to: e.target.value })} />
          </span>
        </>
      )}
      {showPeriod && (
        <span className="filter">
          <label htmlFor="dash-period">{t('dashboard.filters.period')}</label>
          <select id="dash-period" value={range.period} onChange={(e) => set({ period: e.target.value })}>
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {t(`dashboard.filters.periods.${p}`)}
              </option>
            ))}
          </select>
        </span>
      )}
      <span className="filter">
        <label htmlFor="dash-tz">{t('dashboard.filters.timeZone')}</label>
        <select id="dash-tz" value={range.timeZone} onChange={(e) => set({ tz: e.target.value })}>
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </span>
      {selects
        .filter((s) => shown.has(s.key))
        .map((s) => (
          <span className="filter" key={s.key}>
            <label htmlFor={`dash-${s.key}`}>{s.label}</label>
            <select id={`dash-${s.key}`} value={params.get(s.key) ?? ''} onChange={(e) => set({ [s.key]: e.target.value })}>
              <option value="">{any}</option>
              {s.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </span>
        ))}
      {shown.has('category') && <TextFilter name="category" label={t('dashboard.filters.category')} value={params.get('category') ?? ''} onCommit={(v) => set({ category: v })} />}
      {shown.has('tag') && <TextFilter name="tag" label={t('dashboard.filters.tag')} value={params.get('tag') ?? ''} onCommit={(v) => set({ tag: v })} />}
      {active && (
        <button type="button" className="button-quiet" onClick={() => set(Object.fromEntries(FILTER_KEYS.map((k) => [k, null])))}>
          {t('dashboard.filters.clear')}
        </button>
      )}
      {children}
    </div>
  );
}

/** A free-text filter applied on Enter or when focus leaves it (not on every key). */
function TextFilter({ name, label, value, onCommit }: { name: string; label: string; value: string; onCommit: (value: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const commit = () => {
    if (text.trim() !== value) onCommit(text.trim());
  };
  return (
    <span className="filter">
      <label htmlFor={`dash-${name}`}>{label}</label>
      <input
        id={`dash-${name}`}
        type="text"
        size={12}
        maxLength={100}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
    </span>
  );
}
