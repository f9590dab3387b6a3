import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { BAD, ChartCard, type ChartTable, type EChartsCoreOption, NEUTRAL, PALETTE, formatPercent, formatSeconds } from '../kit/index.ts';
import type { ConsistencyDto } from '../dashboard-api.ts';
import { drilldownLink } from '../drilldown/drilldown-link.ts';
import { periodLabel } from '../overview/overview-screen.tsx';
import { testInWords } from './consistency-words.ts';
import { ExcludedUnits } from './excluded-units.tsx';

type Time = NonNullable<ConsistencyDto['time']>;
type Unit = Time['units'][number];

const hours = (s: number | null) => (s === null ? null : Math.round((s / 3600) * 100) / 100);

/** Medians per unit with Kruskal–Wallis and CV, and the XmR chart of per-period medians (first_reply, resolution). */
export function TimeCharts({
  data,
  loading,
  error,
  unit,
  xmrUnit,
  onXmrUnit,
}: {
  data: ConsistencyDto | undefined;
  loading: boolean;
  error: unknown;
  unit: string;
  xmrUnit: string;
  onXmrUnit: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const time = data?.time ?? null;
  const units = useMemo(() => time?.units ?? [], [time]);
  const unitLabel = t(`dashboard.consistency.units.${unit}`);
  const nameOf = (u: Unit) => u.name ?? t('dashboard.deleted');
  const link = (u: Unit) => drilldownLink(u.drilldown, nameOf(u));
  const duration = (v: unknown) => (typeof v === 'number' ? formatSeconds(v, lang) : '—');

  const medians = useMemo((): { option: EChartsCoreOption; table: ChartTable } => {
    const names = units.map((u) => u.name ?? t('dashboard.deleted'));
    const fmt = (v: unknown) => (typeof v === 'number' ? formatSeconds(v, lang) : '—');
    return {
      option: {
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => (typeof v === 'number' ? formatSeconds(v * 3600, lang) : '—') },
        legend: { bottom: 0 },
        grid: { left: 120, right: 30, top: 10, bottom: 50 },
        xAxis: { type: 'value', name: t('dashboard.overview.hoursAxis') },
        yAxis: { type: 'category', data: names, inverse: true },
        series: [
          { type: 'bar', name: t('dashboard.consistency.median'), data: units.map((u) => hours(u.median)) },
          { type: 'bar', name: t('dashboard.consistency.percentile'), data: units.map((u) => hours(u.p90)), itemStyle: { color: NEUTRAL } },
        ],
      },
      table: {
        columns: [
          { label: unitLabel, render: (v, _r, i) => (units[i] ? <Link to={link(units[i])}>{String(v)}</Link> : String(v)) },
          { label: t('dashboard.consistency.n'), numeric: true },
          { label: t('dashboard.consistency.median'), numeric: true, format: fmt },
          { label: t('dashboard.consistency.percentile'), numeric: true, format: fmt },
          { label: t('dashboard.consistency.mean'), numeric: true, format: fmt },
        ],
        rows: units.map((u, i) => [names[i] ?? '', u.n, u.median, u.p90, u.mean]),
      },
    };
  }, [units, unitLabel, t, lang]);

  const xmr = time?.xmr;
  const xmrView = useMemo((): { option: EChartsCoreOption; table: ChartTable } => {
    const points = (xmr?.points ?? []).filter((p) => p.median !== null);
    const labels = points.map((p) => periodLabel(p.label, xmr?.period ?? 'week', lang));
    const limitLine = (value: number | null | undefined, name: string, color: string) =>
      value === null || value === undefined ? [] : [{ yAxis: hours(value), name, lineStyle: { color, type: 'dashed' }, label: { formatter: name, position: 'insideEndTop' } }];
    return {
      option: {
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? formatSeconds(v * 3600, lang) : '—') },
        grid: [
          { left: 60, right: 30, top: 20, height: '50%' },
          { left: 60, right: 30, top: '70%', bottom: 30 },
        ],
        xAxis: [
          { type: 'category', data: labels, gridIndex: 0 },
          { type: 'category', data: labels, gridIndex: 1, axisLabel: { show: false } },
        ],
        yAxis: [
          { type: 'value', name: t('dashboard.overview.hoursAxis'), gridIndex: 0 },
          { type: 'value', name: t('dashboard.consistency.movingRange'), gridIndex: 1 },
        ],
        series: [
          {
            type: 'line',
            name: t('dashboard.consistency.median'),
            xAxisIndex: 0,
            yAxisIndex: 0,
            symbolSize: (_v: unknown, p: { dataIndex: number }) => ((points[p.dataIndex]?.signals.length ?? 0) > 0 ? 14 : 7),
            itemStyle: { color: (p: { dataIndex: number }) => ((points[p.dataIndex]?.signals.length ?? 0) > 0 ? BAD : PALETTE[0]) },
            data: points.map((p) => hours(p.median)),
            markLine: {
              symbol: 'none',
              silent: true,
              data: [
                ...limitLine(xmr?.center, t('dashboard.consistency.center'), PALETTE[1] ?? NEUTRAL),
                ...limitLine(xmr?.upper_limit, t('dashboard.consistency.upperLimit'), NEUTRAL),
                ...(xmr?.lower_limit !== null && xmr?.lower_limit !== undefined && xmr.lower_limit > 0 ? limitLine(xmr.lower_limit, t('dashboard.consistency.lowerLimit'), NEUTRAL) : []),
              ],
            },
          },
          {
            type: 'bar',
            name: t('dashboard.consistency.movingRange'),
            xAxisIndex: 1,
            yAxisIndex: 1,
            itemStyle: { color: NEUTRAL },
            data: points.map((p) => hours(p.moving_range)),
            markLine: { symbol: 'none', silent: true, data: limitLine(xmr?.moving_range_upper_limit, t('dashboard.consistency.upperLimit'), BAD) },
          },
        ],
      },
      table: {
        columns: [
          { label: t('dashboard.overview.periodColumn') },
          { label: t('dashboard.consistency.n'), numeric: true },
          { label: t('dashboard.consistency.median'), numeric: true, format: (v) => (typeof v === 'number' ? formatSeconds(v, lang) : '—') },
          { label: t('dashboard.consistency.movingRange'), numeric: true, format: (v) => (typeof v === 'number' ? formatSeconds(v, lang) : '—') },
          { label: t('dashboard.consistency.signal') },
        ],
        rows: points.map((p, i) => [labels[i] ?? p.label, p.n, p.median, p.moving_range, p.signals.map((s) => t(`dashboard.consistency.xmrSignals.${s}`)).join('; ') || null]),
      },
    };
  }, [xmr, t, lang]);

  const kw = time?.kruskal_wallis;
  const cv = time?.cv;
  const xmrSignals = (xmr?.points ?? []).filter((p) => p.signals.length > 0).length;

  return (
    <div className="dashboard-grid">
      <div className="wide">
        <ChartCard
          title={t('dashboard.consistency.mediansTitle')}
          n={time?.n}
          option={medians.option}
          table={medians.table}
          emptyHint={t('dashboard.consistency.emptyTimes')}
          loading={loading}
          error={error}
          description={t('dashboard.consistency.mediansDescription')}
          height={Math.max(220, units.length * 36 + 80)}
          onPointClick={(p) => {
            const u = units[p.dataIndex];
            if (u) navigate(link(u));
          }}
          footer={
            <>
              <div className="consistency-summary">
                <p>{kw ? testInWords(t, lang, { name: 'kw', statistic: kw.h, df: kw.df, p: kw.p_value }) : null}</p>
                <p>{cv?.cv !== null && cv?.cv !== undefined ? t('dashboard.consistency.cvMedians', { cv: formatPercent(cv.cv, lang) }) : t('dashboard.consistency.cvNotPossible')}</p>
              </div>
              <ExcludedUnits units={data?.excluded_units ?? []} omitted={data?.truncated.omitted_groups ?? 0} />
            </>
          }
        />
      </div>
      <div className="wide">
        <ChartCard
          title={t('dashboard.consistency.xmrTitle')}
          n={time?.n}
          option={xmrView.option}
          table={xmrView.table}
          emptyHint={t('dashboard.consistency.emptyXmr')}
          loading={loading}
          error={error}
          description={t('dashboard.consistency.xmrDescription')}
          height={380}
          tools={
            <span className="filter-inline">
              <label htmlFor="xmr-unit">{t('dashboard.consistency.xmrUnit')}</label>{' '}
              <select id="xmr-unit" value={xmrUnit} onChange={(e) => onXmrUnit(e.target.value)}>
                <option value="">{t('dashboard.consistency.wholeSelection')}</option>
                {units.map((u) => (
                  <option key={u.unit_id} value={u.unit_id}>
                    {nameOf(u)}
                  </option>
                ))}
              </select>
            </span>
          }
          footer={<p>{xmrSignals > 0 ? t('dashboard.consistency.xmrSignalCount', { count: xmrSignals }) : t('dashboard.consistency.xmrNoSignals')}</p>}
        />
      </div>
    </div>
  );
}
