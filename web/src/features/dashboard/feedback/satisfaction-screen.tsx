import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../lib/format.ts';
import { type ChartTable, ChartCard, FilterBar, KpiTile, PALETTE, formatDecimal, formatPercent, useDashboardData, useDashboardFilters } from '../kit/index.ts';
import type { Period } from '../kit/range.ts';
import { CommentStream } from './comment-stream.tsx';
import type { NoIntervalReason, SatisfactionDto, SatisfactionRow } from './feedback-api.ts';
import { type TrendPoint, periodLabel, trendBandOption } from './feedback-charts.ts';

type Measure = 'csat' | 'nps' | 'ces';

/** Catalog keys per measure (literal, so the catalog check sees each one used). */
const WORDS: Record<Measure, { title: string; trend: string; empty: string }> = {
  csat: { title: 'feedbackDashboard.satisfaction.csatTitle', trend: 'feedbackDashboard.satisfaction.csatTrend', empty: 'feedbackDashboard.satisfaction.csatEmpty' },
  nps: { title: 'feedbackDashboard.satisfaction.npsTitle', trend: 'feedbackDashboard.satisfaction.npsTrend', empty: 'feedbackDashboard.satisfaction.npsEmpty' },
  ces: { title: 'feedbackDashboard.satisfaction.cesTitle', trend: 'feedbackDashboard.satisfaction.cesTrend', empty: 'feedbackDashboard.satisfaction.cesEmpty' },
};

/**
 * Satisfaction: CSAT %, NPS and CES per period with their 95% intervals as bands, the overall
 * figures against the previous equal period, and the comment stream, under the shared filters.
 */
export function SatisfactionScreen() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const state = useDashboardFilters();
  const { range } = state;
  const current = useDashboardData<SatisfactionDto>('satisfaction', '/analytics/satisfaction', state.ready ? { ...state.params, group_by: range.period } : null);
  const previous = useDashboardData<SatisfactionDto>('satisfaction', '/analytics/satisfaction', state.ready ? { ...state.previousParams, group_by: 'none' } : null);
  const data = current.data;
  const overall = data?.overall;
  const before = previous.data?.overall;
  const loading = !state.ready || current.isPending;

  const pct = formatterFor('csat', lang);
  const nps = formatterFor('nps', lang);
  const ces = formatterFor('ces', lang);

  return (
    <div className="feedback-screen">
      <FilterBar state={state} showPeriod />
      {data?.ticket_filter_excludes_unlinked && <p className="hint">{t('feedbackDashboard.satisfaction.unlinkedExcluded')}</p>}
      <div className="kpi-row">
        <KpiTile
          label={t(WORDS.csat.title)}
          value={overall?.csat.percent}
          previous={before ? before.csat.percent : undefined}
          n={overall?.csat.n}
          format={pct}
          better="up"
          loading={loading}
          emptyHint={t(WORDS.csat.empty)}
        />
        <KpiTile
          label={t(WORDS.nps.title)}
          value={overall?.nps.score}
          previous={before ? before.nps.score : undefined}
          n={overall?.nps.n}
          format={nps}
          better="up"
          loading={loading}
          emptyHint={t(WORDS.nps.empty)}
        />
        <KpiTile
          label={t(WORDS.ces.title)}
          value={overall?.ces.mean}
          previous={before && before.ces.scale.direction === overall?.ces.scale.direction ? before.ces.mean : undefined}
          n={overall?.ces.n}
          format={ces}
          better={overall?.ces.scale.direction === 'higher_is_harder' ? 'down' : 'up'}
          loading={loading}
          emptyHint={t(WORDS.ces.empty)}
        />
      </div>
      <div className="dashboard-grid">
        <TrendCard measure="csat" data={data} period={range.period} loading={loading} error={current.error} />
        <TrendCard measure="nps" data={data} period={range.period} loading={loading} error={current.error} />
        <TrendCard measure="ces" data={data} period={range.period} loading={loading} error={current.error} />
      </div>
      <CommentStream params={state.ready ? state.params : null} />
    </div>
  );
}

/** CSAT as a percentage (the API sends 0–100), NPS to one decimal, CES means to two. */
function formatterFor(measure: Measure, lang: string): (v: number) => string {
  if (measure === 'csat') return (v) => formatPercent(v / 100, lang, 1);
  if (measure === 'nps') return (v) => formatDecimal(v, lang, 1);
  return (v) => formatDecimal(v, lang, 2);
}

/** The figure of a measure in a row, its interval, and why it has none. */
function figureOf(row: SatisfactionRow, measure: Measure): { value: number | null; lower: number | null; upper: number | null; n: number; reason: NoIntervalReason | null; minN: number } {
  if (measure === 'csat') {
    const c = row.csat;
    return { value: c.percent, lower: c.interval?.lower ?? null, upper: c.interval?.upper ?? null, n: c.n, reason: c.no_interval_reason, minN: c.min_interval_n };
  }
  if (measure === 'nps') {
    const c = row.nps;
    return { value: c.score, lower: c.interval?.lower ?? null, upper: c.interval?.upper ?? null, n: c.n, reason: c.no_interval_reason, minN: c.min_interval_n };
  }
  const c = row.ces;
  return { value: c.mean, lower: c.interval?.lower ?? null, upper: c.interval?.upper ?? null, n: c.n, reason: c.no_interval_reason, minN: c.min_interval_n };
}

function TrendCard({ measure, data, period, loading, error }: { measure: Measure; data: SatisfactionDto | undefined; period: Period; loading: boolean; error: unknown }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const title = t(WORDS[measure].trend);
  const name = t(WORDS[measure].title);
  const overall = data ? figureOf(data.overall, measure) : null;
  const minN = overall?.minN ?? 0;

  const { points, table, option } = useMemo(() => {
    const format = formatterFor(measure, lang);
    const rows = data?.groups ?? [];
    const noteOf = (reason: NoIntervalReason | null, n: number, min: number) =>
      reason === 'no_responses' ? t('feedbackDashboard.satisfaction.noResponses') : reason === 'n_below_minimum' ? t('feedbackDashboard.satisfaction.belowMinimum', { n, min }) : null;
    const pts: TrendPoint[] = rows.map((row) => {
      const f = figureOf(row, measure);
      return { label: row.group ? periodLabel(row.group, period, lang) : '—', value: f.value, lower: f.lower, upper: f.upper, n: f.n, note: noteOf(f.reason, f.n, f.minN) };
    });
    const tbl: ChartTable = {
      columns: [
        { label: t('feedbackDashboard.satisfaction.period') },
        { label: name, numeric: true, format: (v) => (typeof v === 'number' ? format(v) : '—') },
        { label: t('feedbackDashboard.satisfaction.lower'), numeric: true, format: (v) => (typeof v === 'number' ? format(v) : '—') },
        { label: t('feedbackDashboard.satisfaction.upper'), numeric: true, format: (v) => (typeof v === 'number' ? format(v) : '—') },
        ...extraColumns(measure, t),
        { label: t('feedbackDashboard.common.n'), numeric: true },
        { label: t('feedbackDashboard.satisfaction.note') },
      ],
      rows: rows.map((row, i) => {
        const p = pts[i] as TrendPoint;
        return [p.label, round(p.value), round(p.lower), round(p.upper), ...extraCells(measure, row), p.n, p.note];
      }),
    };
    const axis = measure === 'csat' ? { min: 0, max: 100 } : measure === 'nps' ? { min: -100, max: 100 } : { min: data?.overall.ces.scale.min ?? 1, max: data?.overall.ces.scale.max ?? 7 };
    const opt = trendBandOption(
      pts,
      {
        name,
        band: t('feedbackDashboard.satisfaction.band'),
        base: (n) => t('feedbackDashboard.common.base', { n: formatNumber(n, lang) }),
        interval: (lower, upper) => t('feedbackDashboard.satisfaction.interval', { lower, upper }),
        format,
      },
      axis,
      measure === 'csat' ? PALETTE[0] : measure === 'nps' ? PALETTE[2] : PALETTE[3],
    );
    return { points: pts, table: tbl, option: opt };
  }, [data, measure, period, lang, t, name]);

  const empty = !overall || overall.n === 0;
  const thin = points.some((p) => p.value !== null && p.lower === null);
  const direction = data?.overall.ces.scale.direction;
  return (
    <ChartCard
      title={title}
      n={overall?.n}
      option={option}
      table={table}
      empty={empty}
      loading={loading}
      error={error}
      emptyHint={t(WORDS[measure].empty)}
      description={t('feedbackDashboard.satisfaction.trendDescription', { measure: name })}
      footer={
        <div className="hint">
          {measure === 'ces' && direction && (
            <p>
              {t(direction === 'higher_is_easier' ? 'feedbackDashboard.satisfaction.cesHigherEasier' : 'feedbackDashboard.satisfaction.cesHigherHarder')}
              {data?.overall.ces.rescaled ? ` ${t('feedbackDashboard.satisfaction.cesRescaled')}` : ''}
            </p>
          )}
          {thin && <p>{t('feedbackDashboard.satisfaction.hollowPoints', { min: minN })}</p>}
          {measure === 'csat' && <p>{t('feedbackDashboard.satisfaction.csatDefinition')}</p>}
          {measure === 'nps' && <p>{t('feedbackDashboard.satisfaction.npsDefinition', { min: minN })}</p>}
        </div>
      }
    />
  );
}

function extraColumns(measure: Measure, t: TFunction): ChartTable['columns'] {
  if (measure === 'csat') return [{ label: t('feedbackDashboard.satisfaction.satisfied'), numeric: true }];
  if (measure === 'nps')
    return [
      { label: t('feedbackDashboard.satisfaction.promoters'), numeric: true },
      { label: t('feedbackDashboard.satisfaction.passives'), numeric: true },
      { label: t('feedbackDashboard.satisfaction.detractors'), numeric: true },
    ];
  return [];
}

function extraCells(measure: Measure, row: SatisfactionRow): number[] {
  if (measure === 'csat') return [row.csat.satisfied];
  if (measure === 'nps') return [row.nps.promoters, row.nps.passives, row.nps.detractors];
  return [];
}

/** Table and CSV values to two decimals (the API's full precision means nothing to a reader). */
function round(value: number | null): number | null {
  return value === null ? null : Math.round(value * 100) / 100;
}
