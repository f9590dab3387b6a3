import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../lib/format.ts';
import { formatPercent } from './numbers.ts';

export type Better = 'up' | 'down' | 'neither';

export interface KpiTileProps {
  label: string;
  /** The figure this period; null when there is nothing to compute it from. */
  value: number | null | undefined;
  /** The same figure in the previous equal period (for the arrow). */
  previous?: number | null | undefined;
  /** The base of the figure. */
  n?: number | null | undefined;
  format: (value: number) => string;
  /** Which direction is good news (colours the arrow); 'neither' keeps it neutral. */
  better?: Better;
  /** What fills this tile when it has no value. */
  emptyHint?: string | undefined;
  loading?: boolean | undefined;
}

/** The change against the previous period: direction and relative size (null when not comparable). */
export function trendOf(value: number | null | undefined, previous: number | null | undefined): { direction: 'up' | 'down' | 'flat'; relative: number | null } | null {
  if (value === null || value === undefined || previous === null || previous === undefined) return null;
  const direction = value > previous ? 'up' : value < previous ? 'down' : 'flat';
  const relative = previous !== 0 ? (value - previous) / Math.abs(previous) : null;
  return { direction, relative };
}

const ARROWS = { up: '▲', down: '▼', flat: '▶' } as const;

/** One key figure with its n and an arrow against the previous equal period. */
export function KpiTile({ label, value, previous, n, format, better = 'neither', emptyHint, loading }: KpiTileProps) {
  const { t, i18n } = useTranslation();
  const trend = trendOf(value, previous);
  const tone = !trend || trend.direction === 'flat' || better === 'neither' ? 'neutral' : (trend.direction === 'up') === (better === 'up') ? 'good' : 'bad';
  const hasValue = value !== null && value !== undefined;
  return (
    <div className="kpi-tile" role="group" aria-label={label}>
      <div className="kpi-label">{label}</div>
      {loading ? (
        <div className="kpi-value kpi-empty">{t('common.loading')}</div>
      ) : hasValue ? (
        <div className="kpi-value">{format(value)}</div>
      ) : (
        <div className="kpi-value kpi-empty">
          —<span className="visually-hidden"> {t('dashboard.kit.noValue')}</span>
        </div>
      )}
      <div className="kpi-meta">
        {n !== undefined && n !== null && <span className="kpi-n">{t('dashboard.kit.base', { n: formatNumber(n, i18n.language) })}</span>}
        {trend && (
          <span className={`kpi-trend kpi-${tone}`}>
            <span aria-hidden="true">{ARROWS[trend.direction]} </span>
            {trend.direction === 'flat'
              ? t('dashboard.kit.trendFlat')
              : t(trend.direction === 'up' ? 'dashboard.kit.trendUp' : 'dashboard.kit.trendDown', {
                  change: trend.relative === null ? format(Math.abs((value as number) - (previous as number))) : formatPercent(Math.abs(trend.relative), i18n.language, 0),
                })}
          </span>
        )}
        {!trend && hasValue && previous === null && <span className="kpi-trend kpi-neutral">{t('dashboard.kit.noPrevious')}</span>}
      </div>
      {!hasValue && !loading && emptyHint && <p className="kpi-hint">{emptyHint}</p>}
    </div>
  );
}
