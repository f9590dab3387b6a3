import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ChartCard, type ChartTable, type DashboardFilters, type EChartsCoreOption, formatDecimal, formatMoney, formatPercent, useDashboardData } from '../kit/index.ts';
import type { ValueDto } from '../dashboard-api.ts';
import { drilldownLink } from '../drilldown/drilldown-link.ts';

const BY = ['tier', 'organization'] as const;
type By = (typeof BY)[number];

/**
 * Value and cost per tier or organization (issue 7 item 4): what the customer is worth beside
 * what serving them took. The hourly rate (and its currency) is typed here and kept in the URL;
 * the API stores no rate, so without one the cost columns stay empty.
 */
export function ValueCard({ state }: { state: DashboardFilters }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [params, setParams] = useSearchParams();
  const by: By = (BY as readonly string[]).includes(params.get('value_by') ?? '') ? (params.get('value_by') as By) : 'tier';
  const rate = params.get('hourly_rate') ?? '';
  const currency = params.get('currency') ?? '';
  const [rateDraft, setRateDraft] = useState(rate);
  const [currencyDraft, setCurrencyDraft] = useState(currency);
  useEffect(() => setRateDraft(rate), [rate]);
  useEffect(() => setCurrencyDraft(currency), [currency]);
  const rateOk = rate !== '' && Number.isFinite(Number(rate)) && Number(rate) >= 0;
  const currencyOk = /^[A-Z]{3}$/.test(currency);
  const data = useDashboardData<ValueDto>(
    'value',
    '/analytics/value',
    state.ready ? { ...state.params, by, hourly_rate: rateOk ? rate : undefined, currency: currencyOk ? currency : undefined } : null,
  );

  const commit = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value.trim()) next.set(key, value.trim());
    else next.delete(key);
    setParams(next);
  };

  const view = useMemo((): { option: EChartsCoreOption; table: ChartTable } => {
    const groups = data.data?.groups ?? [];
    const cur = data.data?.currency ?? null;
    const withCost = data.data?.hourly_rate !== null && data.data?.hourly_rate !== undefined;
    const names = groups.map((g) => g.name ?? (g.group_id === null ? t(by === 'tier' ? 'dashboard.serviceLevels.noTier' : 'dashboard.value.noOrganization') : t('dashboard.deleted')));
    const money = (v: unknown) => formatMoney(typeof v === 'number' ? v : null, cur, lang);
    const decimalText = (v: unknown) => (typeof v === 'string' ? formatDecimal(Number(v), lang) : '—');
    const measure = withCost ? t('dashboard.value.costPerTicket') : t('dashboard.value.hoursPerTicket');
    return {
      option: {
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { bottom: 0 },
        grid: { left: 120, right: 60, top: 10, bottom: 50 },
        xAxis: [{ type: 'value', name: measure, position: 'bottom' }],
        yAxis: { type: 'category', data: names, inverse: true },
        series: [
          {
            type: 'bar',
            name: measure,
            data: groups.map((g) => (withCost ? g.cost_per_ticket : g.handle_hours_mean === null ? null : Math.round(g.handle_hours_mean * 100) / 100)),
          },
        ],
      },
      table: {
        columns: [
          { label: t(`dashboard.value.by.${by}`), render: (v, _row, i) => (groups[i] ? <Link to={drilldownLink(groups[i].drilldown, String(v))}>{String(v)}</Link> : String(v)) },
          { label: t('fields.tier') },
          { label: t('dashboard.value.revenue'), numeric: true, format: decimalText },
          { label: t('dashboard.value.margin'), numeric: true, format: decimalText },
          { label: t('dashboard.value.created'), numeric: true },
          { label: t('dashboard.value.solved'), numeric: true },
          { label: t('dashboard.value.handleHours'), numeric: true, format: (v) => (typeof v === 'number' ? formatDecimal(v, lang, 1) : '—') },
          { label: t('dashboard.value.hoursPerTicket'), numeric: true, format: (v) => (typeof v === 'number' ? formatDecimal(v, lang, 2) : '—') },
          { label: t('dashboard.value.cost'), numeric: true, format: money },
          { label: t('dashboard.value.costPerTicket'), numeric: true, format: money },
          { label: t('dashboard.value.csat'), numeric: true, format: (v) => (typeof v === 'number' ? formatPercent(v / 100, lang) : '—') },
          { label: t('dashboard.value.slaRate'), numeric: true, format: (v) => (typeof v === 'number' ? formatPercent(v, lang) : '—') },
        ],
        rows: groups.map((g, i) => [
          names[i] ?? '',
          g.tier?.name ?? null,
          g.value.annual_revenue,
          g.value.margin,
          g.tickets_created,
          g.tickets_solved,
          g.handle_hours,
          g.handle_hours_mean,
          g.cost,
          g.cost_per_ticket,
          g.csat.percent,
          g.sla.rate,
        ]),
      },
    };
  }, [data.data, by, t, lang]);

  const total = data.data?.total;
  return (
    <ChartCard
      title={t('dashboard.value.title')}
      n={total?.tickets_solved}
      option={view.option}
      table={view.table}
      empty={(total?.tickets_created ?? 0) === 0 && (total?.tickets_solved ?? 0) === 0}
      emptyHint={t('dashboard.value.empty')}
      loading={!state.ready || data.isPending}
      error={data.error}
      description={t('dashboard.value.description')}
      height={Math.max(220, (data.data?.groups.length ?? 0) * 32 + 80)}
      tools={
        <>
          <span className="filter-inline">
            <label htmlFor="value-by">{t('dashboard.serviceLevels.groupBy')}</label>{' '}
            <select id="value-by" value={by} onChange={(e) => commit('value_by', e.target.value)}>
              {BY.map((b) => (
                <option key={b} value={b}>
                  {t(`dashboard.value.by.${b}`)}
                </option>
              ))}
            </select>
          </span>
          <span className="filter-inline">
            <label htmlFor="value-rate">{t('dashboard.value.hourlyRate')}</label>{' '}
            <input
              id="value-rate"
              type="number"
              min={0}
              step="any"
              size={8}
              value={rateDraft}
              onChange={(e) => setRateDraft(e.target.value)}
              onBlur={() => commit('hourly_rate', rateDraft)}
              onKeyDown={(e) => e.key === 'Enter' && commit('hourly_rate', rateDraft)}
            />
          </span>
          <span className="filter-inline">
            <label htmlFor="value-currency">{t('dashboard.value.currency')}</label>{' '}
            <input
              id="value-currency"
              type="text"
              size={4}
              maxLength={3}
              placeholder="USD"
              value={currencyDraft}
              onChange={(e) => setCurrencyDraft(e.target.value.toUpperCase())}
              onBlur={() => commit('currency', currencyDraft)}
              onKeyDown={(e) => e.key === 'Enter' && commit('currency', currencyDraft)}
            />
          </span>
        </>
      }
      footer={!rateOk ? <p className="hint">{t('dashboard.value.noRate')}</p> : null}
    />
  );
}
