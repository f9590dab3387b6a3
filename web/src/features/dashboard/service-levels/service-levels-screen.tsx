import { useTranslation } from 'react-i18next';
import { FilterBar, useDashboardFilters } from '../kit/index.ts';
import { BreachingNow } from './breaching-now.tsx';
import { SlaAttainmentCards } from './sla-attainment.tsx';
import { ThreeLevels } from './three-levels.tsx';
import { ValueCard } from './value-card.tsx';

/** Service levels: SLA attainment, what is breaching now, three levels of service, value and cost. */
export function ServiceLevelsScreen() {
  const { t } = useTranslation();
  const state = useDashboardFilters();
  return (
    <section aria-labelledby="service-levels-title">
      <h2 id="service-levels-title" className="visually-hidden">
        {t('dashboard.tabs.serviceLevels')}
      </h2>
      <FilterBar state={state} />
      <div className="dashboard-grid">
        <SlaAttainmentCards state={state} />
        <BreachingNow state={state} />
        <div className="wide">
          <ThreeLevels state={state} />
        </div>
        <div className="wide">
          <ValueCard state={state} />
        </div>
      </div>
    </section>
  );
}
