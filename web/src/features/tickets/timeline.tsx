import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { nameOf, useAgents } from '../../lib/reference-data.ts';
import type { Message } from '../../lib/types.ts';
import { useMessages } from './ticket-api.ts';
import { attachmentUrl } from './uploads.ts';

function Author({ message }: { message: Message }) {
  const { t } = useTranslation();
  const agents = useAgents();
  if (message.author_type === 'customer') return <>{t('timeline.customer')}</>;
  if (message.author_type === 'system') return <>{t('timeline.system')}</>;
  return <>{nameOf(agents.data, message.author_user_id) ?? t('timeline.agent')}</>;
}

/** Every message of the ticket, whatever the channel; internal notes look (and are labelled) different. */
export function Timeline({ ticketId }: { ticketId: string }) {
  const { t, i18n } = useTranslation();
  const messages = useMessages(ticketId);
  if (messages.isPending) return <p role="status">{t('common.loading')}</p>;
  if (messages.isError) return <p role="alert" className="form-error">{errorMessage(t, messages.error)}</p>;

  return (
    <ol className="timeline" aria-label={t('timeline.title')}>
      {messages.data.map((m) => (
        <li key={m.id} className={`message message-${m.kind}`} data-kind={m.kind}>
          <div className="message-head">
            {m.kind === 'internal_note' && <span className="note-label">{t('timeline.internalNote')}</span>}
            <span className="message-author">
              <Author message={m} />
            </span>
            <span>{t(`channels.${m.channel}`, { defaultValue: m.channel })}</span>
            <time dateTime={m.created_at}>{formatDateTime(m.created_at, i18n.language)}</time>
          </div>
          <p className="message-body">{m.body_text}</p>
          {m.attachments.length > 0 && (
            <ul className="plain-list" aria-label={t('timeline.attachments')}>
              {m.attachments.map((a, i) => (
                <li key={`${a.filename}-${i}`}>
                  📎{' '}
                  {a.storage_key ? (
                    <a href={attachmentUrl(ticketId, m.id, i)} download={a.filename}>
                      {a.filename}
                    </a>
                  ) : (
                    a.filename
                  )}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
