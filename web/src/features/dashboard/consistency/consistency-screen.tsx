import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { FilterBar, useDashboardData, useDashboardFilters } from '../kit/index.ts';
import type { ClockMetric, ConsistencyDto } from '../dashboard-api.ts';
import { ProportionCharts } from './proportion-charts.tsx';
import { TimeCharts } from './time-charts.tsx';

const MEASURES = ['sla_met', 'csat_satisfied', 'first_reply', 'resolution'] as const;
const UNITS = ['team', 'branch', 'agent'] as const;
const SLA_METRICS: ClockMetric[] = ['first_reply', 'next_reply', 'periodic_update', 'requester_wait', 'agent_work', 'resolution', 'total_resolution', 'chat_greet', 'chat_hold'];
const BASES = ['calendar', 'business'] as const;

type Measure = (typeof MEASURES)[number];
type Unit = (typeof UNITS)[number];

function pick<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/**
 * Consistency: does every branch / team / agent deliver the same service? Proportions get a
 * p-chart with per-unit limits, a chi-square test and observed vs expected given each unit's
 * mix; times get medians per unit, Kruskal–Wallis, and an XmR chart of per-period medians.
 */
export function ConsistencyScreen() {
  const { t } = useTranslation();
  const state = useDashboardFilters();
  const [params, setParams] = useSearchParams();
  const measure = pick<Measure>(params.get('measure'), MEASURES, 'sla_met');
  const unit = pick<Unit>(params.get('unit'), UNITS, 'team');
  const slaMetric = measure === 'sla_met' ? pick<ClockMetric | ''>(params.get('sla_metric'), SLA_METRICS, '') : '';
  const timeBasis = pick(params.get('time_basis'), BASES, 'calendar');
  const isTime = measure === 'first_reply' || measure === 'resolution';
  const xmrUnit = isTime ? (params.get('xmr_unit_id') ?? '') : '';
  const minN = params.get('min_n') ?? '';

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === 'unit' || key === 'measure') next.delete('xmr_unit_id');
    setParams(next);
  };

  const query = state.ready
    ? {
        ...state.params,
        measure,
        unit,
        sla_metric: slaMetric || undefined,
        time_basis: isTime ? timeBasis : undefined,
        period: isTime ? state.range.period : undefined,
        xmr_unit_id: xmrUnit || undefined,
        min_n: /^\d+$/.test(minN) ? minN : undefined,
      }
    : null;
  const data = useDashboardData<ConsistencyDto>('consistency', '/analytics/consistency', query);

  return (
    <section aria-labelledby="consistency-title">
      <h2 id="consistency-title" className="visually-hidden">
        {t('dashboard.tabs.consistency')}
      </h2>
      <FilterBar state={state} showPeriod={isTime}>
        <span className="filter">
          <label htmlFor="cons-measure">{t('dashboard.consistency.measure')}</label>
          <select id="cons-measure" value={measure} onChange={(e) => set('measure', e.target.value)}>
            {MEASURES.map((m) => (
              <option key={m} value={m}>
                {t(`dashboard.consistency.measures.${m}`)}
              </option>
            ))}
          </select>
        </span>
        {measure === 'sla_met' && (
          <span className="filter">
            <label htmlFor="cons-metric">{t('dashboard.consistency.slaMetric')}</label>
            <select id="cons-metric" value={slaMetric} onChange={(e) => set('sla_metric', e.target.value)}>
              <option value="">{t('dashboard.consistency.allMetrics')}</option>
              {SLA_METRICS.map((m) => (
                <option key={m} value={m}>
                  {t(`sla.metric.${m}`)}
                </option>
              ))}
            </select>
          </span>
        )}
        <span className="filter">
          <label htmlFor="cons-unit">{t('dashboard.consistency.unit')}</label>
          <select id="cons-unit" value={unit} onChange={(e) => set('unit', e.target.value)}>
            {UNITS.map((u) => (
              <option key={u} value={u}>
                {t(`dashboard.consistency.units.${u}`)}
              </option>
            ))}
          </select>
        </span>
        {isTime && (
          <span className="filter">
            <label htmlFor="cons-basis">{t('dashboard.consistency.timeBasis')}</label>
            <select id="cons-basis" value={timeBasis} onChange={(e) => set('time_basis', e.target.value)}>
              {BASES.map((b) => (
                <option key={b} value={b}>
                  {t(`dashboard.consistency.bases.${b}`)}
                </option>
              ))}
            </select>
          </span>
        )}
        <span className="filter">
          <label htmlFor="cons-min">{t('dashboard.consistency.minN')}</label>
          <input id="cons-min" type="number" min={2} max={1000} size={5} defaultValue={minN || 5} onBlur={(e) => set('min_n', e.target.value === '5' ? '' : e.target.value)} />
        </span>
      </FilterBar>
      {isTime ? (
        <TimeCharts data={data.data} loading={!state.ready || data.isPending} error={data.error} unit={unit} xmrUnit={xmrUnit} onXmrUnit={(id) => set('xmr_unit_id', id)} />
      ) : (
        <ProportionCharts data={data.data} loading={!state.ready || data.isPending} error={data.error} unit={unit} measure={measure} />
      )}
    </section>
  );
}
