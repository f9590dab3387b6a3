import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session-api.ts';
import type { TicketPresence } from './use-presence.ts';

/** "Anna is viewing", "Bob is replying": the other agents on this ticket (not me, in any tab). */
export function PresenceBadges({ agents }: { agents: TicketPresence['agents'] }) {
  const { t } = useTranslation();
  const session = useSession();
  const others = agents.filter((a) => a.user_id !== session.data?.user_id);
  const someoneReplying = others.some((a) => a.state === 'replying');
  return (
    <div className="presence" role="status" aria-label={t('ticketTools.presence.label')}>
      {others.map((a) => (
        <span key={a.user_id} className={`badge presence-${a.state}`}>
          {t(`ticketTools.presence.${a.state}`, { name: a.name })}
        </span>
      ))}
      {someoneReplying && <span className="presence-warning">{t('ticketTools.presence.warning')}</span>}
    </div>
  );
}
