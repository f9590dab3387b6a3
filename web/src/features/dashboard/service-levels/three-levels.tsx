import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { BAD, ChartCard, type ChartTable, type DashboardFilters, type EChartsCoreOption, GOOD, formatPercent, useDashboardData } from '../kit/index.ts';
import type { ServiceLevelsDto } from '../dashboard-api.ts';
import { drilldownLink } from '../drilldown/drilldown-link.ts';

const BY = ['tier', 'branch', 'team'] as const;
type By = (typeof BY)[number];

/** The definitions as URL parameters (sl_…), so a chosen definition is shareable too. */
interface Definitions {
  below_csat_max: string;
  exceed_csat_min: string;
  exceed_slack_ratio: string;
  require_csat_to_exceed: string;
  require_sla_to_exceed: string;
}
const DEFAULTS: Definitions = { below_csat_max: '2', exceed_csat_min: '5', exceed_slack_ratio: '0.25', require_csat_to_exceed: 'true', require_sla_to_exceed: 'false' };
const KEYS = Object.keys(DEFAULTS) as (keyof Definitions)[];

function definitionsFrom(params: URLSearchParams): Definitions {
  const out = { ...DEFAULTS };
  for (const key of KEYS) {
    const value = params.get(`sl_${key}`);
    if (value) out[key] = value;
  }
  return out;
}

const MET = '#2456a6';

/**
 * Three levels of service (below / met / exceeded expectations) as stacked shares per tier,
 * branch or team, with the definitions beside the chart. The API takes the definitions per
 * request (nothing is stored), so editing them here re-reads the figures and keeps them in the URL.
 */
export function ThreeLevels({ state }: { state: DashboardFilters }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [params, setParams] = useSearchParams();
  const by: By = (BY as readonly string[]).includes(params.get('sl_by') ?? '') ? (params.get('sl_by') as By) : 'tier';
  const definitions = definitionsFrom(params);
  const data = useDashboardData<ServiceLevelsDto>('service-levels', '/analytics/service-levels', state.ready ? { ...state.params, by, ...definitions } : null);

  const chart = useMemo((): { option: EChartsCoreOption; table: ChartTable } => {
    const groups = data.data?.groups ?? [];
    const names = groups.map((g) => g.name ?? (g.group_id === null ? t('dashboard.serviceLevels.noGroup') : t('dashboard.deleted')));
    const share = (v: number | null) => (v === null ? 0 : Math.round(v * 1000) / 10);
    const levels = [
      { key: 'below', color: BAD, label: t('dashboard.levels.below') },
      { key: 'met', color: MET, label: t('dashboard.levels.met') },
      { key: 'exceeded', color: GOOD, label: t('dashboard.levels.exceeded') },
    ] as const;
    const fmt = (v: unknown) => (typeof v === 'number' ? formatPercent(v, lang) : '—');
    return {
      option: {
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v} %` : '—') },
        legend: { bottom: 0 },
        grid: { left: 120, right: 20, top: 10, bottom: 50 },
        xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
        yAxis: { type: 'category', data: names, inverse: true },
        series: levels.map((l) => ({ type: 'bar', stack: 'levels', name: l.label, itemStyle: { color: l.color }, data: groups.map((g) => share(g[l.key].share)) })),
      },
      table: {
        columns: [
          { label: t(`dashboard.serviceLevels.by.${by}`), render: (v, _row, i) => (groups[i] ? <Link to={drilldownLink(groups[i].drilldown, String(v))}>{String(v)}</Link> : String(v)) },
          { label: t('dashboard.serviceLevels.solvedN'), numeric: true },
          { label: t('dashboard.levels.below'), numeric: true, format: fmt },
          { label: t('dashboard.levels.met'), numeric: true, format: fmt },
          { label: t('dashboard.levels.exceeded'), numeric: true, format: fmt },
          { label: t('dashboard.levels.unknown'), numeric: true },
        ],
        rows: groups.map((g, i) => [names[i] ?? '', g.n, g.below.share, g.met.share, g.exceeded.share, g.unknown]),
      },
    };
  }, [data.data, by, t, lang]);

  const empty = (data.data?.total.known ?? 0) === 0;
  return (
    <ChartCard
      title={t('dashboard.serviceLevels.levelsTitle')}
      n={data.data?.total.known}
      option={chart.option}
      table={chart.table}
      empty={empty}
      emptyHint={t('dashboard.serviceLevels.levelsEmpty')}
      loading={!state.ready || data.isPending}
      error={data.error}
      description={t('dashboard.serviceLevels.levelsDescription')}
      height={Math.max(220, (data.data?.groups.length ?? 0) * 36 + 80)}
      tools={
        <span className="filter-inline">
          <label htmlFor="sl-by">{t('dashboard.serviceLevels.groupBy')}</label>{' '}
          <select
            id="sl-by"
            value={by}
            onChange={(e) => {
              const next = new URLSearchParams(params);
              next.set('sl_by', e.target.value);
              setParams(next);
            }}
          >
            {BY.map((b) => (
              <option key={b} value={b}>
                {t(`dashboard.serviceLevels.by.${b}`)}
              </option>
            ))}
          </select>
        </span>
      }
      aside={<DefinitionsPanel definitions={definitions} onChange={(d) => setParams(withDefinitions(params, d))} unknown={data.data?.total.unknown} />}
    />
  );
}

function withDefinitions(params: URLSearchParams, d: Definitions): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of KEYS) {
    if (d[key] === DEFAULTS[key]) next.delete(`sl_${key}`);
    else next.set(`sl_${key}`, d[key]);
  }
  return next;
}

/** The definitions in words, and a small form to change them (applied to this view only). */
function DefinitionsPanel({ definitions, onChange, unknown }: { definitions: Definitions; onChange: (d: Definitions) => void; unknown: number | undefined }) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState(definitions);
  const [open, setOpen] = useState(false);
  const key = JSON.stringify(definitions);
  useEffect(() => setDraft(JSON.parse(key) as Definitions), [key]);
  const slack = formatPercent(Number(definitions.exceed_slack_ratio), i18n.language);
  const invalid = Number(draft.exceed_csat_min) <= Number(draft.below_csat_max);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (invalid) return;
    onChange(draft);
    setOpen(false);
  };
  const scores = ['1', '2', '3', '4', '5'];

  return (
    <div className="definitions">
      <h3>{t('dashboard.levels.definitions')}</h3>
      <dl>
        <dt>{t('dashboard.levels.below')}</dt>
        <dd>{t('dashboard.levels.belowRule', { max: definitions.below_csat_max })}</dd>
        <dt>{t('dashboard.levels.met')}</dt>
        <dd>{t('dashboard.levels.metRule')}</dd>
        <dt>{t('dashboard.levels.exceeded')}</dt>
        <dd>
          {t('dashboard.levels.exceededRule', { slack, min: definitions.exceed_csat_min })}
          {definitions.require_sla_to_exceed === 'false' && ` ${t('dashboard.levels.noSlaAllowed')}`}
          {definitions.require_csat_to_exceed === 'false' && ` ${t('dashboard.levels.noCsatAllowed')}`}
        </dd>
        <dt>{t('dashboard.levels.unknown')}</dt>
        <dd>
          {t('dashboard.levels.unknownRule')}
          {unknown !== undefined && ` ${t('dashboard.levels.unknownCount', { count: unknown })}`}
        </dd>
      </dl>
      {!open ? (
        <button type="button" className="button-quiet" onClick={() => setOpen(true)}>
          {t('dashboard.levels.edit')}
        </button>
      ) : (
        <form onSubmit={submit} className="definitions-form">
          <label>
            {t('dashboard.levels.belowCsatMax')}
            <select value={draft.below_csat_max} onChange={(e) => setDraft({ ...draft, below_csat_max: e.target.value })}>
              {scores.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
          <label>
            {t('dashboard.levels.exceedCsatMin')}
            <select value={draft.exceed_csat_min} onChange={(e) => setDraft({ ...draft, exceed_csat_min: e.target.value })}>
              {scores.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
          <label>
            {t('dashboard.levels.slackPercent')}
            <input
              type="number"
              min={0}
              max={100}
              step={5}
              value={Math.round(Number(draft.exceed_slack_ratio) * 100)}
              onChange={(e) => setDraft({ ...draft, exceed_slack_ratio: String(Math.min(100, Math.max(0, Number(e.target.value) || 0)) / 100) })}
            />
          </label>
          <label className="check">
            <input type="checkbox" checked={draft.require_csat_to_exceed === 'true'} onChange={(e) => setDraft({ ...draft, require_csat_to_exceed: String(e.target.checked) })} />
            {t('dashboard.levels.requireCsat')}
          </label>
          <label className="check">
            <input type="checkbox" checked={draft.require_sla_to_exceed === 'true'} onChange={(e) => setDraft({ ...draft, require_sla_to_exceed: String(e.target.checked) })} />
            {t('dashboard.levels.requireSla')}
          </label>
          {invalid && (
            <p className="form-error" role="alert">
              {t('dashboard.levels.invalid')}
            </p>
          )}
          <div className="form-actions">
            <button type="submit" className="button-primary" disabled={invalid}>
              {t('dashboard.levels.apply')}
            </button>
            <button type="button" className="button-quiet" onClick={() => onChange(DEFAULTS)}>
              {t('dashboard.levels.reset')}
            </button>
            <button type="button" className="button-quiet" onClick={() => setOpen(false)}>
              {t('dashboard.levels.cancel')}
            </button>
          </div>
          <p className="hint">{t('dashboard.levels.notStored')}</p>
        </form>
      )}
    </div>
  );
}
