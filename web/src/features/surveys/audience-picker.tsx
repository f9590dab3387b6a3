import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useBranches, useTiers } from '../../lib/reference-data.ts';
import { useOrganizations } from './surveys-api.ts';

export interface Audience {
  tier_ids: string[];
  organization_ids: string[];
  branch_ids?: string[];
}

/** Who is asked: tiers, organizations and (for studies) branches; none picked means everyone. */
export function AudiencePicker({ value, onChange, withBranches, disabled }: { value: Audience; onChange: (next: Audience) => void; withBranches?: boolean; disabled?: boolean }) {
  const { t } = useTranslation();
  const tiers = useTiers();
  const organizations = useOrganizations();
  const branches = useBranches();
  return (
    <div className="form-grid">
      <MultiSelect label={t('surveys.audience.tiers')} options={tiers.data ?? []} selected={value.tier_ids} onChange={(ids) => onChange({ ...value, tier_ids: ids })} disabled={disabled} />
      <MultiSelect
        label={t('surveys.audience.organizations')}
        options={organizations.data ?? []}
        selected={value.organization_ids}
        onChange={(ids) => onChange({ ...value, organization_ids: ids })}
        disabled={disabled}
      />
      {withBranches && (
        <MultiSelect label={t('surveys.audience.branches')} options={branches.data ?? []} selected={value.branch_ids ?? []} onChange={(ids) => onChange({ ...value, branch_ids: ids })} disabled={disabled} />
      )}
      <p className="hint">{t('surveys.audience.hint')}</p>
    </div>
  );
}

function MultiSelect({ label, options, selected, onChange, disabled }: { label: string; options: { id: string; name: string }[]; selected: string[]; onChange: (ids: string[]) => void; disabled?: boolean }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        multiple
        size={Math.min(5, Math.max(2, options.length))}
        value={selected}
        disabled={disabled}
        onChange={(e) => onChange(Array.from(e.target.selectedOptions, (o) => o.value))}
      >
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
}
