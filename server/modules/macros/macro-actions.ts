import type { MacroActions } from '../../../contracts/macros.ts';
import type { TicketPriority, TicketStatus } from '../../platform/schema.ts';

/**
 * What applying a macro changes on a ticket (pure): `me` becomes the agent applying it, tags are
 * added and removed against the ticket's current tags (case-insensitive, as tickets store them).
 * Only fields the macro sets appear in the result, so an empty macro changes nothing.
 */
export interface MacroTicketChanges {
  status?: TicketStatus;
  priority?: TicketPriority;
  assignee_id?: string | null;
  team_id?: string | null;
  tags?: string[];
}

export function resolveActions(actions: MacroActions, agentUserId: string | null): MacroActions {
  if (actions.assignee_id !== 'me') return actions;
  return { ...actions, assignee_id: agentUserId };
}

export function ticketChanges(actions: MacroActions, ticket: { tags: string[] }, agentUserId: string | null): MacroTicketChanges {
  const resolved = resolveActions(actions, agentUserId);
  const out: MacroTicketChanges = {};
  if (resolved.status !== undefined) out.status = resolved.status;
  if (resolved.priority !== undefined) out.priority = resolved.priority;
  if (resolved.assignee_id !== undefined && resolved.assignee_id !== 'me') out.assignee_id = resolved.assignee_id;
  if (resolved.team_id !== undefined) out.team_id = resolved.team_id;
  if (resolved.add_tags?.length || resolved.remove_tags?.length) {
    const remove = new Set((resolved.remove_tags ?? []).map((t) => t.toLowerCase()));
    const tags = ticket.tags.filter((t) => !remove.has(t.toLowerCase()));
    for (const tag of resolved.add_tags ?? []) {
      const lower = tag.toLowerCase();
      if (!remove.has(lower) && !tags.some((t) => t.toLowerCase() === lower)) tags.push(lower);
    }
    out.tags = tags;
  }
  return out;
}
