import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { openEventStream } from '../../lib/sse.ts';
import { presenceKey, type TicketPresence } from '../tickets/use-presence.ts';

export type LiveStatus = 'connecting' | 'open' | 'reconnecting';

interface PresenceChange {
  ticket_id?: string;
  agents?: TicketPresence['agents'];
}

interface Notice {
  ticket_id?: string;
  type?: string;
}

/**
 * Keeps the workspace's event stream open while signed in. Each ticket event marks the
 * affected queries stale (lists are refreshed at most every half second, however many
 * events arrive); the query cache refetches what is on screen.
 */
export function useLiveUpdates(): LiveStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');

  useEffect(() => {
    let listTimer: ReturnType<typeof setTimeout> | null = null;
    const refreshLists = () => {
      if (listTimer) return;
      listTimer = setTimeout(() => {
        listTimer = null;
        void queryClient.invalidateQueries({ queryKey: ['tickets'] });
      }, 500);
    };
    const close = openEventStream({
      url: '/api/v1/events',
      onStatus: (s) => {
        if (s === 'unauthenticated') queryClient.setQueryData(['session'], null);
        else setStatus(s);
      },
      onEvent: (event) => {
        let notice: Notice;
        try {
          notice = JSON.parse(event.data) as Notice;
        } catch {
          return;
        }
        // Who is viewing / replying: an ephemeral signal, not a change of the ticket.
        if (event.event === 'presence') {
          const change = notice as PresenceChange;
          if (change.ticket_id && Array.isArray(change.agents)) queryClient.setQueryData(presenceKey(change.ticket_id), change.agents);
          return;
        }
        if (notice.ticket_id) {
          void queryClient.invalidateQueries({ queryKey: ['ticket', notice.ticket_id] });
          void queryClient.invalidateQueries({ queryKey: ['messages', notice.ticket_id] });
        }
        refreshLists();
      },
    });
    return () => {
      close();
      if (listTimer) clearTimeout(listTimer);
    };
  }, [queryClient]);

  return status;
}
