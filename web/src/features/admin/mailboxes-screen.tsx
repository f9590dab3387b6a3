import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format.ts';
import { Badge } from '../../ui/badge.tsx';
import { numberOrNull, useAdminSave } from './admin-api.ts';
import type { Mailbox } from './admin-types.ts';
import { AdminForm, CheckboxField, TextField } from './form-kit.tsx';
import { ResourceScreen } from './resource-screen.tsx';

function MailboxForm({ mailbox, done }: { mailbox: Mailbox | null; done: () => void }) {
  const { t } = useTranslation();
  const save = useAdminSave<Mailbox>('mailboxes');
  const [name, setName] = useState(mailbox?.name ?? '');
  const [host, setHost] = useState(mailbox?.host ?? '');
  const [port, setPort] = useState(String(mailbox?.port ?? 993));
  const [secure, setSecure] = useState(mailbox?.secure ?? true);
  const [username, setUsername] = useState(mailbox?.username ?? '');
  const [password, setPassword] = useState('');
  const [folder, setFolder] = useState(mailbox?.folder ?? 'INBOX');
  const [active, setActive] = useState(mailbox?.active ?? true);
  const [importExisting, setImportExisting] = useState(mailbox?.import_existing ?? false);
  const submit = () => {
    // The password is write-only: left empty on an existing mailbox, the stored one stays.
    const body = { name, host, port: numberOrNull(port), secure, username, folder, active, import_existing: importExisting, ...(password || !mailbox ? { password } : {}) };
    save.mutate({ id: mailbox?.id, body }, { onSuccess: done });
  };
  return (
    <AdminForm
      title={mailbox ? t('admin.mailboxes.edit', { name: mailbox.name }) : t('admin.mailboxes.new')}
      error={save.error}
      busy={save.isPending}
      submitLabel={mailbox ? t('admin.form.save') : t('admin.mailboxes.create')}
      onSubmit={submit}
      onCancel={done}
    >
      <TextField name="name" label={t('admin.field.name')} value={name} onChange={setName} required />
      <TextField name="host" label={t('admin.mailboxes.host')} value={host} onChange={setHost} placeholder="imap.example.com" required />
      <TextField name="port" type="number" label={t('admin.mailboxes.port')} value={port} onChange={setPort} />
      <CheckboxField name="secure" label={t('admin.mailboxes.secure')} checked={secure} onChange={setSecure} hint={t('admin.mailboxes.secureHint')} />
      <TextField name="username" label={t('admin.mailboxes.username')} value={username} onChange={setUsername} required />
      <TextField
        name="password"
        type="password"
        autoComplete="new-password"
        label={t('admin.users.password')}
        value={password}
        onChange={setPassword}
        required={!mailbox}
        hint={mailbox ? t('admin.mailboxes.passwordKeep') : t('admin.mailboxes.passwordHint')}
      />
      <TextField name="folder" label={t('admin.mailboxes.folder')} value={folder} onChange={setFolder} />
      <CheckboxField name="active" label={t('admin.mailboxes.active')} checked={active} onChange={setActive} />
      <CheckboxField name="import_existing" label={t('admin.mailboxes.importExisting')} checked={importExisting} onChange={setImportExisting} hint={t('admin.mailboxes.importExistingHint')} />
    </AdminForm>
  );
}

/** IMAP mailboxes polled for new tickets. */
export function MailboxesScreen() {
  const { t, i18n } = useTranslation();
  return (
    <ResourceScreen<Mailbox>
      resource="mailboxes"
      title={t('admin.mailboxes.title')}
      intro={t('admin.mailboxes.intro')}
      newLabel={t('admin.mailboxes.new')}
      columns={[
        { header: t('admin.field.name'), cell: (x) => x.name },
        { header: t('admin.mailboxes.account'), cell: (x) => `${x.username} @ ${x.host}:${x.port} / ${x.folder}` },
        { header: t('admin.users.status'), cell: (x) => (x.active ? <Badge kind="active">{t('admin.users.isActive')}</Badge> : <Badge kind="inactive">{t('admin.users.isInactive')}</Badge>) },
        {
          header: t('admin.mailboxes.lastPoll'),
          cell: (x) => (
            <>
              {x.last_polled_at ? formatDateTime(x.last_polled_at, i18n.language) : '—'}
              {x.last_error && <span className="form-error"> {t('admin.mailboxes.lastError', { detail: x.last_error })}</span>}
            </>
          ),
        },
      ]}
      form={(mailbox, done) => <MailboxForm mailbox={mailbox} done={done} />}
      remove={{ label: t('admin.delete'), question: t('admin.mailboxes.deleteQuestion'), confirm: t('admin.delete') }}
    />
  );
}
