import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAgents, nameOf } from '../../lib/reference-data.ts';
import type { TicketListItem } from '../../lib/types.ts';
import { RelativeTime } from '../../ui/relative-time.tsx';
import { Badge } from '../../ui/badge.tsx';

interface Props {
  ticket: TicketListItem;
  index: number;
  /** -1 while more pages exist (the total is unknown). */
  setSize: number;
  top: number;
  active: boolean;
  selected: boolean;
  /** `range`: shift-click, select everything from the last clicked row. */
  onSelect: (index: number, selected: boolean, range: boolean) => void;
  onFocus: () => void;
}

export function TicketRow({ ticket, index, setSize, top, active, selected, onSelect, onFocus }: Props) {
  const { t } = useTranslation();
  const agents = useAgents();
  const assignee = nameOf(agents.data, ticket.assignee_id);
  return (
    <li
      className={`ticket-row${active ? ' is-active' : ''}${selected ? ' is-selected' : ''}`}
      data-index={index}
      aria-setsize={setSize}
      aria-posinset={index + 1}
      style={{ transform: `translateY(${top}px)` }}
    >
      <input
        type="checkbox"
        className="ticket-select"
        checked={selected}
        aria-label={t('inboxTools.selectTicket', { number: ticket.number })}
        onClick={(e: MouseEvent<HTMLInputElement>) => onSelect(index, e.currentTarget.checked, e.shiftKey)}
        onChange={() => undefined}
        onFocus={onFocus}
      />
      <div className="ticket-row-body">
        <Link to={`/tickets/${ticket.id}`} onFocus={onFocus} className="ticket-link">
          <span className="ticket-number">#{ticket.number}</span>
          <span className="ticket-subject">{ticket.subject}</span>
        </Link>
        <span className="ticket-meta">
          <Badge kind={`status-${ticket.status}`}>{t(`status.${ticket.status}`)}</Badge>
          {ticket.priority !== 'normal' && <Badge kind={`priority-${ticket.priority}`}>{t(`priority.${ticket.priority}`)}</Badge>}
          {ticket.sla.status && <Badge kind={`sla-${ticket.sla.status}`}>{t(`sla.status.${ticket.sla.status}`)}</Badge>}
          <span>{t(`channels.${ticket.channel}`, { defaultValue: ticket.channel })}</span>
          <span>{assignee ?? t('ticket.unassigned')}</span>
          <RelativeTime iso={ticket.updated_at} />
        </span>
      </div>
    </li>
  );
}
