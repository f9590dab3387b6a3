import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../lib/format.ts';
import { type ChartTable, ChartCard, FilterBar, KpiTile, formatDecimal, formatPercent, useDashboardData, useDashboardFilters } from '../kit/index.ts';
import { KANO_CATEGORIES, type KanoDto } from './feedback-api.ts';
import { type KanoPoint, kanoQuadrant, kanoScatterOption } from './feedback-charts.ts';
import { StudyPicker, textIn, useChosenStudy } from './study-picker.tsx';

const CATEGORY_KEYS: Record<string, string> = {
  A: 'feedbackDashboard.kano.categories.attractive',
  O: 'feedbackDashboard.kano.categories.oneDimensional',
  M: 'feedbackDashboard.kano.categories.mustBe',
  I: 'feedbackDashboard.kano.categories.indifferent',
  R: 'feedbackDashboard.kano.categories.reverse',
  Q: 'feedbackDashboard.kano.categories.questionable',
};

function categoryLabel(t: TFunction, c: string | null): string {
  return c ? t(CATEGORY_KEYS[c] ?? c) : t('feedbackDashboard.kano.noCategory');
}

const round = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);

/**
 * Kano: Better (x) against Worse (y, negative as the spec defines it) per feature, in four
 * labelled quadrants; the table has each feature's category and its answer counts per category.
 */
export function KanoScreen() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const state = useDashboardFilters();
  const chosen = useChosenStudy('kano');
  const result = useDashboardData<KanoDto>('kano', '/analytics/kano', state.ready ? { ...state.params, ...(chosen ? { survey_id: chosen } : {}) } : null);
  const data = result.data;
  const loading = !state.ready || result.isPending;
  const features = data?.features ?? [];
  const answered = features.filter((f) => f.n > 0);
  const empty = !data || data.n === 0 || answered.length === 0;
  const emptyHint = data?.reason === 'no_survey' ? t('feedbackDashboard.kano.noSurvey') : t('feedbackDashboard.kano.noResponses', { survey: data?.survey?.name ?? '' });
  const categoryName = (c: string | null) => categoryLabel(t, c);

  const chart = useMemo(() => {
    const categoryName = (c: string | null) => categoryLabel(t, c);
    const name = (f: (typeof features)[number]) => textIn(f.feature, lang) || f.id;
    const plotted: KanoPoint[] = features
      .filter((f) => f.better !== null && f.worse !== null)
      .map((f) => ({ name: name(f), better: f.better as number, worse: f.worse as number, category: f.category, n: f.n }));
    const table: ChartTable = {
      columns: [
        { label: t('feedbackDashboard.kano.feature') },
        { label: t('feedbackDashboard.kano.category'), format: (v) => (typeof v === 'string' ? categoryName(v) : categoryName(null)) },
        { label: t('feedbackDashboard.kano.quadrant'), format: (v) => (typeof v === 'string' ? categoryName(v) : '—') },
        { label: t('feedbackDashboard.kano.better'), numeric: true, format: (v) => (typeof v === 'number' ? formatDecimal(v, lang, 2) : '—') },
        { label: t('feedbackDashboard.kano.worse'), numeric: true, format: (v) => (typeof v === 'number' ? formatDecimal(v, lang, 2) : '—') },
        { label: t('feedbackDashboard.common.n'), numeric: true },
        ...KANO_CATEGORIES.map((c) => ({ label: t('feedbackDashboard.kano.count', { category: categoryName(c) }), numeric: true })),
        { label: t('feedbackDashboard.kano.questionableRate'), numeric: true, format: (v) => (typeof v === 'number' ? formatPercent(v, lang, 0) : '—') },
      ],
      rows: features.map((f) => [
        name(f),
        f.category,
        f.better !== null && f.worse !== null ? kanoQuadrant(f.better, f.worse) : null,
        round(f.better),
        round(f.worse),
        f.n,
        ...KANO_CATEGORIES.map((c) => f.counts[c] ?? 0),
        round(f.questionable_rate),
      ]),
    };
    const option = kanoScatterOption(plotted, {
      better: t('feedbackDashboard.kano.betterAxis'),
      worse: t('feedbackDashboard.kano.worseAxis'),
      quadrant: { A: categoryName('A'), O: categoryName('O'), M: categoryName('M'), I: categoryName('I') },
      category: (c) => t('feedbackDashboard.kano.categoryIs', { category: categoryName(c) }),
      base: (n) => t('feedbackDashboard.common.base', { n: formatNumber(n, lang) }),
    });
    return { table, option, unplotted: features.length - plotted.length };
  }, [features, t, lang]);

  /** How many features fall in each category (their mode). */
  const perCategory = KANO_CATEGORIES.map((c) => ({ c, count: answered.filter((f) => f.category === c).length })).filter((x) => x.count > 0);
  const weak = answered.filter((f) => f.fong_significant === false).length;

  return (
    <div className="feedback-screen">
      <FilterBar state={state}>
        <StudyPicker type="kano" current={data?.survey?.id ?? chosen} />
      </FilterBar>
      {data?.survey && <p className="hint">{t('feedbackDashboard.common.reading', { survey: data.survey.name, version: data.survey.version })}</p>}
      <div className="kpi-row">
        <KpiTile label={t('feedbackDashboard.kano.responses')} value={data?.n} format={(v) => formatNumber(v, lang)} loading={loading} />
        <KpiTile label={t('feedbackDashboard.kano.features')} value={data ? features.length : undefined} format={(v) => formatNumber(v, lang)} loading={loading} />
      </div>
      <div className="kano-chart">
        <ChartCard
          title={t('feedbackDashboard.kano.scatterTitle')}
          n={data?.n}
          option={chart.option}
          table={chart.table}
          empty={empty}
          loading={loading}
          error={result.error}
          emptyHint={emptyHint}
          description={t('feedbackDashboard.kano.scatterDescription')}
          height={420}
          aside={
            !empty && (
              <div>
                <h3 className="aside-title">{t('feedbackDashboard.kano.perCategory')}</h3>
                <ul className="plain-list">
                  {perCategory.map(({ c, count }) => (
                    <li key={c}>{t('feedbackDashboard.kano.categoryCount', { category: categoryName(c), count, n: formatNumber(count, lang) })}</li>
                  ))}
                </ul>
                <p className="hint">{t('feedbackDashboard.kano.quadrantNote')}</p>
              </div>
            )
          }
          footer={
            <div className="hint">
              <p>{t('feedbackDashboard.kano.definition')}</p>
              {chart.unplotted > 0 && <p>{t('feedbackDashboard.kano.unplotted', { count: chart.unplotted })}</p>}
              {weak > 0 && <p>{t('feedbackDashboard.kano.fongWeak', { count: weak })}</p>}
            </div>
          }
        />
      </div>
    </div>
  );
}
