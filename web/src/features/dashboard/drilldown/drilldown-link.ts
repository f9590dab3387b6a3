import type { TicketDrilldown } from '../dashboard-api.ts';

/** Query keys GET /api/v1/tickets accepts (contracts/tickets.ts listTicketsQuery) that a drill-down may carry. */
export const LIST_KEYS = ['status', 'priority', 'channel', 'assignee_id', 'team_id', 'branch_id', 'tier_id', 'customer_id', 'organization_id', 'tag', 'q', 'sla'] as const;

/**
 * The dashboard's ticket list behind a figure: the API's drill-down query, the period the figure
 * covers and what to call it, all in the address (/dashboard/tickets?team_id=…&period_from=…).
 */
export function drilldownLink(drilldown: TicketDrilldown, label: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(drilldown.tickets_query)) if ((LIST_KEYS as readonly string[]).includes(key)) params.set(key, value);
  params.set('period_from', drilldown.from);
  params.set('period_to', drilldown.to);
  params.set('label', label);
  return `/dashboard/tickets?${params.toString()}`;
}
