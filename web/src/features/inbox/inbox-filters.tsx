import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useBranches, useTeams, useTiers } from '../../lib/reference-data.ts';
import { CHANNELS } from '../../lib/types.ts';
import type { InboxFilters } from './views.ts';

interface Option {
  value: string;
  label: string;
}

function FilterSelect({ name, label, anyLabel, value, options }: { name: keyof InboxFilters; label: string; anyLabel: string; value: string | undefined; options: Option[] }) {
  const [params, setParams] = useSearchParams();
  const id = `filter-${name}`;
  return (
    <span className="filter">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value ?? ''}
        onChange={(e) => {
          const next = new URLSearchParams(params);
          if (e.target.value) next.set(name, e.target.value);
          else next.delete(name);
          setParams(next);
        }}
      >
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </span>
  );
}

/** Search box and the by-team / branch / channel / tier filters; all of it lives in the URL. */
export function InboxFiltersBar({ filters }: { filters: InboxFilters }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(filters.q ?? '');
  const teams = useTeams();
  const branches = useBranches();
  const tiers = useTiers();
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);

  const search = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams(params);
    if (q.trim()) next.set('q', q.trim());
    else next.delete('q');
    setParams(next);
  };
  const any = t('inbox.any');
  const named = (list: { id: string; name: string }[] | undefined) => (list ?? []).map((x) => ({ value: x.id, label: x.name }));

  return (
    <div className="filters">
      <form role="search" onSubmit={search} className="search-form">
        <label htmlFor="inbox-search" className="visually-hidden">
          {t('inbox.search')}
        </label>
        <input id="inbox-search" type="search" placeholder={t('inbox.searchPlaceholder')} value={q} onChange={(e) => setQ(e.target.value)} />
        <button type="submit">{t('inbox.search')}</button>
      </form>
      <FilterSelect name="team_id" label={t('fields.team')} anyLabel={any} value={filters.team_id} options={named(teams.data)} />
      <FilterSelect name="branch_id" label={t('fields.branch')} anyLabel={any} value={filters.branch_id} options={named(branches.data)} />
      <FilterSelect name="channel" label={t('fields.channel')} anyLabel={any} value={filters.channel} options={CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }))} />
      <FilterSelect name="tier_id" label={t('fields.tier')} anyLabel={any} value={filters.tier_id} options={named(tiers.data)} />
    </div>
  );
}
