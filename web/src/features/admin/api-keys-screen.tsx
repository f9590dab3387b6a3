import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format.ts';
import { Badge } from '../../ui/badge.tsx';
import { useAdminDelete, useAdminList, useAdminSave } from './admin-api.ts';
import { API_KEY_ROLES, type ApiKey, type CreatedApiKey } from './admin-types.ts';
import { AdminPage, ConfirmButton, ErrorLine, Loading, ShownOnce } from './admin-ui.tsx';
import { AdminForm, SelectField, TextField } from './form-kit.tsx';

function NewKeyForm({ done }: { done: (created: CreatedApiKey | null) => void }) {
  const { t } = useTranslation();
  const save = useAdminSave<CreatedApiKey>('api-keys');
  const [name, setName] = useState('');
  const [role, setRole] = useState<string>('agent');
  const [expires, setExpires] = useState('');
  const submit = () => {
    // datetime-local has no zone: it is the admin's local time, sent as an instant.
    const expiresAt = expires ? new Date(expires).toISOString() : null;
    save.mutate({ body: { name, role, expires_at: expiresAt } }, { onSuccess: (created) => done(created) });
  };
  return (
    <AdminForm title={t('admin.apiKeys.new')} error={save.error} busy={save.isPending} submitLabel={t('admin.apiKeys.create')} onSubmit={submit} onCancel={() => done(null)}>
      <TextField name="name" label={t('admin.field.name')} value={name} onChange={setName} hint={t('admin.apiKeys.nameHint')} required />
      <SelectField name="role" label={t('admin.users.role')} value={role} onChange={setRole} options={API_KEY_ROLES.map((r) => ({ value: r, label: t(`admin.role.${r}`) }))} hint={t('admin.apiKeys.roleHint')} />
      <TextField name="expires_at" type="datetime-local" label={t('admin.apiKeys.expires')} value={expires} onChange={setExpires} hint={t('admin.apiKeys.expiresHint')} />
    </AdminForm>
  );
}

/** Integration keys: the key is shown once after creating it; revoking is for good. */
export function ApiKeysScreen() {
  const { t, i18n } = useTranslation();
  const list = useAdminList<ApiKey>('api-keys');
  const revoke = useAdminDelete('api-keys');
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const newRef = useRef<HTMLButtonElement>(null);
  const when = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : '—');

  return (
    <AdminPage
      title={t('admin.apiKeys.title')}
      intro={t('admin.apiKeys.intro')}
      actions={
        <button
          ref={newRef}
          type="button"
          className="button-primary"
          onClick={() => {
            setCreated(null);
            setCreating(true);
          }}
        >
          {t('admin.apiKeys.new')}
        </button>
      }
    >
      {created && (
        <ShownOnce
          title={t('admin.apiKeys.created', { name: created.name })}
          items={[{ label: t('admin.apiKeys.key'), value: created.key }]}
          onDone={() => {
            setCreated(null);
            newRef.current?.focus();
          }}
        />
      )}
      {creating && (
        <div className="admin-editor">
          <NewKeyForm
            done={(key) => {
              setCreating(false);
              if (key) setCreated(key);
              else newRef.current?.focus();
            }}
          />
        </div>
      )}
      <Loading when={list.isPending} />
      <ErrorLine error={list.error ?? revoke.error} />
      {list.isSuccess && list.data.length === 0 && <p className="empty">{t('admin.empty')}</p>}
      {list.isSuccess && list.data.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.field.name')}</th>
              <th scope="col">{t('admin.apiKeys.prefix')}</th>
              <th scope="col">{t('admin.users.role')}</th>
              <th scope="col">{t('admin.apiKeys.createdAt')}</th>
              <th scope="col">{t('admin.apiKeys.lastUsed')}</th>
              <th scope="col">{t('admin.apiKeys.expires')}</th>
              <th scope="col">{t('admin.users.status')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('admin.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((key) => (
              <tr key={key.id}>
                <td>{key.name}</td>
                <td className="mono">{key.prefix}…</td>
                <td>{t(`admin.role.${key.role}`)}</td>
                <td>{when(key.created_at)}</td>
                <td>{when(key.last_used_at)}</td>
                <td>{when(key.expires_at)}</td>
                <td>{key.revoked_at ? <Badge kind="inactive">{t('admin.apiKeys.revoked')}</Badge> : <Badge kind="active">{t('admin.users.isActive')}</Badge>}</td>
                <td>
                  {!key.revoked_at && (
                    <ConfirmButton
                      label={t('admin.apiKeys.revoke')}
                      ariaLabel={`${t('admin.apiKeys.revoke')}: ${key.name}`}
                      question={t('admin.apiKeys.revokeQuestion')}
                      confirmLabel={t('admin.apiKeys.revoke')}
                      busy={revoke.isPending}
                      onConfirm={() => revoke.mutate(key.id)}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminPage>
  );
}
