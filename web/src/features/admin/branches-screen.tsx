import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Branch } from '../../lib/types.ts';
import { orNull, useAdminSave } from './admin-api.ts';
import { AdminForm, SelectField, TextAreaField, TextField } from './form-kit.tsx';
import { ResourceScreen } from './resource-screen.tsx';
import { useCalendarOptions } from './teams-screen.tsx';

function BranchForm({ branch, done }: { branch: Branch | null; done: () => void }) {
  const { t } = useTranslation();
  const save = useAdminSave<Branch>('branches');
  const { options } = useCalendarOptions();
  const [name, setName] = useState(branch?.name ?? '');
  const [code, setCode] = useState(branch?.code ?? '');
  const [timeZone, setTimeZone] = useState(branch?.time_zone ?? '');
  const [address, setAddress] = useState(branch?.address ?? '');
  const [calendarId, setCalendarId] = useState(branch?.calendar_id ?? '');
  const submit = () =>
    save.mutate({ id: branch?.id, body: { name, code: orNull(code), time_zone: timeZone.trim(), address: orNull(address), calendar_id: calendarId || null } }, { onSuccess: done });
  return (
    <AdminForm
      title={branch ? t('admin.branches.edit', { name: branch.name }) : t('admin.branches.new')}
      error={save.error}
      busy={save.isPending}
      submitLabel={branch ? t('admin.form.save') : t('admin.branches.create')}
      onSubmit={submit}
      onCancel={done}
    >
      <TextField name="name" label={t('admin.field.name')} value={name} onChange={setName} required />
      <TextField name="code" label={t('admin.branches.code')} value={code} onChange={setCode} placeholder="BKK-01" />
      <TextField name="time_zone" label={t('admin.field.timeZone')} value={timeZone} onChange={setTimeZone} placeholder="Asia/Bangkok" hint={t('admin.field.timeZoneHint')} required />
      <TextAreaField name="address" label={t('admin.branches.address')} value={address} onChange={setAddress} />
      <SelectField name="calendar_id" label={t('admin.field.calendar')} value={calendarId} onChange={setCalendarId} options={options} hint={t('admin.branches.calendarHint')} />
    </AdminForm>
  );
}

export function BranchesScreen() {
  const { t } = useTranslation();
  const { calendars } = useCalendarOptions();
  return (
    <ResourceScreen<Branch>
      resource="branches"
      title={t('admin.branches.title')}
      newLabel={t('admin.branches.new')}
      sort={(a, b) => a.name.localeCompare(b.name)}
      columns={[
        { header: t('admin.field.name'), cell: (x) => x.name },
        { header: t('admin.branches.code'), cell: (x) => x.code ?? '' },
        { header: t('admin.field.timeZone'), cell: (x) => x.time_zone },
        { header: t('admin.field.calendar'), cell: (x) => calendars.find((c) => c.id === x.calendar_id)?.name ?? t('admin.calendarDefault') },
      ]}
      form={(branch, done) => <BranchForm branch={branch} done={done} />}
      remove={{ label: t('admin.delete'), question: t('admin.deleteQuestion'), confirm: t('admin.delete') }}
    />
  );
}
