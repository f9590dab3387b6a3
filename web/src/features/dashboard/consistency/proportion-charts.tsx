import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { BAD, ChartCard, type ChartTable, type EChartsCoreOption, GOOD, NEUTRAL, PALETTE, formatDecimal, formatPercent } from '../kit/index.ts';
import type { ConsistencyDto } from '../dashboard-api.ts';
import { drilldownLink } from '../drilldown/drilldown-link.ts';
import { testInWords } from './consistency-words.ts';
import { ExcludedUnits } from './excluded-units.tsx';

type Proportion = NonNullable<ConsistencyDto['proportion']>;
type Unit = Proportion['units'][number];

const pct = (v: number) => Math.round(v * 10000) / 100;

/** p-chart, test in words, CV, and observed vs expected per unit (sla_met, csat_satisfied). */
export function ProportionCharts({ data, loading, error, unit, measure }: { data: ConsistencyDto | undefined; loading: boolean; error: unknown; unit: string; measure: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const proportion = data?.proportion ?? null;
  const units = useMemo(() => proportion?.units ?? [], [proportion]);
  const nameOf = (u: Unit) => u.name ?? t('dashboard.deleted');
  const link = (u: Unit) => drilldownLink(u.drilldown, nameOf(u));
  const unitLabel = t(`dashboard.consistency.units.${unit}`);
  const emptyHint = measure === 'csat_satisfied' ? t('dashboard.consistency.emptyCsat') : t('dashboard.consistency.emptySla');

  const pchart = useMemo((): { option: EChartsCoreOption; table: ChartTable } => {
    const names = units.map((u) => u.name ?? t('dashboard.deleted'));
    const color = (u: Unit) => (u.signal === 'below_lower' ? BAD : u.signal === 'above_upper' ? GOOD : PALETTE[0]);
    const center = proportion?.center ?? null;
    const fmt = (v: unknown) => (typeof v === 'number' ? formatPercent(v, lang) : '—');
    return {
      option: {
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v} %` : '—') },
        legend: { bottom: 0 },
        grid: { left: 50, right: 20, top: 20, bottom: 80 },
        xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } },
        yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
        series: [
          {
            name: t('dashboard.consistency.upperLimit'),
            type: 'line',
            step: 'middle',
            symbol: 'none',
            lineStyle: { type: 'dashed', color: NEUTRAL },
            itemStyle: { color: NEUTRAL },
            data: units.map((u) => pct(u.upper_limit)),
          },
          {
            name: t('dashboard.consistency.lowerLimit'),
            type: 'line',
            step: 'middle',
            symbol: 'none',
            lineStyle: { type: 'dashed', color: NEUTRAL },
            itemStyle: { color: NEUTRAL },
            data: units.map((u) => pct(u.lower_limit)),
          },
          {
            name: t('dashboard.consistency.rate'),
            type: 'scatter',
            symbolSize: (_v: unknown, p: { dataIndex: number }) => (units[p.dataIndex]?.signal ? 16 : 10),
            itemStyle: { color: (p: { dataIndex: number }) => { const u = units[p.dataIndex]; return u ? color(u) : PALETTE[0]; } },
            data: units.map((u) => pct(u.p)),
            markLine: center === null ? undefined : { symbol: 'none', silent: true, lineStyle: { color: PALETTE[1] }, label: { formatter: `p̄ ${formatPercent(center, lang)}` }, data: [{ yAxis: pct(center) }] },
          },
        ],
      },
      table: {
        columns: [
          { label: unitLabel, render: (v, _r, i) => (units[i] ? <Link to={link(units[i])}>{String(v)}</Link> : String(v)) },
          { label: t('dashboard.consistency.n'), numeric: true },
          { label: t('dashboard.consistency.x'), numeric: true },
          { label: t('dashboard.consistency.rate'), numeric: true, format: fmt },
          { label: t('dashboard.consistency.lowerLimit'), numeric: true, format: fmt },
          { label: t('dashboard.consistency.upperLimit'), numeric: true, format: fmt },
          { label: t('dashboard.consistency.signal'), format: (v) => (v === 'below_lower' ? t('dashboard.consistency.signals.below_lower') : v === 'above_upper' ? t('dashboard.consistency.signals.above_upper') : '—') },
        ],
        rows: units.map((u, i) => [names[i] ?? '', u.n, u.x, u.p, u.lower_limit, u.upper_limit, u.signal]),
      },
    };
    // `link`/`nameOf` depend on `t` only.
  }, [units, proportion, unitLabel, t, lang]);

  const expected = useMemo((): { option: EChartsCoreOption; table: ChartTable } => {
    const names = units.map((u) => u.name ?? t('dashboard.deleted'));
    const fmt = (v: unknown) => (typeof v === 'number' ? formatPercent(v, lang) : '—');
    return {
      option: {
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v} %` : '—') },
        legend: { bottom: 0 },
        grid: { left: 50, right: 20, top: 20, bottom: 80 },
        xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } },
        yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
        series: [
          { type: 'bar', name: t('dashboard.consistency.observed'), data: units.map((u) => pct(u.p)) },
          { type: 'bar', name: t('dashboard.consistency.expected'), data: units.map((u) => pct(u.expected_p)), itemStyle: { color: NEUTRAL } },
        ],
      },
      table: {
        columns: [
          { label: unitLabel },
          { label: t('dashboard.consistency.n'), numeric: true },
          { label: t('dashboard.consistency.observed'), numeric: true, format: fmt },
          { label: t('dashboard.consistency.expected'), numeric: true, format: fmt },
          { label: t('dashboard.consistency.ratio'), numeric: true, format: (v) => (typeof v === 'number' ? formatDecimal(v, lang, 2) : '—') },
          { label: t('dashboard.consistency.standardized'), numeric: true, format: fmt },
          { label: t('dashboard.consistency.z'), numeric: true, format: (v) => (typeof v === 'number' ? formatDecimal(v, lang, 2) : '—') },
        ],
        rows: units.map((u, i) => [names[i] ?? '', u.n, u.p, u.expected_p, u.observed_expected_ratio, u.standardized_p, u.z]),
      },
    };
  }, [units, unitLabel, t, lang]);

  const flagged = units.filter((u) => u.signal === 'below_lower');
  const chi = proportion?.chi_square;
  const cv = proportion?.cv;
  const summary = proportion && (
    <div className="consistency-summary">
      <p>{chi ? testInWords(t, lang, { name: 'chi', statistic: chi.statistic, df: chi.df, p: chi.p_value, doubtful: chi.min_expected !== null && chi.min_expected < 5 }) : null}</p>
      <p>{cv?.cv !== null && cv?.cv !== undefined ? t('dashboard.consistency.cv', { cv: formatPercent(cv.cv, lang) }) : t('dashboard.consistency.cvNotPossible')}</p>
      {flagged.length > 0 ? (
        <div>
          <p>{t('dashboard.consistency.flagged', { count: flagged.length })}</p>
          <ul className="flagged-units">
            {flagged.map((u) => (
              <li key={u.unit_id}>
                <Link to={link(u)}>{t('dashboard.consistency.flaggedUnit', { name: nameOf(u), rate: formatPercent(u.p, lang), lower: formatPercent(u.lower_limit, lang) })}</Link>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p>{t('dashboard.consistency.noneFlagged')}</p>
      )}
    </div>
  );

  return (
    <div className="dashboard-grid">
      <div className="wide">
        <ChartCard
          title={t('dashboard.consistency.pchartTitle', { measure: t(`dashboard.consistency.measures.${measure}`) })}
          n={proportion?.n}
          option={pchart.option}
          table={pchart.table}
          emptyHint={emptyHint}
          loading={loading}
          error={error}
          description={t('dashboard.consistency.pchartDescription')}
          onPointClick={(p) => {
            const u = units[p.dataIndex];
            if (u && p.seriesIndex === 2) navigate(link(u));
          }}
          footer={
            <>
              {summary}
              <ExcludedUnits units={data?.excluded_units ?? []} omitted={data?.truncated.omitted_groups ?? 0} />
            </>
          }
        />
      </div>
      <div className="wide">
        <ChartCard
          title={t('dashboard.consistency.expectedTitle')}
          n={proportion?.n}
          option={expected.option}
          table={expected.table}
          emptyHint={emptyHint}
          loading={loading}
          error={error}
          description={t('dashboard.consistency.expectedDescription')}
          footer={<p className="hint">{t('dashboard.consistency.expectedNote')}</p>}
        />
      </div>
    </div>
  );
}
