import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nameOf, useTeams } from '../../lib/reference-data.ts';
import { LOCALES, type User } from '../../lib/types.ts';
import { Badge } from '../../ui/badge.tsx';
import { useAdminSave } from './admin-api.ts';
import { ROLES } from './admin-types.ts';
import { AdminForm, CheckboxField, CheckboxGroup, SelectField, TextField } from './form-kit.tsx';
import { ResourceScreen } from './resource-screen.tsx';

const NATIVE: Record<string, string> = { en: 'English', th: 'ไทย', vi: 'Tiếng Việt', cs: 'Čeština', ms: 'Bahasa Melayu' };

function UserForm({ user, done }: { user: User | null; done: () => void }) {
  const { t } = useTranslation();
  const teams = useTeams();
  const save = useAdminSave<User>('users');
  const [name, setName] = useState(user?.name ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [role, setRole] = useState<string>(user?.role ?? 'agent');
  const [password, setPassword] = useState('');
  const [locale, setLocale] = useState(user?.locale ?? 'en');
  const [timeZone, setTimeZone] = useState(user?.time_zone ?? '');
  const [teamIds, setTeamIds] = useState<string[]>(user?.team_ids ?? []);
  const [active, setActive] = useState(user?.active ?? true);

  const submit = () => {
    const body = {
      name,
      email,
      role,
      locale,
      time_zone: timeZone.trim() || null,
      team_ids: teamIds,
      ...(password ? { password } : {}),
      ...(user ? { active } : {}),
    };
    save.mutate({ id: user?.id, body }, { onSuccess: done });
  };

  return (
    <AdminForm
      title={user ? t('admin.users.edit', { name: user.name }) : t('admin.users.new')}
      error={save.error}
      busy={save.isPending}
      submitLabel={user ? t('admin.form.save') : t('admin.users.create')}
      onSubmit={submit}
      onCancel={done}
    >
      <TextField name="name" label={t('admin.field.name')} value={name} onChange={setName} required />
      <TextField name="email" type="email" label={t('admin.users.email')} value={email} onChange={setEmail} required />
      <SelectField name="role" label={t('admin.users.role')} value={role} onChange={setRole} options={ROLES.map((r) => ({ value: r, label: t(`admin.role.${r}`) }))} hint={t('admin.users.roleHint')} />
      <TextField
        name="password"
        type="password"
        autoComplete="new-password"
        label={user ? t('admin.users.newPassword') : t('admin.users.password')}
        value={password}
        onChange={setPassword}
        hint={user ? t('admin.users.passwordKeep') : t('admin.users.passwordHint')}
      />
      <SelectField name="locale" label={t('admin.users.language')} value={locale} onChange={setLocale} options={LOCALES.map((l) => ({ value: l, label: NATIVE[l] ?? l }))} />
      <TextField name="time_zone" label={t('admin.field.timeZone')} value={timeZone} onChange={setTimeZone} placeholder="Asia/Bangkok" hint={t('admin.field.timeZoneHint')} />
      <CheckboxGroup name="team_ids" legend={t('admin.users.teams')} options={(teams.data ?? []).map((x) => ({ value: x.id, label: x.name }))} values={teamIds} onChange={setTeamIds} />
      {user && <CheckboxField name="active" label={t('admin.users.active')} checked={active} onChange={setActive} hint={t('admin.users.activeHint')} />}
    </AdminForm>
  );
}

/** Agents: create (with or without a password), role, teams, language; deactivate. */
export function UsersScreen() {
  const { t } = useTranslation();
  const teams = useTeams();
  return (
    <ResourceScreen<User>
      resource="users"
      title={t('admin.users.title')}
      intro={t('admin.users.intro')}
      newLabel={t('admin.users.new')}
      sort={(a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name)}
      columns={[
        { header: t('admin.field.name'), cell: (u) => u.name },
        { header: t('admin.users.email'), cell: (u) => u.email },
        { header: t('admin.users.role'), cell: (u) => t(`admin.role.${u.role}`) },
        { header: t('admin.users.teams'), cell: (u) => u.team_ids.map((id) => nameOf(teams.data, id) ?? '').join(', ') },
        { header: t('admin.users.status'), cell: (u) => (u.active ? <Badge kind="active">{t('admin.users.isActive')}</Badge> : <Badge kind="inactive">{t('admin.users.isInactive')}</Badge>) },
      ]}
      form={(user, done) => <UserForm user={user} done={done} />}
      remove={{ label: t('admin.users.deactivate'), question: t('admin.users.deactivateQuestion'), confirm: t('admin.users.deactivate'), allowed: (u) => u.active }}
    />
  );
}
