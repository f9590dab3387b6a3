import { useTranslation } from 'react-i18next';
import type { ConsistencyDto } from '../dashboard-api.ts';

/** Catalog keys are letters only, so each reason the API sends has a named key. */
const REASONS = {
  no_unit: 'dashboard.consistency.reasons.noUnit',
  n_below_minimum: 'dashboard.consistency.reasons.tooFew',
  expected_count_below_5: 'dashboard.consistency.reasons.expectedTooFew',
} as const;

/** Units left out of the charts and tests, and why (too few tickets, no unit at all). */
export function ExcludedUnits({ units, omitted }: { units: ConsistencyDto['excluded_units']; omitted: number }) {
  const { t } = useTranslation();
  if (units.length === 0 && omitted === 0) return null;
  return (
    <details className="excluded-units">
      <summary>{t('dashboard.consistency.excluded', { count: units.length })}</summary>
      <ul>
        {units.map((u) => (
          <li key={u.unit_id ?? 'none'}>
            {u.unit_id === null ? t('dashboard.consistency.noUnit') : (u.name ?? t('dashboard.deleted'))}: {t(REASONS[u.reason], { n: u.n })}
          </li>
        ))}
      </ul>
      {omitted > 0 && <p className="hint">{t('dashboard.consistency.omitted', { count: omitted })}</p>}
    </details>
  );
}
