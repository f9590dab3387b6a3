import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/errors.ts';
import { nameOf, useTiers } from '../../lib/reference-data.ts';
import { useCustomer, useCustomerTickets, useOrganization } from './customers-api.ts';
import { Badge } from '../../ui/badge.tsx';

/** Who the customer is: tier, organization, how to reach them, and their other tickets. */
export function CustomerPanel({ customerId, currentTicketId }: { customerId: string; currentTicketId: string }) {
  const { t } = useTranslation();
  const customer = useCustomer(customerId);
  const tiers = useTiers();
  const organization = useOrganization(customer.data?.organization_id ?? null);
  const tickets = useCustomerTickets(customerId);

  if (customer.isPending) return <p role="status">{t('common.loading')}</p>;
  if (customer.isError) return <p role="alert" className="form-error">{errorMessage(t, customer.error)}</p>;
  const c = customer.data;
  const others = (tickets.data?.data ?? []).filter((x) => x.id !== currentTicketId);

  return (
    <section aria-labelledby="customer-title">
      <h2 id="customer-title">
        <Link to={`/customers/${c.id}`}>{c.name}</Link>
      </h2>
      <dl className="facts">
        <dt>{t('fields.tier')}</dt>
        <dd>{nameOf(tiers.data, c.tier_id) ?? t('ticket.none')}</dd>
        <dt>{t('fields.organization')}</dt>
        <dd>{organization.data?.name ?? t('ticket.none')}</dd>
        {c.identities.map((identity) => (
          <div key={identity.id} style={{ display: 'contents' }}>
            <dt>{t(`identity.${identity.kind}`)}</dt>
            <dd>{identity.value}</dd>
          </div>
        ))}
      </dl>
      <h3>{t('customer.otherTickets')}</h3>
      {others.length === 0 ? (
        <p className="hint">{t('customer.noOtherTickets')}</p>
      ) : (
        <ul className="plain-list">
          {others.map((x) => (
            <li key={x.id}>
              <Link to={`/tickets/${x.id}`}>
                #{x.number} {x.subject}
              </Link>{' '}
              <Badge kind={`status-${x.status}`}>{t(`status.${x.status}`)}</Badge>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
