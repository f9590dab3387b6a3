import type { ViewFilters } from '../../../contracts/views.ts';
import { BUILT_IN_COUNTED_VIEWS } from '../../../contracts/views.ts';

/**
 * The inbox's built-in views as filters (pure). The web app defines the same views as list
 * queries (web/src/features/inbox/views.ts); views.test.ts checks both say the same.
 */
export type BuiltInView = (typeof BUILT_IN_COUNTED_VIEWS)[number];

const OPEN = ['new', 'open'] as const;
const ACTIVE = ['new', 'open', 'pending', 'on_hold'] as const;

export const BUILT_IN_VIEWS: Record<BuiltInView, ViewFilters> = {
  my_open: { status: [...OPEN], assignee_id: 'me' },
  unassigned: { status: [...OPEN], assignee_id: 'none' },
  all_open: { status: [...OPEN] },
  pending: { status: ['pending'] },
  sla_soon: { status: [...ACTIVE], sla: 'imminent' },
  sla_breached: { status: [...ACTIVE], sla: 'breaching' },
};

/** Matches no ticket: "me" for a caller that is not a user (an API key). */
const NOBODY = '00000000-0000-0000-0000-000000000000';

/** A view filter as the ticket repository's filter, `me` resolved to the caller. */
export function toTicketFilter(filters: ViewFilters, userId: string | null, now: Date) {
  return {
    status: filters.status,
    priority: filters.priority,
    channel: filters.channel,
    assigneeId: filters.assignee_id === 'me' ? (userId ?? NOBODY) : filters.assignee_id,
    teamId: filters.team_id,
    branchId: filters.branch_id,
    tierId: filters.tier_id,
    organizationId: filters.organization_id,
    tag: filters.tag?.toLowerCase(),
    q: filters.q,
    sla: filters.sla,
    now,
  };
}
