import { useTranslation } from 'react-i18next';
import { nameOf, useAgents, useTeams } from '../../lib/reference-data.ts';
import type { MacroActions } from './macros-api.ts';

/** A macro's ticket changes in words: "Status: Pending", "Add tags: refund", … */
export function MacroActionsSummary({ actions }: { actions: MacroActions }) {
  const { t } = useTranslation();
  const agents = useAgents();
  const teams = useTeams();
  const nobody = t('ticketTools.actions.nobody');
  const lines: string[] = [];
  if (actions.status) lines.push(t('ticketTools.actions.status', { value: t(`status.${actions.status}`) }));
  if (actions.priority) lines.push(t('ticketTools.actions.priority', { value: t(`priority.${actions.priority}`) }));
  if (actions.assignee_id !== undefined) {
    const who = actions.assignee_id === null ? nobody : actions.assignee_id === 'me' ? t('ticketTools.actions.me') : (nameOf(agents.data, actions.assignee_id) ?? actions.assignee_id);
    lines.push(t('ticketTools.actions.assignee', { value: who }));
  }
  if (actions.team_id !== undefined) lines.push(t('ticketTools.actions.team', { value: actions.team_id === null ? nobody : (nameOf(teams.data, actions.team_id) ?? actions.team_id) }));
  if (actions.add_tags?.length) lines.push(t('ticketTools.actions.addTags', { value: actions.add_tags.join(', ') }));
  if (actions.remove_tags?.length) lines.push(t('ticketTools.actions.removeTags', { value: actions.remove_tags.join(', ') }));
  if (lines.length === 0) return <p className="hint">{t('ticketTools.macros.noActions')}</p>;
  return (
    <ul className="macro-actions">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}
