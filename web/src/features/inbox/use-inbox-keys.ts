import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../lib/errors.ts';
import type { TicketListItem } from '../../lib/types.ts';
import { useSession } from '../session/session-api.ts';
import { useUpdateTicket } from './tickets-api.ts';

/** Typing in a field must never trigger a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  // A focused row checkbox is not a text field: shortcuts keep working there.
  if (target instanceof HTMLInputElement && (target.type === 'checkbox' || target.type === 'radio')) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

interface Options {
  rows: TicketListItem[];
  active: number;
  focusRow: (index: number) => void;
  announce: (text: string) => void;
  selection: ReadonlySet<string>;
  /** `range`: from the last selected row to this one. */
  select: (index: number, selected: boolean, range: boolean) => void;
  clearSelection: () => void;
}

/**
 * j/k move, enter opens, e solves, a assigns to me, r opens the reply box; x selects the
 * active ticket (shift+x: the range from the last selected one), Escape clears the selection.
 */
export function useInboxKeys({ rows, active, focusRow, announce, selection, select, clearSelection }: Options) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const update = useUpdateTicket();
  const state = useRef({ rows, active, selection });
  state.current = { rows, active, selection };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      // A modal (the merge dialog) owns the keyboard.
      if (document.querySelector('dialog[open]')) return;
      const { rows, active, selection } = state.current;
      const ticket = rows[active];
      const act = (patch: Parameters<typeof update.mutate>[0]['patch'], done: string) => {
        if (!ticket) return;
        update.mutate(
          { id: ticket.id, patch },
          { onSuccess: () => announce(done), onError: (error) => announce(errorMessage(t, error)) },
        );
      };
      switch (event.key) {
        case 'j':
        case 'k': {
          if (!rows.length) return;
          // The first press brings focus to the list; later ones move it.
          const inList = Boolean(document.activeElement?.closest('.ticket-row'));
          const step = !inList ? 0 : event.key === 'j' ? 1 : -1;
          focusRow(Math.min(Math.max(active + step, 0), rows.length - 1));
          break;
        }
        case 'Enter':
          // A focused row link opens itself; this covers focus elsewhere on the page.
          if (ticket && !(event.target instanceof HTMLAnchorElement)) navigate(`/tickets/${ticket.id}`);
          return;
        case 'e':
          act({ status: 'solved' }, t('inbox.solved', { number: ticket?.number }));
          break;
        case 'a':
          if (session.data) act({ assignee_id: session.data.user_id }, t('inbox.assigned', { number: ticket?.number }));
          break;
        case 'r':
          if (ticket) navigate(`/tickets/${ticket.id}?reply=1`);
          break;
        case 'x':
        case 'X': {
          if (!ticket) return;
          const selected = !selection.has(ticket.id);
          select(active, selected, event.shiftKey);
          announce(t(selected ? 'inboxTools.selectedTicket' : 'inboxTools.unselectedTicket', { number: ticket.number }));
          break;
        }
        case 'Escape':
          if (selection.size === 0) return;
          clearSelection();
          announce(t('inboxTools.selectionCleared'));
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [focusRow, announce, navigate, session.data, t, update, select, clearSelection]);
}
