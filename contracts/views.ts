import { z } from 'zod';
import { channels, ticketPriorities, ticketStatuses, timestamp } from './common.ts';
import { slaListFilters, ticketSorts } from './sla.ts';

/**
 * A saved view's filter: the ticket list's query parameters (GET /tickets) as JSON, lists as
 * arrays. `assignee_id: "me"` is whoever looks at the view (a shared "assigned to me" view).
 */
export const viewFilters = z
  .object({
    status: z.array(ticketStatuses).min(1).max(6),
    priority: z.array(ticketPriorities).min(1).max(4),
    channel: z.array(channels).min(1).max(9),
    assignee_id: z.union([z.uuid(), z.enum(['none', 'me'])]),
    team_id: z.uuid(),
    branch_id: z.uuid(),
    tier_id: z.uuid(),
    organization_id: z.uuid(),
    tag: z.string().trim().min(1).max(100),
    q: z.string().trim().min(1).max(200),
    sla: slaListFilters,
  })
  .partial()
  .strict();
export type ViewFilters = z.infer<typeof viewFilters>;

export const viewDto = z.object({
  id: z.uuid(),
  name: z.string(),
  filters: viewFilters,
  sort: ticketSorts,
  shared: z.boolean().describe('Shared with the workspace (supervisors and above manage it); false: only its owner sees it'),
  owner_user_id: z.uuid(),
  can_manage: z.boolean().describe('Whether the caller may rename, change, share or delete it'),
  created_at: timestamp,
  updated_at: timestamp,
});
export type ViewDto = z.infer<typeof viewDto>;

export const createViewBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    filters: viewFilters.default({}),
    sort: ticketSorts.default('updated_at'),
    shared: z.boolean().default(false).describe('Sharing needs supervisor or above'),
  })
  .strict();

export const updateViewBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    filters: viewFilters,
    sort: ticketSorts,
    shared: z.boolean(),
  })
  .partial()
  .strict();

export const viewList = z.object({ data: z.array(viewDto) });

export const BUILT_IN_COUNTED_VIEWS = ['my_open', 'unassigned', 'all_open', 'pending', 'sla_soon', 'sla_breached'] as const;

export const viewCount = z.object({
  view: z.string().describe('A built-in view (my_open, unassigned, all_open, pending, sla_soon, sla_breached) or a saved view id'),
  count: z.number().int().describe('Tickets in the view, at most `cap`'),
  capped: z.boolean().describe('True when the view holds more than `cap` tickets (show "10,000+")'),
});

export const viewCounts = z.object({
  cap: z.number().int(),
  counts: z.array(viewCount),
});
export type ViewCountsDto = z.infer<typeof viewCounts>;
