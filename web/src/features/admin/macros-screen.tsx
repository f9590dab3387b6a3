import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { macroDto } from '../../../../contracts/macros.ts';
import { api } from '../../lib/api.ts';
import { nameOf, useAgents, useTeams } from '../../lib/reference-data.ts';
import { LOCALES, PRIORITIES, STATUSES } from '../../lib/types.ts';
import { splitList, useAdminSave } from './admin-api.ts';
import { AdminForm, SelectField, TextAreaField, TextField } from './form-kit.tsx';
import { ResourceScreen } from './resource-screen.tsx';

type Macro = z.infer<typeof macroDto>;

/** The placeholders the server fills in, as it lists them. */
function usePlaceholders() {
  return useQuery({ queryKey: ['macros', 'placeholders'], queryFn: () => api<{ data: string[] }>('/macros/placeholders'), staleTime: Infinity });
}

/** Empty select value = "leave as it is" (the action is not set). */
function MacroForm({ macro, done }: { macro: Macro | null; done: () => void }) {
  const { t } = useTranslation();
  const save = useAdminSave<Macro>('macros');
  const teams = useTeams();
  const agents = useAgents();
  const placeholders = usePlaceholders();
  const a = macro?.actions ?? {};
  const [name, setName] = useState(macro?.name ?? '');
  const [kind, setKind] = useState<string>(macro?.kind ?? '');
  const [texts, setTexts] = useState<Record<string, string>>(() => Object.fromEntries(LOCALES.map((l) => [l, macro?.content[l]?.text ?? ''])));
  const [status, setStatus] = useState<string>(a.status ?? '');
  const [priority, setPriority] = useState<string>(a.priority ?? '');
  const [assignee, setAssignee] = useState<string>(a.assignee_id === null ? 'none' : (a.assignee_id ?? ''));
  const [teamId, setTeamId] = useState<string>(a.team_id === null ? 'none' : (a.team_id ?? ''));
  const [addTags, setAddTags] = useState((a.add_tags ?? []).join(', '));
  const [removeTags, setRemoveTags] = useState((a.remove_tags ?? []).join(', '));

  const submit = () => {
    // Languages left empty are left out; HTML stored with a text is kept while the text is unchanged.
    const content = Object.fromEntries(
      LOCALES.filter((l) => (texts[l] ?? '').trim() !== '').map((l) => {
        const before = macro?.content[l];
        return [l, before && before.text === texts[l] ? before : { text: texts[l] }];
      }),
    );
    const pick = (v: string) => (v === '' ? undefined : v === 'none' ? null : v);
    const actions = JSON.parse(
      JSON.stringify({
        status: status || undefined,
        priority: priority || undefined,
        assignee_id: pick(assignee),
        team_id: pick(teamId),
        add_tags: splitList(addTags).length ? splitList(addTags) : undefined,
        remove_tags: splitList(removeTags).length ? splitList(removeTags) : undefined,
      }),
    ) as Record<string, unknown>;
    if (pick(assignee) === null) actions.assignee_id = null;
    if (pick(teamId) === null) actions.team_id = null;
    const body = { name, kind: kind || null, content, actions, ...(macro ? {} : { scope: 'shared' }) };
    save.mutate({ id: macro?.id, body }, { onSuccess: done });
  };

  const keep = { value: '', label: t('admin.macros.keep') };
  return (
    <AdminForm
      title={macro ? t('admin.macros.edit', { name: macro.name }) : t('admin.macros.new')}
      error={save.error}
      busy={save.isPending}
      submitLabel={macro ? t('admin.form.save') : t('admin.macros.create')}
      onSubmit={submit}
      onCancel={done}
    >
      <TextField name="name" label={t('admin.field.name')} value={name} onChange={setName} required />
      <SelectField
        name="kind"
        label={t('admin.macros.kind')}
        value={kind}
        onChange={setKind}
        options={[{ value: '', label: t('admin.macros.anyKind') }, { value: 'public_reply', label: t('reply.public_reply') }, { value: 'internal_note', label: t('reply.internal_note') }]}
      />
      <fieldset className="field-group">
        <legend>{t('admin.macros.content')}</legend>
        <p className="hint">{t('admin.macros.placeholders', { list: (placeholders.data?.data ?? []).map((p) => `{{${p}}}`).join(' ') })}</p>
        {LOCALES.map((l) => (
          <TextAreaField key={l} name={`content.${l}`} label={t(`admin.language.${l}`)} value={texts[l] ?? ''} onChange={(v) => setTexts((x) => ({ ...x, [l]: v }))} rows={4} />
        ))}
      </fieldset>
      <fieldset className="field-group">
        <legend>{t('admin.macros.actions')}</legend>
        <SelectField name="actions.status" label={t('fields.status')} value={status} onChange={setStatus} options={[keep, ...STATUSES.filter((s) => s !== 'closed').map((s) => ({ value: s, label: t(`status.${s}`) }))]} />
        <SelectField name="actions.priority" label={t('fields.priority')} value={priority} onChange={setPriority} options={[keep, ...PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))]} />
        <SelectField
          name="actions.assignee_id"
          label={t('fields.assignee')}
          value={assignee}
          onChange={setAssignee}
          options={[keep, { value: 'me', label: t('admin.macros.me') }, { value: 'none', label: t('ticket.unassigned') }, ...(agents.data ?? []).map((u) => ({ value: u.id, label: u.name }))]}
        />
        <SelectField name="actions.team_id" label={t('fields.team')} value={teamId} onChange={setTeamId} options={[keep, { value: 'none', label: t('ticket.none') }, ...(teams.data ?? []).map((x) => ({ value: x.id, label: x.name }))]} />
        <TextField name="actions.add_tags" label={t('admin.macros.addTags')} value={addTags} onChange={setAddTags} hint={t('ticket.tagsHint')} />
        <TextField name="actions.remove_tags" label={t('admin.macros.removeTags')} value={removeTags} onChange={setRemoveTags} />
      </fieldset>
    </AdminForm>
  );
}

/** Shared macros (every agent sees them) and the admin's own; the ticket view applies them. */
export function MacrosScreen() {
  const { t } = useTranslation();
  const agents = useAgents();
  return (
    <ResourceScreen<Macro>
      resource="macros"
      title={t('admin.macros.title')}
      intro={t('admin.macros.intro')}
      newLabel={t('admin.macros.new')}
      sort={(x, y) => x.name.localeCompare(y.name)}
      columns={[
        { header: t('admin.field.name'), cell: (x) => x.name },
        { header: t('admin.macros.scope'), cell: (x) => (x.scope === 'shared' ? t('admin.macros.shared') : t('admin.macros.personal', { name: nameOf(agents.data, x.owner_user_id) ?? '' })) },
        { header: t('admin.macros.languages'), cell: (x) => LOCALES.filter((l) => x.content[l]).join(', ') },
      ]}
      form={(macro, done) => <MacroForm macro={macro} done={done} />}
      remove={{ label: t('admin.delete'), question: t('admin.deleteQuestion'), confirm: t('admin.delete') }}
    />
  );
}
