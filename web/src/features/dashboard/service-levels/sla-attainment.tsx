import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useTiers, nameOf } from '../../../lib/reference-data.ts';
import { ChartCard, type ChartTable, type DashboardFilters, type EChartsCoreOption, formatPercent, useDashboardData } from '../kit/index.ts';
import type { ClockMetric, TicketAnalyticsDto, TicketAnalyticsRow } from '../dashboard-api.ts';

/** The metrics with a decided outcome in a row, in the SLA engine's order. */
const ORDER: ClockMetric[] = ['first_reply', 'next_reply', 'periodic_update', 'requester_wait', 'agent_work', 'resolution', 'total_resolution', 'chat_greet', 'chat_hold'];
function metricsOf(rows: TicketAnalyticsRow[]): string[] {
  const seen = new Set(rows.flatMap((r) => Object.entries(r.sla).filter(([, s]) => s.n > 0).map(([m]) => m)));
  return [...ORDER.filter((m) => seen.has(m)), ...[...seen].filter((m) => !(ORDER as string[]).includes(m)).sort()];
}

const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

/**
 * SLA attainment by metric, and by metric × tier (GET /analytics/tickets `sla`: tickets created in
 * the period with a decided outcome per metric), narrowed by the dashboard's filters.
 */
export function SlaAttainmentCards({ state }: { state: DashboardFilters }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const tiers = useTiers();
  const byMetric = useDashboardData<TicketAnalyticsDto>('tickets', '/analytics/tickets', state.ready ? { ...state.params, group_by: 'none' } : null);
  const byTier = useDashboardData<TicketAnalyticsDto>('tickets', '/analytics/tickets', state.ready ? { ...state.params, group_by: 'tier' } : null);

  const metric = useMemo((): { option: EChartsCoreOption; table: ChartTable; n: number } => {
    const row = byMetric.data?.groups[0];
    const rows = row ? metricsOf([row]).map((metric) => ({ metric, ...(row.sla[metric] ?? { n: 0, achieved: 0, breached: 0, attainment: null }) })) : [];
    const labels = rows.map((r) => t(`sla.metric.${r.metric}`));
    return {
      n: rows.reduce((sum, r) => sum + r.n, 0),
      option: {
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v} %` : '—') },
        grid: { left: 130, right: 30, top: 10, bottom: 30 },
        xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
        yAxis: { type: 'category', data: labels, inverse: true },
        series: [{ type: 'bar', name: t('dashboard.serviceLevels.attainment'), data: rows.map((r) => pct(r.attainment)), label: { show: true, position: 'right', formatter: '{c} %' } }],
      },
      table: {
        columns: [
          { label: t('dashboard.serviceLevels.metric') },
          { label: t('dashboard.serviceLevels.attainment'), numeric: true, format: (v) => (typeof v === 'number' ? formatPercent(v, lang) : '—') },
          { label: t('dashboard.serviceLevels.achieved'), numeric: true },
          { label: t('dashboard.serviceLevels.breached'), numeric: true },
          { label: t('dashboard.serviceLevels.decided'), numeric: true },
        ],
        rows: rows.map((r, i) => [labels[i] ?? r.metric, r.attainment, r.achieved, r.breached, r.n]),
      },
    };
  }, [byMetric.data, t, lang]);

  const tier = useMemo((): { option: EChartsCoreOption; table: ChartTable } => {
    const tierRows = byTier.data?.groups ?? [];
    const metrics = metricsOf(tierRows);
    const groups = tierRows.filter((g) => Object.values(g.sla).some((s) => s.n > 0)).map((g) => g.group);
    const rows = tierRows.flatMap((g) => metrics.filter((m) => (g.sla[m]?.n ?? 0) > 0).map((m) => ({ group: g.group, metric: m, ...(g.sla[m] as NonNullable<(typeof g.sla)[string]>) })));
    const tierName = (id: string | null) => (id === null ? t('dashboard.serviceLevels.noTier') : (nameOf(tiers.data, id) ?? t('dashboard.deleted')));
    return {
      option: {
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v} %` : '—') },
        legend: { bottom: 0 },
        grid: { left: 50, right: 20, top: 20, bottom: 60 },
        xAxis: { type: 'category', data: metrics.map((m) => t(`sla.metric.${m}`)) },
        yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
        series: groups.map((g) => ({
          type: 'bar',
          name: tierName(g),
          data: metrics.map((m) => pct(rows.find((r) => r.group === g && r.metric === m)?.attainment ?? null)),
        })),
      },
      table: {
        columns: [
          { label: t('fields.tier') },
          { label: t('dashboard.serviceLevels.metric') },
          { label: t('dashboard.serviceLevels.attainment'), numeric: true, format: (v) => (typeof v === 'number' ? formatPercent(v, lang) : '—') },
          { label: t('dashboard.serviceLevels.achieved'), numeric: true },
          { label: t('dashboard.serviceLevels.breached'), numeric: true },
        ],
        rows: rows.map((r) => [tierName(r.group), t(`sla.metric.${r.metric}`), r.attainment, r.achieved, r.breached]),
      },
    };
  }, [byTier.data, tiers.data, t, lang]);

  return (
    <>
      <ChartCard
        title={t('dashboard.serviceLevels.byMetricTitle')}
        n={metric.n}
        option={metric.option}
        table={metric.table}
        emptyHint={t('dashboard.serviceLevels.slaEmpty')}
        loading={!state.ready || byMetric.isPending}
        error={byMetric.error}
        description={t('dashboard.serviceLevels.byMetricDescription')}
      />
      <ChartCard
        title={t('dashboard.serviceLevels.byTierTitle')}
        n={metric.n}
        option={tier.option}
        table={tier.table}
        emptyHint={t('dashboard.serviceLevels.slaEmpty')}
        loading={!state.ready || byTier.isPending}
        error={byTier.error}
        description={t('dashboard.serviceLevels.byTierDescription')}
      />
    </>
  );
}
