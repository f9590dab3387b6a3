import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../lib/format.ts';
import {
  ChartCard,
  type ChartTable,
  type EChartsCoreOption,
  FilterBar,
  KpiTile,
  formatLocalDate,
  formatPercent,
  formatSeconds,
  useDashboardData,
  useDashboardFilters,
} from '../kit/index.ts';
import type { SatisfactionDto, TicketAnalyticsDto, TicketAnalyticsRow } from '../dashboard-api.ts';

/** Share of decided SLA outcomes that were achieved, over every metric; null without any. */
export function slaAttainment(row: TicketAnalyticsRow | undefined): { value: number | null; n: number } | undefined {
  if (!row) return undefined;
  let achieved = 0;
  let n = 0;
  for (const stats of Object.values(row.sla)) {
    achieved += stats.achieved;
    n += stats.n;
  }
  return { value: n > 0 ? achieved / n : null, n };
}

/** The x-axis label of a period row ("YYYY-MM-DD" local start). */
export function periodLabel(group: string | null, period: 'day' | 'week' | 'month', lang: string): string {
  if (!group) return '—';
  return formatLocalDate(group, lang, period === 'month' ? 'month' : 'day');
}

/** Overview: key figures with trends, volume and response times by period. */
export function OverviewScreen() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const state = useDashboardFilters();
  const { range } = state;
  const ready = state.ready;
  const current = useDashboardData<TicketAnalyticsDto>('tickets', '/analytics/tickets', ready ? { ...state.params, group_by: 'none' } : null);
  const previous = useDashboardData<TicketAnalyticsDto>('tickets', '/analytics/tickets', ready ? { ...state.previousParams, group_by: 'none' } : null);
  const series = useDashboardData<TicketAnalyticsDto>('tickets', '/analytics/tickets', ready ? { ...state.params, group_by: range.period } : null);
  const csat = useDashboardData<SatisfactionDto>('satisfaction', '/analytics/satisfaction', ready ? { ...state.params, group_by: 'none' } : null);
  const csatPrevious = useDashboardData<SatisfactionDto>('satisfaction', '/analytics/satisfaction', ready ? { ...state.previousParams, group_by: 'none' } : null);

  const now = current.data?.groups[0];
  const before = previous.data?.groups[0];
  const attainment = slaAttainment(now);
  const attainmentBefore = slaAttainment(before);
  const count = (n: number) => formatNumber(n, lang);
  const duration = (s: number) => formatSeconds(s, lang);
  const percent = (p: number) => formatPercent(p, lang);

  const rows = useMemo(() => series.data?.groups ?? [], [series.data]);
  const labels = useMemo(() => rows.map((r) => periodLabel(r.group, range.period, lang)), [rows, range.period, lang]);
  const volumeEmpty = rows.every((r) => r.created === 0 && r.solved === 0);
  const timesEmpty = rows.every((r) => r.first_reply.n === 0 && r.resolution.n === 0);

  const volume = useMemo((): { option: EChartsCoreOption; table: ChartTable } => {
    const created = t('dashboard.overview.created');
    const solved = t('dashboard.overview.solved');
    return {
      option: {
        tooltip: { trigger: 'axis' },
        legend: { data: [created, solved], bottom: 0 },
        grid: { left: 50, right: 20, top: 20, bottom: 60 },
        xAxis: { type: 'category', data: labels },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: created, type: 'line', data: rows.map((r) => r.created), symbolSize: 6 },
          { name: solved, type: 'line', data: rows.map((r) => r.solved), symbolSize: 6 },
        ],
      },
      table: {
        columns: [{ label: t('dashboard.overview.periodColumn') }, { label: created, numeric: true }, { label: solved, numeric: true }],
        rows: rows.map((r, i) => [labels[i] ?? '', r.created, r.solved]),
      },
    };
  }, [rows, labels, t]);

  const backlog = useMemo((): { option: EChartsCoreOption; table: ChartTable } => {
    const name = t('dashboard.overview.backlog');
    return {
      option: {
        tooltip: { trigger: 'axis' },
        grid: { left: 50, right: 20, top: 20, bottom: 40 },
        xAxis: { type: 'category', data: labels },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ name, type: 'line', areaStyle: { opacity: 0.15 }, data: rows.map((r) => r.backlog), symbolSize: 6 }],
      },
      table: {
        columns: [{ label: t('dashboard.overview.periodColumn') }, { label: t('dashboard.overview.backlogEnd'), numeric: true }],
        rows: rows.map((r, i) => [labels[i] ?? '', r.backlog]),
      },
    };
  }, [rows, labels, t]);

  const times = useMemo((): { option: EChartsCoreOption; table: ChartTable } => {
    const first = t('dashboard.overview.firstReplyMedian');
    const resolution = t('dashboard.overview.resolutionMedian');
    const hours = (s: number | null) => (s === null ? null : Math.round((s / 3600) * 100) / 100);
    return {
      option: {
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? duration(v * 3600) : '—') },
        legend: { data: [first, resolution], bottom: 0 },
        grid: { left: 60, right: 20, top: 30, bottom: 60 },
        xAxis: { type: 'category', data: labels },
        yAxis: { type: 'value', name: t('dashboard.overview.hoursAxis') },
        series: [
          { name: first, type: 'line', connectNulls: true, data: rows.map((r) => hours(r.first_reply.calendar.median)) },
          { name: resolution, type: 'line', connectNulls: true, data: rows.map((r) => hours(r.resolution.calendar.median)) },
        ],
      },
      table: {
        columns: [
          { label: t('dashboard.overview.periodColumn') },
          { label: first, numeric: true, format: (v) => (typeof v === 'number' ? duration(v) : '—') },
          { label: t('dashboard.overview.firstReplyN'), numeric: true },
          { label: resolution, numeric: true, format: (v) => (typeof v === 'number' ? duration(v) : '—') },
          { label: t('dashboard.overview.resolutionN'), numeric: true },
        ],
        rows: rows.map((r, i) => [labels[i] ?? '', r.first_reply.calendar.median, r.first_reply.n, r.resolution.calendar.median, r.resolution.n]),
      },
    };
    // `duration` is rebuilt each render from `lang`, which is a dependency.
  }, [rows, labels, t, lang]);

  const loadingKpis = !ready || current.isPending;
  return (
    <section aria-labelledby="overview-title">
      <h2 id="overview-title" className="visually-hidden">
        {t('dashboard.tabs.overview')}
      </h2>
      <FilterBar state={state} showPeriod />
      {current.error && (
        <p className="form-error" role="alert">
          {t('dashboard.overview.loadFailed')}
        </p>
      )}
      <div className="kpi-row">
        <KpiTile label={t('dashboard.overview.created')} value={now?.created} previous={before?.created} format={count} loading={loadingKpis} />
        <KpiTile label={t('dashboard.overview.solved')} value={now?.solved} previous={before?.solved} better="up" format={count} loading={loadingKpis} />
        <KpiTile label={t('dashboard.overview.backlog')} value={now?.backlog} previous={before?.backlog} better="down" format={count} loading={loadingKpis} />
        <KpiTile
          label={t('dashboard.overview.firstReplyMedian')}
          value={now?.first_reply.calendar.median}
          previous={before?.first_reply.calendar.median}
          n={now?.first_reply.n}
          better="down"
          format={duration}
          emptyHint={t('dashboard.overview.firstReplyEmpty')}
          loading={loadingKpis}
        />
        <KpiTile
          label={t('dashboard.overview.resolutionMedian')}
          value={now?.resolution.calendar.median}
          previous={before?.resolution.calendar.median}
          n={now?.resolution.n}
          better="down"
          format={duration}
          emptyHint={t('dashboard.overview.resolutionEmpty')}
          loading={loadingKpis}
        />
        <KpiTile
          label={t('dashboard.overview.slaAttainment')}
          value={attainment?.value}
          previous={attainmentBefore?.value}
          n={attainment?.n}
          better="up"
          format={percent}
          emptyHint={t('dashboard.overview.slaEmpty')}
          loading={loadingKpis}
        />
        {!csat.error && (
          <KpiTile
            label={t('dashboard.overview.csat')}
            value={csat.data?.overall.csat.percent === null || csat.data?.overall.csat.percent === undefined ? null : csat.data.overall.csat.percent / 100}
            previous={csatPrevious.data?.overall.csat.percent === null || csatPrevious.data?.overall.csat.percent === undefined ? null : csatPrevious.data.overall.csat.percent / 100}
            n={csat.data?.overall.csat.n}
            better="up"
            format={percent}
            emptyHint={t('dashboard.overview.csatEmpty')}
            loading={!ready || csat.isPending}
          />
        )}
      </div>
      <div className="dashboard-grid">
        <ChartCard
          title={t('dashboard.overview.volumeTitle')}
          n={now ? now.created : null}
          option={volume.option}
          table={volume.table}
          empty={volumeEmpty}
          emptyHint={t('dashboard.overview.volumeEmpty')}
          loading={!ready || series.isPending}
          error={series.error}
          description={t('dashboard.overview.volumeDescription')}
        />
        <ChartCard
          title={t('dashboard.overview.backlogTitle')}
          n={now ? now.backlog : null}
          option={backlog.option}
          table={backlog.table}
          empty={volumeEmpty && rows.every((r) => r.backlog === 0)}
          emptyHint={t('dashboard.overview.backlogEmpty')}
          loading={!ready || series.isPending}
          error={series.error}
          description={t('dashboard.overview.backlogDescription')}
        />
        <ChartCard
          title={t('dashboard.overview.timesTitle')}
          n={now ? now.resolution.n : null}
          option={times.option}
          table={times.table}
          empty={timesEmpty}
          emptyHint={t('dashboard.overview.timesEmpty')}
          loading={!ready || series.isPending}
          error={series.error}
          description={t('dashboard.overview.timesDescription')}
        />
      </div>
    </section>
  );
}
