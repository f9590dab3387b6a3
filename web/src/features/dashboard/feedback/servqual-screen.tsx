import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type ChartTable, ChartCard, FilterBar, KpiTile, formatDecimal, useDashboardData, useDashboardFilters } from '../kit/index.ts';
import type { ServqualDto } from './feedback-api.ts';
import { gapBarsOption, servqualRadarOption } from './feedback-charts.ts';
import { StudyPicker, textIn, useChosenStudy } from './study-picker.tsx';

const DIMENSION_KEYS: Record<string, string> = {
  tangibles: 'feedbackDashboard.servqual.dimensions.tangibles',
  reliability: 'feedbackDashboard.servqual.dimensions.reliability',
  responsiveness: 'feedbackDashboard.servqual.dimensions.responsiveness',
  assurance: 'feedbackDashboard.servqual.dimensions.assurance',
  empathy: 'feedbackDashboard.servqual.dimensions.empathy',
};
const ZONE_KEYS: Record<string, string> = {
  below_adequate: 'feedbackDashboard.servqual.zones.belowAdequate',
  within_tolerance: 'feedbackDashboard.servqual.zones.withinTolerance',
  above_desired: 'feedbackDashboard.servqual.zones.aboveDesired',
};

/** Gaps to two decimals in tables and CSV (the means carry more digits than they mean). */
const round = (value: number | null | undefined) => (value === null || value === undefined ? null : Math.round(value * 100) / 100);

/**
 * SERVQUAL: expectation against perception per dimension (radar), the gap of every item sorted
 * most negative first (bars), and the overall unweighted and weighted scores with their n.
 */
export function ServqualScreen() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const state = useDashboardFilters();
  const chosen = useChosenStudy('servqual');
  const result = useDashboardData<ServqualDto>('servqual', '/analytics/servqual', state.ready ? { ...state.params, ...(chosen ? { survey_id: chosen } : {}) } : null);
  const data = result.data;
  const overall = data?.overall;
  const loading = !state.ready || result.isPending;
  const threeColumn = data?.form === 'three_column';
  const expectationLabel = threeColumn ? t('feedbackDashboard.servqual.desired') : t('feedbackDashboard.servqual.expectation');
  const emptyHint =
    data?.reason === 'no_survey' ? t('feedbackDashboard.servqual.noSurvey') : t('feedbackDashboard.servqual.noResponses', { survey: data?.survey?.name ?? '' });
  const empty = !overall || overall.n === 0;
  const gap = (v: number) => formatDecimal(v, lang, 2);

  const radar = useMemo(() => {
    const dims = overall?.dimensions ?? [];
    const name = (d: string) => t(DIMENSION_KEYS[d] ?? d);
    const table: ChartTable = {
      columns: [
        { label: t('feedbackDashboard.servqual.dimension') },
        { label: expectationLabel, numeric: true },
        { label: t('feedbackDashboard.servqual.perception'), numeric: true },
        { label: t('feedbackDashboard.servqual.gap'), numeric: true },
        { label: t('feedbackDashboard.common.n'), numeric: true },
        { label: t('feedbackDashboard.servqual.alpha'), numeric: true },
        ...(threeColumn ? [{ label: t('feedbackDashboard.servqual.zone') }] : []),
      ],
      rows: dims.map((d) => [
        name(d.dimension),
        round(d.expectation),
        round(d.perception),
        round(d.gap),
        d.n,
        round(d.alpha.gap.alpha),
        ...(threeColumn ? [d.tolerance ? t(ZONE_KEYS[d.tolerance.zone] ?? d.tolerance.zone) : null] : []),
      ]),
    };
    const option = servqualRadarOption(
      dims.map((d) => ({ name: name(d.dimension), expectation: d.expectation, perception: d.perception })),
      data?.scale ?? { min: 1, max: 7 },
      { expectation: expectationLabel, perception: t('feedbackDashboard.servqual.perception') },
    );
    return { table, option };
  }, [overall, data?.scale, t, expectationLabel, threeColumn]);

  const bars = useMemo(() => {
    const items = overall?.items ?? [];
    const table: ChartTable = {
      columns: [
        { label: t('feedbackDashboard.servqual.item') },
        { label: t('feedbackDashboard.servqual.dimension') },
        { label: expectationLabel, numeric: true },
        { label: t('feedbackDashboard.servqual.perception'), numeric: true },
        { label: t('feedbackDashboard.servqual.gap'), numeric: true },
        { label: t('feedbackDashboard.common.n'), numeric: true },
      ],
      rows: items.map((i) => [textIn(i.text, lang) || i.id, t(DIMENSION_KEYS[i.dimension] ?? i.dimension), round(i.expectation), round(i.perception), round(i.gap), i.n]),
    };
    const option = gapBarsOption(
      items.map((i) => ({ label: textIn(i.text, lang) || i.id, gap: i.gap })),
      { gap: t('feedbackDashboard.servqual.gap'), format: (v) => formatDecimal(v, lang, 2) },
    );
    return { table, option, height: Math.max(240, items.length * 26 + 60) };
  }, [overall, t, lang, expectationLabel]);

  return (
    <div className="feedback-screen">
      <FilterBar state={state}>
        <StudyPicker type="servqual" current={data?.survey?.id ?? chosen} />
      </FilterBar>
      {data?.survey && (
        <p className="hint">
          {t('feedbackDashboard.common.reading', { survey: data.survey.name, version: data.survey.version })}
        </p>
      )}
      <div className="kpi-row">
        <KpiTile label={t('feedbackDashboard.servqual.unweighted')} value={overall?.unweighted} n={overall?.n} format={gap} loading={loading} emptyHint={t('feedbackDashboard.servqual.unweightedHint')} />
        <KpiTile
          label={t('feedbackDashboard.servqual.weighted')}
          value={overall?.weighted.score}
          n={overall?.weighted.n}
          format={gap}
          loading={loading}
          emptyHint={t('feedbackDashboard.servqual.weightedHint')}
        />
        <KpiTile label={t('feedbackDashboard.servqual.servperf')} value={overall?.servperf.score} n={overall?.servperf.n} format={gap} loading={loading} />
      </div>
      <div className="dashboard-grid">
        <ChartCard
          title={t('feedbackDashboard.servqual.radarTitle')}
          n={overall?.n}
          option={radar.option}
          table={radar.table}
          empty={empty}
          loading={loading}
          error={result.error}
          emptyHint={emptyHint}
          description={t('feedbackDashboard.servqual.radarDescription')}
          height={340}
          footer={<p className="hint">{t('feedbackDashboard.servqual.radarNote')}</p>}
        />
        <ChartCard
          title={t('feedbackDashboard.servqual.gapsTitle')}
          n={overall?.n}
          option={bars.option}
          table={bars.table}
          empty={empty}
          loading={loading}
          error={result.error}
          emptyHint={emptyHint}
          description={t('feedbackDashboard.servqual.gapsDescription')}
          height={bars.height}
          footer={
            <p className="hint">
              {t('feedbackDashboard.servqual.gapsNote')}
              {overall && overall.weighted.renormalized > 0 ? ` ${t('feedbackDashboard.servqual.renormalized', { count: overall.weighted.renormalized })}` : ''}
            </p>
          }
        />
      </div>
    </div>
  );
}
