import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nameOf, useTeams } from '../../lib/reference-data.ts';
import { LOCALES, PRIORITIES } from '../../lib/types.ts';
import { Badge } from '../../ui/badge.tsx';
import { numberOrNull, orNull, splitList, useAdminSave } from './admin-api.ts';
import type { WebForm } from './admin-types.ts';
import { CopyBox } from './admin-ui.tsx';
import { AdminForm, CheckboxField, SelectField, TextAreaField, TextField } from './form-kit.tsx';
import { ResourceScreen } from './resource-screen.tsx';

const DEFAULT_FIELDS = [
  { key: 'name', required: false },
  { key: 'email', required: true },
  { key: 'subject', required: false },
  { key: 'message', required: true },
];

/** The iframe to paste into a website; the page inside needs no script. */
export function embedSnippet(form: WebForm, origin: string): string {
  return `<iframe src="${origin}${form.embed_path}" title="${form.name.replace(/"/g, '&quot;')}" style="width:100%;min-height:640px;border:0" loading="lazy"></iframe>`;
}

function parseFields(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text; // sent as is: the server names the field (`fields`) as not a list
  }
}

function WebFormForm({ form, done }: { form: WebForm | null; done: () => void }) {
  const { t } = useTranslation();
  const teams = useTeams();
  const save = useAdminSave<WebForm>('forms');
  const [name, setName] = useState(form?.name ?? '');
  const [enabled, setEnabled] = useState(form?.enabled ?? true);
  const [locale, setLocale] = useState(form?.locale ?? 'en');
  const [category, setCategory] = useState(form?.category ?? '');
  const [teamId, setTeamId] = useState(form?.team_id ?? '');
  const [priority, setPriority] = useState<string>(form?.priority ?? 'normal');
  const [tags, setTags] = useState((form?.tags ?? []).join(', '));
  const [limit, setLimit] = useState(String(form?.max_per_ip_per_hour ?? 10));
  const [fields, setFields] = useState(JSON.stringify(form?.fields ?? DEFAULT_FIELDS, null, 2));
  const submit = () =>
    save.mutate(
      {
        id: form?.id,
        body: { name, enabled, locale, category: orNull(category), team_id: teamId || null, priority, tags: splitList(tags), max_per_ip_per_hour: numberOrNull(limit), fields: parseFields(fields) },
      },
      { onSuccess: done },
    );
  return (
    <AdminForm
      title={form ? t('admin.forms.edit', { name: form.name }) : t('admin.forms.new')}
      error={save.error}
      busy={save.isPending}
      submitLabel={form ? t('admin.form.save') : t('admin.forms.create')}
      onSubmit={submit}
      onCancel={done}
    >
      <TextField name="name" label={t('admin.field.name')} value={name} onChange={setName} required />
      <CheckboxField name="enabled" label={t('admin.forms.enabled')} checked={enabled} onChange={setEnabled} />
      <SelectField name="locale" label={t('admin.forms.locale')} value={locale} onChange={setLocale} options={LOCALES.map((l) => ({ value: l, label: t(`admin.language.${l}`) }))} />
      <TextField name="category" label={t('admin.forms.category')} value={category} onChange={setCategory} />
      <SelectField name="team_id" label={t('fields.team')} value={teamId} onChange={setTeamId} options={[{ value: '', label: t('ticket.none') }, ...(teams.data ?? []).map((x) => ({ value: x.id, label: x.name }))]} />
      <SelectField name="priority" label={t('fields.priority')} value={priority} onChange={setPriority} options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))} />
      <TextField name="tags" label={t('fields.tags')} value={tags} onChange={setTags} hint={t('ticket.tagsHint')} />
      <TextField name="max_per_ip_per_hour" type="number" label={t('admin.forms.rateLimit')} value={limit} onChange={setLimit} />
      <TextAreaField name="fields" label={t('admin.forms.fields')} value={fields} onChange={setFields} rows={10} mono hint={t('admin.forms.fieldsHint')} />
    </AdminForm>
  );
}

/** Web forms and the snippet to embed each one. */
export function FormsScreen() {
  const { t } = useTranslation();
  const teams = useTeams();
  const [shown, setShown] = useState<WebForm | null>(null);
  return (
    <ResourceScreen<WebForm>
      resource="forms"
      title={t('admin.forms.title')}
      intro={t('admin.forms.intro')}
      newLabel={t('admin.forms.new')}
      columns={[
        { header: t('admin.field.name'), cell: (x) => x.name },
        { header: t('admin.users.status'), cell: (x) => (x.enabled ? <Badge kind="active">{t('admin.forms.enabled')}</Badge> : <Badge kind="inactive">{t('admin.forms.disabled')}</Badge>) },
        { header: t('fields.team'), cell: (x) => nameOf(teams.data, x.team_id) ?? '—' },
        { header: t('admin.forms.spam'), cell: (x) => x.spam_blocked },
      ]}
      rowActions={(x) => (
        <button type="button" onClick={() => setShown(shown?.id === x.id ? null : x)} aria-expanded={shown?.id === x.id} aria-label={`${t('admin.forms.embed')}: ${x.name}`}>
          {t('admin.forms.embed')}
        </button>
      )}
      above={
        shown && (
          <section className="snippet" aria-label={t('admin.forms.embedFor', { name: shown.name })}>
            <CopyBox label={t('admin.forms.embedFor', { name: shown.name })} value={embedSnippet(shown, window.location.origin)} multiline autoFocus />
            <p className="hint">
              {t('admin.forms.preview')}{' '}
              <a href={shown.embed_path} target="_blank" rel="noreferrer">
                {shown.embed_path}
              </a>
            </p>
          </section>
        )
      }
      form={(form, done) => <WebFormForm form={form} done={done} />}
      remove={{ label: t('admin.delete'), question: t('admin.forms.deleteQuestion'), confirm: t('admin.delete') }}
    />
  );
}
