import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TicketPresenceDto } from '../../../../contracts/presence.ts';
import { api } from '../../lib/api.ts';

export type TicketPresence = TicketPresenceDto;
type Agents = TicketPresence['agents'];

const HEARTBEAT_MS = 15_000;
/** "Replying" lasts this long after the last keystroke. */
const TYPING_MS = 20_000;
/** One id per tab (module load), so two tabs of one agent are two entries on the server. */
const CLIENT_ID = `tab-${Array.from(crypto.getRandomValues(new Uint8Array(9)), (b) => b.toString(16).padStart(2, '0')).join('')}`;

export const presenceKey = (ticketId: string) => ['presence', ticketId] as const;

/**
 * Tells the server this tab has the ticket open (heartbeat every 15 s, at once when the state
 * changes, and a leave on unmount), and returns who is there. Changes pushed on the event stream
 * (`presence` events, see use-live-updates) update the same query; the heartbeat's answer heals
 * anything missed.
 */
export function useTicketPresence(ticketId: string): { agents: Agents; typing: () => void } {
  const queryClient = useQueryClient();
  const [replying, setReplying] = useState(false);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const presence = useQuery({ queryKey: presenceKey(ticketId), queryFn: () => api<TicketPresence>(`/tickets/${ticketId}/presence`).then((p) => p.agents), staleTime: Infinity });

  useEffect(() => {
    let stopped = false;
    const beat = () =>
      api<TicketPresence>(`/tickets/${ticketId}/presence`, { method: 'PUT', body: { client_id: CLIENT_ID, state: replying ? 'replying' : 'viewing' } }).then(
        (p) => {
          if (!stopped) queryClient.setQueryData(presenceKey(ticketId), p.agents);
        },
        () => {}, // a missed heartbeat is retried by the next one
      );
    void beat();
    const timer = setInterval(beat, HEARTBEAT_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [ticketId, replying, queryClient]);

  // Leaving the ticket (or closing the tab): tell the others now rather than after the expiry.
  useEffect(() => {
    const leave = () => void fetch(`/api/v1/tickets/${ticketId}/presence?client_id=${CLIENT_ID}`, { method: 'DELETE', keepalive: true, credentials: 'same-origin' }).catch(() => {});
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      leave();
    };
  }, [ticketId]);

  useEffect(() => () => {
    if (typingTimer.current) clearTimeout(typingTimer.current);
  }, []);

  const typing = useCallback(() => {
    setReplying(true);
    if (typingTimer.current) clearTimeout(typingTimer.current);
    typingTimer.current = setTimeout(() => setReplying(false), TYPING_MS);
  }, []);

  return { agents: presence.data ?? [], typing };
}
