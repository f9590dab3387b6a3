import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../ui/badge.tsx';
import { orNull, useAdminAction, useAdminSave } from './admin-api.ts';
import { WEBHOOK_KINDS, type WebhookChannel, type WebhookChannelWithSecret } from './admin-types.ts';
import { ConfirmButton, ErrorLine, ShownOnce } from './admin-ui.tsx';
import { AdminForm, CheckboxField, SelectField, TextField } from './form-kit.tsx';
import { ResourceScreen } from './resource-screen.tsx';

function ChannelForm({ channel, done }: { channel: WebhookChannel | null; done: (created?: WebhookChannelWithSecret) => void }) {
  const { t } = useTranslation();
  const save = useAdminSave<WebhookChannel | WebhookChannelWithSecret>('webhook-channels');
  const [name, setName] = useState(channel?.name ?? '');
  const [kind, setKind] = useState<string>(channel?.kind ?? 'generic');
  const [enabled, setEnabled] = useState(channel?.enabled ?? true);
  const [callbackUrl, setCallbackUrl] = useState(channel?.callback_url ?? '');
  const [botToken, setBotToken] = useState('');
  const [apiBase, setApiBase] = useState(channel?.api_base_url ?? '');
  const telegram = kind === 'telegram';
  const submit = () => {
    const body = {
      name,
      enabled,
      ...(channel ? {} : { kind }),
      ...(telegram ? {} : { callback_url: orNull(callbackUrl) }),
      ...(telegram && botToken ? { bot_token: botToken } : {}),
      ...(telegram && apiBase.trim() ? { api_base_url: apiBase.trim() } : {}),
    };
    save.mutate({ id: channel?.id, body }, { onSuccess: (saved) => done(channel ? undefined : (saved as WebhookChannelWithSecret)) });
  };
  return (
    <AdminForm
      title={channel ? t('admin.webhooks.edit', { name: channel.name }) : t('admin.webhooks.new')}
      error={save.error}
      busy={save.isPending}
      submitLabel={channel ? t('admin.form.save') : t('admin.webhooks.create')}
      onSubmit={submit}
      onCancel={() => done()}
    >
      <TextField name="name" label={t('admin.field.name')} value={name} onChange={setName} required />
      <SelectField name="kind" label={t('admin.webhooks.kind')} value={kind} onChange={setKind} disabled={Boolean(channel)} options={WEBHOOK_KINDS.map((k) => ({ value: k, label: t(`admin.webhooks.kinds.${k}`) }))} />
      <CheckboxField name="enabled" label={t('admin.webhooks.enabled')} checked={enabled} onChange={setEnabled} />
      {!telegram && <TextField name="callback_url" type="url" label={t('admin.webhooks.callbackUrl')} value={callbackUrl} onChange={setCallbackUrl} hint={t('admin.webhooks.callbackHint')} placeholder="https://" />}
      {telegram && (
        <>
          <TextField
            name="bot_token"
            type="password"
            autoComplete="new-password"
            label={t('admin.webhooks.botToken')}
            value={botToken}
            onChange={setBotToken}
            required={!channel}
            hint={channel ? t('admin.mailboxes.passwordKeep') : t('admin.webhooks.botTokenHint')}
          />
          <TextField name="api_base_url" type="url" label={t('admin.webhooks.apiBase')} value={apiBase} onChange={setApiBase} placeholder="https://api.telegram.org" />
        </>
      )}
    </AdminForm>
  );
}

function secretItems(t: (k: string) => string, channel: WebhookChannelWithSecret) {
  const origin = window.location.origin;
  return [
    { label: t('admin.webhooks.secret'), value: channel.signing_secret },
    ...(channel.inbound_path ? [{ label: t('admin.webhooks.inboundUrl'), value: `${origin}${channel.inbound_path}` }] : []),
    ...(channel.telegram_webhook_path ? [{ label: t('admin.webhooks.telegramUrl'), value: `${origin}${channel.telegram_webhook_path}` }] : []),
  ];
}

/** Signed webhook channels and Telegram bots; the signing secret is shown once (and on rotation). */
export function WebhooksScreen() {
  const { t } = useTranslation();
  const [secret, setSecret] = useState<WebhookChannelWithSecret | null>(null);
  const rotate = useAdminAction<WebhookChannelWithSecret, string>('webhook-channels', (id) => `/webhook-channels/${id}/rotate-secret`);
  return (
    <ResourceScreen<WebhookChannel>
      resource="webhook-channels"
      title={t('admin.webhooks.title')}
      intro={t('admin.webhooks.intro')}
      newLabel={t('admin.webhooks.new')}
      above={
        <>
          <ErrorLine error={rotate.error} />
          {secret && <ShownOnce title={t('admin.webhooks.secretTitle', { name: secret.name })} items={secretItems(t, secret)} onDone={() => setSecret(null)} />}
        </>
      }
      columns={[
        { header: t('admin.field.name'), cell: (x) => x.name },
        { header: t('admin.webhooks.kind'), cell: (x) => t(`admin.webhooks.kinds.${x.kind}`) },
        { header: t('admin.users.status'), cell: (x) => (x.enabled ? <Badge kind="active">{t('admin.webhooks.enabled')}</Badge> : <Badge kind="inactive">{t('admin.forms.disabled')}</Badge>) },
        { header: t('admin.webhooks.inboundUrl'), cell: (x) => <span className="mono">{x.inbound_path ?? '—'}</span> },
      ]}
      rowActions={(x) => (
        <ConfirmButton
          label={t('admin.webhooks.rotate')}
          ariaLabel={`${t('admin.webhooks.rotate')}: ${x.name}`}
          question={t('admin.webhooks.rotateQuestion')}
          confirmLabel={t('admin.webhooks.rotate')}
          busy={rotate.isPending}
          onConfirm={() => rotate.mutate(x.id, { onSuccess: setSecret })}
        />
      )}
      form={(channel, done) => (
        <ChannelForm
          channel={channel}
          done={(created) => {
            done();
            if (created) setSecret(created);
          }}
        />
      )}
      remove={{ label: t('admin.delete'), question: t('admin.webhooks.deleteQuestion'), confirm: t('admin.delete') }}
    />
  );
}
