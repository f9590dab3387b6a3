import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../lib/errors.ts';
import { useTiers } from '../../lib/reference-data.ts';
import type { Customer } from '../../lib/types.ts';
import { Badge } from '../../ui/badge.tsx';
import { RelativeTime } from '../../ui/relative-time.tsx';
import { useSession } from '../session/session-api.ts';
import { CustomerMerge } from './customer-merge.tsx';
import { CustomerTimeline } from './customer-timeline.tsx';
import { useCustomer, useCustomerTickets, useOrganizations, useUpdateCustomer } from './customers-api.ts';
import './customers.css';

const MERGE_ROLES = ['owner', 'admin', 'supervisor'];

/** Tier and organization, saved on change; an error shows next to them, tied to both selects. */
function CustomerEdit({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const tiers = useTiers();
  const organizations = useOrganizations();
  const update = useUpdateCustomer(customer.id);
  const errorId = update.isError ? 'customer-edit-error' : undefined;
  return (
    <div>
      <div className="field">
        <label htmlFor="customer-tier">{t('fields.tier')}</label>
        <select
          id="customer-tier"
          value={customer.tier_source === 'manual' ? (customer.tier_id ?? '') : ''}
          onChange={(e) => update.mutate({ tier_id: e.target.value || null })}
          aria-describedby={['customer-tier-source', errorId].filter(Boolean).join(' ')}
          disabled={update.isPending}
        >
          <option value="">{t('customers.tierByRules')}</option>
          {(tiers.data ?? []).map((tier) => (
            <option key={tier.id} value={tier.id}>
              {tier.name}
            </option>
          ))}
        </select>
        <span className="hint" id="customer-tier-source">
          {t(`customerPages.tierSource.${customer.tier_source}`, { tier: tiers.data?.find((x) => x.id === customer.tier_id)?.name ?? t('ticket.none') })}
        </span>
      </div>
      <div className="field">
        <label htmlFor="customer-org">{t('fields.organization')}</label>
        <select id="customer-org" value={customer.organization_id ?? ''} onChange={(e) => update.mutate({ organization_id: e.target.value || null })} aria-describedby={errorId} disabled={update.isPending}>
          <option value="">{t('ticket.none')}</option>
          {(organizations.data?.data ?? []).map((org) => (
            <option key={org.id} value={org.id}>
              {org.name}
            </option>
          ))}
        </select>
      </div>
      <span role="status" className="hint">
        {update.isSuccess ? t('customerPages.saved') : ''}
      </span>
      {update.isError && (
        <p className="form-error" role="alert" id="customer-edit-error">
          {errorMessage(t, update.error)}
        </p>
      )}
    </div>
  );
}

export function CustomerPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const session = useSession();
  const customer = useCustomer(id);
  const tickets = useCustomerTickets(id, 100);

  if (customer.isPending) return <p className="page-message" role="status">{t('common.loading')}</p>;
  if (customer.isError) return <p className="page-message form-error" role="alert">{errorMessage(t, customer.error)}</p>;
  const c = customer.data;

  return (
    <div className="page customer-page">
      <h1>{c.name}</h1>
      <div className="customer-grid">
        <div className="customer-side">
          <section aria-labelledby="customer-details">
            <h2 id="customer-details">{t('customers.details')}</h2>
            <dl className="facts">
              {c.identities.map((identity) => (
                <div key={identity.id} style={{ display: 'contents' }}>
                  <dt>{t(`identity.${identity.kind}`)}</dt>
                  <dd>{identity.value}</dd>
                </div>
              ))}
            </dl>
            <CustomerEdit customer={c} />
          </section>
          <section aria-labelledby="customer-tickets">
            <h2 id="customer-tickets">{t('customers.tickets')}</h2>
            {tickets.isPending && <p role="status">{t('common.loading')}</p>}
            <ul className="plain-list">
              {(tickets.data?.data ?? []).map((x) => (
                <li key={x.id} className="customer-ticket">
                  <Link to={`/tickets/${x.id}`}>
                    #{x.number} {x.subject}
                  </Link>{' '}
                  <Badge kind={`status-${x.status}`}>{t(`status.${x.status}`)}</Badge> <span className="hint">{t(`channels.${x.channel}`, { defaultValue: x.channel })}</span>{' '}
                  <RelativeTime iso={x.updated_at} />
                </li>
              ))}
            </ul>
          </section>
          {MERGE_ROLES.includes(session.data?.role ?? '') && <CustomerMerge customer={c} />}
        </div>
        <CustomerTimeline customerId={c.id} />
      </div>
    </div>
  );
}
