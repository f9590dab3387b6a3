import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/errors.ts';
import { nameOf, useTiers } from '../../lib/reference-data.ts';
import type { Organization } from '../../lib/types.ts';
import { orNull, splitList } from '../admin/admin-api.ts';
import { AdminForm, SelectField, TextAreaField, TextField } from '../admin/form-kit.tsx';
import { useOrganizationList, useSaveOrganization } from './organizations-api.ts';

function OrganizationForm({ org, done }: { org: Organization | null; done: () => void }) {
  const { t } = useTranslation();
  const tiers = useTiers();
  const save = useSaveOrganization();
  const [name, setName] = useState(org?.name ?? '');
  const [domains, setDomains] = useState((org?.domains ?? []).join(', '));
  const [tierId, setTierId] = useState(org?.tier_id ?? '');
  const [revenue, setRevenue] = useState(org?.annual_revenue ?? '');
  const [margin, setMargin] = useState(org?.margin ?? '');
  const [notes, setNotes] = useState(org?.notes ?? '');
  const submit = () =>
    save.mutate(
      { id: org?.id, body: { name, domains: splitList(domains), tier_id: tierId || null, annual_revenue: orNull(revenue), margin: orNull(margin), notes: orNull(notes) } },
      { onSuccess: done },
    );
  return (
    <AdminForm
      title={org ? t('customerPages.orgs.edit', { name: org.name }) : t('customerPages.orgs.new')}
      error={save.error}
      busy={save.isPending}
      submitLabel={org ? t('admin.form.save') : t('customerPages.orgs.create')}
      onSubmit={submit}
      onCancel={done}
    >
      <TextField name="name" label={t('admin.field.name')} value={name} onChange={setName} required />
      <TextField name="domains" label={t('customerPages.orgs.domains')} value={domains} onChange={setDomains} hint={t('customerPages.orgs.domainsHint')} placeholder="example.com" />
      <SelectField name="tier_id" label={t('fields.tier')} value={tierId} onChange={setTierId} options={[{ value: '', label: t('ticket.none') }, ...(tiers.data ?? []).map((x) => ({ value: x.id, label: x.name }))]} />
      <TextField name="annual_revenue" label={t('customerPages.orgs.revenue')} value={revenue} onChange={setRevenue} />
      <TextField name="margin" label={t('customerPages.orgs.margin')} value={margin} onChange={setMargin} hint={t('admin.tiers.marginHint')} />
      <TextAreaField name="notes" label={t('customerPages.orgs.notes')} value={notes} onChange={setNotes} />
    </AdminForm>
  );
}

/** Organizations with search (part of the name) and a tier filter; create and edit in place. */
export function OrganizationsPage() {
  const { t } = useTranslation();
  const tiers = useTiers();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const tierId = params.get('tier_id') ?? '';
  const [text, setText] = useState(q);
  const [editing, setEditing] = useState<Organization | 'new' | null>(null);
  const newRef = useRef<HTMLButtonElement>(null);
  const list = useOrganizationList({ q, tier_id: tierId });
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
  const done = () => {
    setEditing(null);
    newRef.current?.focus();
  };

  return (
    <section className="page" aria-labelledby="orgs-title">
      <div className="admin-page-head">
        <h1 id="orgs-title">{t('customerPages.orgs.title')}</h1>
        <button ref={newRef} type="button" className="button-primary" onClick={() => setEditing('new')}>
          {t('customerPages.orgs.new')}
        </button>
      </div>
      <div className="filters">
        <form role="search" onSubmit={search} className="search-form">
          <label htmlFor="org-search" className="visually-hidden">
            {t('customerPages.orgs.search')}
          </label>
          <input id="org-search" type="search" placeholder={t('customerPages.orgs.search')} value={text} onChange={(e) => setText(e.target.value)} />
          <button type="submit">{t('inbox.search')}</button>
        </form>
        <div className="filter">
          <label htmlFor="org-tier">{t('fields.tier')}</label>
          <select id="org-tier" value={tierId} onChange={(e) => setParam('tier_id', e.target.value)}>
            <option value="">{t('customerPages.anyTier')}</option>
            {(tiers.data ?? []).map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {editing && (
        <div className="admin-editor" key={editing === 'new' ? 'new' : editing.id}>
          <OrganizationForm org={editing === 'new' ? null : editing} done={done} />
        </div>
      )}
      {list.isPending && <p role="status">{t('common.loading')}</p>}
      {list.isError && (
        <p role="alert" className="form-error">
          {errorMessage(t, list.error)}
        </p>
      )}
      {list.isSuccess && rows.length === 0 && <p className="empty">{t('customerPages.orgs.empty')}</p>}
      {rows.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.field.name')}</th>
              <th scope="col">{t('customerPages.orgs.domains')}</th>
              <th scope="col">{t('fields.tier')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('admin.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((org) => (
              <tr key={org.id}>
                <td>{org.name}</td>
                <td>{org.domains.join(', ')}</td>
                <td>{nameOf(tiers.data, org.tier_id) ?? t('ticket.none')}</td>
                <td className="row-actions">
                  <Link to={`/customers?organization_id=${org.id}`}>
                    {t('customerPages.orgs.customers')}
                    <span className="visually-hidden">: {org.name}</span>
                  </Link>{' '}
                  <button type="button" onClick={() => setEditing(org)} aria-label={t('admin.editNamed', { name: org.name })}>
                    {t('admin.edit')}
                  </button>
                </td>
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
