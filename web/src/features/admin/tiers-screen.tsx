import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tier } from '../../lib/types.ts';
import { numberOrNull, orNull, useAdminAction, useAdminSave } from './admin-api.ts';
import { ErrorLine } from './admin-ui.tsx';
import { AdminForm, CheckboxField, TextAreaField, TextField } from './form-kit.tsx';
import { ResourceScreen } from './resource-screen.tsx';

function TierForm({ tier, done }: { tier: Tier | null; done: () => void }) {
  const { t } = useTranslation();
  const save = useAdminSave<Tier>('tiers');
  const [name, setName] = useState(tier?.name ?? '');
  const [rank, setRank] = useState(tier ? String(tier.rank) : '');
  const [description, setDescription] = useState(tier?.description ?? '');
  const [revenue, setRevenue] = useState(tier?.min_annual_revenue ?? '');
  const [margin, setMargin] = useState(tier?.min_margin ?? '');
  const [tickets, setTickets] = useState(tier?.min_tickets_per_year === null || !tier ? '' : String(tier.min_tickets_per_year));
  const [autoAssign, setAutoAssign] = useState(tier?.auto_assign ?? false);
  const submit = () =>
    save.mutate(
      {
        id: tier?.id,
        body: {
          name,
          rank: numberOrNull(rank),
          description: orNull(description),
          min_annual_revenue: orNull(revenue),
          min_margin: orNull(margin),
          min_tickets_per_year: numberOrNull(tickets),
          auto_assign: autoAssign,
        },
      },
      { onSuccess: done },
    );
  return (
    <AdminForm
      title={tier ? t('admin.tiers.edit', { name: tier.name }) : t('admin.tiers.new')}
      error={save.error}
      busy={save.isPending}
      submitLabel={tier ? t('admin.form.save') : t('admin.tiers.create')}
      onSubmit={submit}
      onCancel={done}
    >
      <TextField name="name" label={t('admin.field.name')} value={name} onChange={setName} required />
      <TextField name="rank" type="number" label={t('admin.tiers.rank')} value={rank} onChange={setRank} hint={t('admin.tiers.rankHint')} required />
      <TextAreaField name="description" label={t('admin.field.description')} value={description} onChange={setDescription} />
      <fieldset className="field-group">
        <legend>{t('admin.tiers.rules')}</legend>
        <CheckboxField name="auto_assign" label={t('admin.tiers.autoAssign')} checked={autoAssign} onChange={setAutoAssign} hint={t('admin.tiers.autoAssignHint')} />
        <TextField name="min_annual_revenue" label={t('admin.tiers.minRevenue')} value={revenue} onChange={setRevenue} placeholder="100000" />
        <TextField name="min_margin" label={t('admin.tiers.minMargin')} value={margin} onChange={setMargin} placeholder="0.2" hint={t('admin.tiers.marginHint')} />
        <TextField name="min_tickets_per_year" type="number" label={t('admin.tiers.minTickets')} value={tickets} onChange={setTickets} />
      </fieldset>
    </AdminForm>
  );
}

/** Tiers, most valuable first (rank), with the value thresholds that assign them. */
export function TiersScreen() {
  const { t } = useTranslation();
  const recompute = useAdminAction<{ job_id: string }>('tiers', () => '/tiers/recompute');
  return (
    <ResourceScreen<Tier>
      resource="tiers"
      title={t('admin.tiers.title')}
      intro={t('admin.tiers.intro')}
      newLabel={t('admin.tiers.new')}
      sort={(a, b) => b.rank - a.rank}
      above={
        <div className="admin-toolbar">
          <button type="button" onClick={() => recompute.mutate(undefined)} disabled={recompute.isPending}>
            {t('admin.tiers.recompute')}
          </button>
          <span role="status" className="hint">
            {recompute.isSuccess ? t('admin.tiers.recomputeQueued') : ''}
          </span>
          <ErrorLine error={recompute.error} />
        </div>
      }
      columns={[
        { header: t('admin.tiers.rank'), cell: (x) => x.rank },
        { header: t('admin.field.name'), cell: (x) => x.name },
        { header: t('admin.tiers.minRevenue'), cell: (x) => x.min_annual_revenue ?? '—' },
        { header: t('admin.tiers.minMargin'), cell: (x) => x.min_margin ?? '—' },
        { header: t('admin.tiers.minTickets'), cell: (x) => x.min_tickets_per_year ?? '—' },
        { header: t('admin.tiers.autoAssign'), cell: (x) => (x.auto_assign ? t('admin.yes') : t('admin.no')) },
      ]}
      form={(tier, done) => <TierForm tier={tier} done={done} />}
      remove={{ label: t('admin.delete'), question: t('admin.deleteQuestion'), confirm: t('admin.delete') }}
    />
  );
}
