import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { nameOf, useAgents } from '../../lib/reference-data.ts';
import type { TimelineItem } from './customer-types.ts';
import { useCustomerTimeline } from './customers-api.ts';
import './customers.css';

const KINDS = ['all', 'messages', 'events'] as const;

function Entry({ item }: { item: TimelineItem }) {
  const { t, i18n } = useTranslation();
  const agents = useAgents();
  const m = item.message;
  const e = item.event;
  const author = m
    ? m.author_type === 'customer'
      ? t('timeline.customer')
      : m.author_type === 'system'
        ? t('timeline.system')
        : (nameOf(agents.data, m.author_user_id) ?? t('timeline.agent'))
    : null;
  return (
    <li className={`message ${m ? `message-${m.kind}` : 'timeline-event'}`}>
      <div className="message-head">
        {m?.kind === 'internal_note' && <span className="note-label">{t('timeline.internalNote')}</span>}
        {author && <span className="message-author">{author}</span>}
        <span>{t(`channels.${m?.channel ?? item.ticket.channel}`, { defaultValue: m?.channel ?? item.ticket.channel })}</span>
        <time dateTime={item.at}>{formatDateTime(item.at, i18n.language)}</time>
        {/* Only the number is the link: the ticket list beside names each ticket by its subject. */}
        <span>
          <Link to={`/tickets/${item.ticket.id}`}>#{item.ticket.number}</Link> {item.ticket.subject}
        </span>
      </div>
      {m && <p className="message-body">{m.body_text}</p>}
      {e && (
        <p className="event-text">
          {t(`customerPages.event.${e.type}`, { defaultValue: e.type })}
          {e.type === 'status_changed' && typeof e.data.to === 'string' ? `: ${t(`status.${e.data.to}`, { defaultValue: e.data.to })}` : ''}
        </p>
      )}
    </li>
  );
}

/** Everything that happened with this customer, across all their tickets and channels, newest first. */
export function CustomerTimeline({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<(typeof KINDS)[number]>('all');
  const timeline = useCustomerTimeline(customerId, kind);
  const items = timeline.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <section aria-labelledby="customer-timeline-title">
      <div className="admin-page-head">
        <h2 id="customer-timeline-title">{t('customerPages.timeline')}</h2>
        <div className="filter filter-inline">
          <label htmlFor="timeline-kind">{t('customerPages.show')}</label>
          <select id="timeline-kind" value={kind} onChange={(e) => setKind(e.target.value as (typeof KINDS)[number])}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`customerPages.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {timeline.isPending && <p role="status">{t('common.loading')}</p>}
      {timeline.isError && (
        <p role="alert" className="form-error">
          {errorMessage(t, timeline.error)}
        </p>
      )}
      {timeline.isSuccess && items.length === 0 && <p className="empty">{t('customerPages.timelineEmpty')}</p>}
      <ol className="timeline" aria-label={t('customerPages.timeline')}>
        {items.map((item) => (
          <Entry key={`${item.type}-${item.id}`} item={item} />
        ))}
      </ol>
      {timeline.hasNextPage && (
        <button type="button" onClick={() => void timeline.fetchNextPage()} disabled={timeline.isFetchingNextPage}>
          {t('customerPages.older')}
        </button>
      )}
    </section>
  );
}
