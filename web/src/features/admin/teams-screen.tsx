import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Team, User } from '../../lib/types.ts';
import { orNull, useAdminList, useAdminSave } from './admin-api.ts';
import type { Calendar } from './admin-types.ts';
import { AdminForm, SelectField, TextAreaField, TextField } from './form-kit.tsx';
import { ResourceScreen } from './resource-screen.tsx';

/** Calendar choices for a team or branch: none (the workspace default) or one of the calendars. */
export function useCalendarOptions() {
  const { t } = useTranslation();
  const calendars = useAdminList<Calendar>('calendars');
  return {
    calendars: calendars.data ?? [],
    options: [{ value: '', label: t('admin.calendarDefault') }, ...(calendars.data ?? []).map((c) => ({ value: c.id, label: c.name }))],
  };
}

/** Lead choices: nobody, or an active user (the API refuses anyone else); a deactivated current lead stays listed. */
function useLeadOptions(current: string | null) {
  const { t } = useTranslation();
  const users = useAdminList<User>('users');
  const all = users.data ?? [];
  const eligible = all.filter((u) => u.active || u.id === current).sort((a, b) => a.name.localeCompare(b.name));
  return {
    users: all,
    options: [{ value: '', label: t('admin.teams.leadNone') }, ...eligible.map((u) => ({ value: u.id, label: `${u.name} <${u.email}>` }))],
  };
}

function TeamForm({ team, done }: { team: Team | null; done: () => void }) {
  const { t } = useTranslation();
  const save = useAdminSave<Team>('teams');
  const { options } = useCalendarOptions();
  const leads = useLeadOptions(team?.lead_user_id ?? null);
  const [leadId, setLeadId] = useState(team?.lead_user_id ?? '');
  const [name, setName] = useState(team?.name ?? '');
  const [description, setDescription] = useState(team?.description ?? '');
  const [calendarId, setCalendarId] = useState(team?.calendar_id ?? '');
  return (
    <AdminForm
      title={team ? t('admin.teams.edit', { name: team.name }) : t('admin.teams.new')}
      error={save.error}
      busy={save.isPending}
      submitLabel={team ? t('admin.form.save') : t('admin.teams.create')}
      onSubmit={() => save.mutate({ id: team?.id, body: { name, description: orNull(description), calendar_id: calendarId || null, lead_user_id: leadId || null } }, { onSuccess: done })}
      onCancel={done}
    >
      <TextField name="name" label={t('admin.field.name')} value={name} onChange={setName} required />
      <TextAreaField name="description" label={t('admin.field.description')} value={description} onChange={setDescription} />
      <SelectField name="calendar_id" label={t('admin.field.calendar')} value={calendarId} onChange={setCalendarId} options={options} hint={t('admin.teams.calendarHint')} />
      <SelectField name="lead_user_id" label={t('admin.teams.lead')} value={leadId} onChange={setLeadId} options={leads.options} hint={t('admin.teams.leadHint')} />
    </AdminForm>
  );
}

export function TeamsScreen() {
  const { t } = useTranslation();
  const { calendars } = useCalendarOptions();
  const { users } = useLeadOptions(null);
  return (
    <ResourceScreen<Team>
      resource="teams"
      title={t('admin.teams.title')}
      newLabel={t('admin.teams.new')}
      sort={(a, b) => a.name.localeCompare(b.name)}
      columns={[
        { header: t('admin.field.name'), cell: (x) => x.name },
        { header: t('admin.field.description'), cell: (x) => x.description ?? '' },
        { header: t('admin.field.calendar'), cell: (x) => calendars.find((c) => c.id === x.calendar_id)?.name ?? t('admin.calendarDefault') },
        { header: t('admin.teams.lead'), cell: (x) => users.find((u) => u.id === x.lead_user_id)?.name ?? '' },
      ]}
      form={(team, done) => <TeamForm team={team} done={done} />}
      remove={{ label: t('admin.delete'), question: t('admin.deleteQuestion'), confirm: t('admin.delete') }}
    />
  );
}
