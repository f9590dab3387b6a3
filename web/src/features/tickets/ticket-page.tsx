import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/errors.ts';
import { CustomerPanel } from '../customers/customer-panel.tsx';
import { ReplyBox } from './reply-box.tsx';
import { SlaTimers } from './sla-timers.tsx';
import { TicketProperties } from './ticket-properties.tsx';
import { Timeline } from './timeline.tsx';
import { useTicket } from './ticket-api.ts';
import { CustomFields } from './custom-fields.tsx';
import { PresenceBadges } from './presence-badges.tsx';
import { useTicketPresence } from './use-presence.ts';
import { TicketRating } from '../surveys/ticket-rating.tsx';
import './ticket-tools.css';

export function TicketPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const ticket = useTicket(id);
  const presence = useTicketPresence(id);

  if (ticket.isPending) return <p className="page-message" role="status">{t('common.loading')}</p>;
  if (ticket.isError) return <p className="page-message form-error" role="alert">{errorMessage(t, ticket.error)}</p>;
  const data = ticket.data;

  return (
    <div className="ticket-page">
      <section className="ticket-conversation" aria-labelledby="ticket-title">
        <h1 id="ticket-title">
          <span className="ticket-number">#{data.number}</span> {data.subject}
        </h1>
        <PresenceBadges agents={presence.agents} />
        <Timeline ticketId={data.id} />
        <ReplyBox key={data.id} ticketId={data.id} autoFocus={params.get('reply') === '1'} onTyping={presence.typing} />
      </section>
      <aside className="ticket-side" aria-label={t('ticket.details')}>
        <TicketProperties ticket={data} />
        <SlaTimers sla={data.sla} />
        <CustomFields ticket={data} />
        <TicketRating ticketId={data.id} />
        <CustomerPanel customerId={data.customer_id} currentTicketId={data.id} />
      </aside>
    </div>
  );
}
