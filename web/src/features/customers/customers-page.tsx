import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/errors.ts';
import { nameOf, useTiers } from '../../lib/reference-data.ts';
import { useCustomerList, useOrganizations } from './customers-api.ts';
import './customers.css';

/** Customers with search (name or any identity) and tier / organization filters; 50 at a time. */
export function CustomersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const tierId = params.get('tier_id') ?? '';
  const organizationId = params.get('organization_id') ?? '';
  const [text, setText] = useState(q);
  const list = useCustomerList(q, { ...(tierId ? { tier_id: tierId } : {}), ...(organizationId ? { organization_id: organizationId } : {}) });
  const tiers = useTiers();
  const organizations = useOrganizations();
  const orgs = organizations.data?.data ?? [];
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const search = (event: FormEvent) => {
    event.preventDefault();
    setParam('q', text.trim());
  };

  return (
    <section className="page" aria-labelledby="customers-title">
      <h1 id="customers-title">{t('customers.title')}</h1>
      <div className="customer-filters">
        <form role="search" onSubmit={search} className="search-form">
          <label htmlFor="customer-search" className="visually-hidden">
            {t('customers.search')}
          </label>
          <input id="customer-search" type="search" placeholder={t('customers.searchPlaceholder')} value={text} onChange={(e) => setText(e.target.value)} />
          <button type="submit">{t('inbox.search')}</button>
        </form>
        <div className="filter">
          <label htmlFor="customer-filter-tier">{t('fields.tier')}</label>
          <select id="customer-filter-tier" value={tierId} onChange={(e) => setParam('tier_id', e.target.value)}>
            <option value="">{t('customerPages.anyTier')}</option>
            {(tiers.data ?? []).map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="customer-filter-org">{t('fields.organization')}</label>
          <select id="customer-filter-org" value={organizationId} onChange={(e) => setParam('organization_id', e.target.value)}>
            <option value="">{t('customerPages.anyOrganization')}</option>
            {orgs.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {list.isPending && <p role="status">{t('common.loading')}</p>}
      {list.isError && <p role="alert" className="form-error">{errorMessage(t, list.error)}</p>}
      {list.isSuccess && rows.length === 0 && <p className="empty">{t('customers.empty')}</p>}
      {rows.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('customers.name')}</th>
              <th scope="col">{t('customers.contact')}</th>
              <th scope="col">{t('fields.tier')}</th>
              <th scope="col">{t('fields.organization')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/customers/${c.id}`}>{c.name}</Link>
                </td>
                <td>{c.identities.map((i) => i.value).join(', ')}</td>
                <td>{nameOf(tiers.data, c.tier_id) ?? t('ticket.none')}</td>
                <td>{nameOf(orgs, c.organization_id) ?? (c.organization_id ? '…' : t('ticket.none'))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.hasNextPage && (
        <button type="button" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {t('customers.more')}
        </button>
      )}
    </section>
  );
}
