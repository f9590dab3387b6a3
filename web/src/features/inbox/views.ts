/**
 * The inbox's built-in views as ticket-list queries (GET /api/v1/tickets). Pure, so the
 * mapping is tested without a browser. Filters (team, branch, channel, tier, search) narrow any view.
 */
export const VIEW_IDS = ['my_open', 'unassigned', 'all_open', 'pending', 'sla_soon', 'sla_breached', 'all'] as const;
export type ViewId = (typeof VIEW_IDS)[number];

export interface InboxFilters {
  team_id?: string;
  branch_id?: string;
  channel?: string;
  tier_id?: string;
  q?: string;
}

export const FILTER_KEYS = ['team_id', 'branch_id', 'channel', 'tier_id', 'q'] as const;

export function isViewId(value: string | undefined): value is ViewId {
  return (VIEW_IDS as readonly string[]).includes(value ?? '');
}

const OPEN = 'new,open';
const ACTIVE = 'new,open,pending,on_hold';

export function viewQuery(view: ViewId, userId: string, filters: InboxFilters): Record<string, string> {
  const base = ((): Record<string, string> => {
    switch (view) {
      case 'my_open':
        return { status: OPEN, assignee_id: userId };
      case 'unassigned':
        return { status: OPEN, assignee_id: 'none' };
      case 'all_open':
        return { status: OPEN };
      case 'pending':
        return { status: 'pending' };
      case 'sla_soon':
        return { status: ACTIVE, sla: 'imminent', sort: 'sla_due' };
      case 'sla_breached':
        return { status: ACTIVE, sla: 'breaching', sort: 'sla_due' };
      case 'all':
        return {};
    }
  })();
  const out = { ...base };
  for (const key of FILTER_KEYS) {
    const value = filters[key]?.trim();
    if (value) out[key] = value;
  }
  return out;
}

/** Filters as they sit in the address bar (?team_id=…&q=…), so a view can be bookmarked and shared. */
export function filtersFrom(params: URLSearchParams): InboxFilters {
  const out: InboxFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) out[key] = value;
  }
  return out;
}

/** Saved views are addressed by id: /inbox/<uuid>. */
export function isSavedViewId(value: string | undefined): value is string {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value ?? '');
}

/** A saved view's stored filter (contracts/views.ts viewFilters). */
export interface StoredViewFilters {
  status?: string[];
  priority?: string[];
  channel?: string[];
  assignee_id?: string;
  team_id?: string;
  branch_id?: string;
  tier_id?: string;
  organization_id?: string;
  tag?: string;
  q?: string;
  sla?: string;
}

const LIST_KEYS = ['status', 'priority', 'channel'] as const;
const SINGLE_KEYS = ['assignee_id', 'team_id', 'branch_id', 'tier_id', 'organization_id', 'tag', 'q', 'sla'] as const;

/** A saved view as a ticket-list query: lists comma-joined, `me` is the viewer; the address bar's filters narrow it. */
export function savedViewQuery(view: { filters: StoredViewFilters; sort: string }, userId: string, filters: InboxFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of LIST_KEYS) {
    const value = view.filters[key];
    if (value?.length) out[key] = value.join(',');
  }
  for (const key of SINGLE_KEYS) {
    const value = view.filters[key];
    if (value) out[key] = key === 'assignee_id' && value === 'me' ? userId : value;
  }
  if (view.sort !== 'updated_at') out.sort = view.sort;
  for (const key of FILTER_KEYS) {
    const value = filters[key]?.trim();
    if (value) out[key] = value;
  }
  return out;
}

/** What the inbox shows now (a view's query with its filters) as a filter to save; the viewer's own id becomes `me`. */
export function toStoredFilters(query: Record<string, string>, userId: string): { filters: StoredViewFilters; sort: 'updated_at' | 'sla_due' } {
  const filters: StoredViewFilters = {};
  for (const key of LIST_KEYS) {
    const value = query[key];
    if (value) filters[key] = value.split(',').filter(Boolean);
  }
  for (const key of SINGLE_KEYS) {
    const value = query[key];
    if (value) filters[key] = key === 'assignee_id' && value === userId ? 'me' : value;
  }
  return { filters, sort: query.sort === 'sla_due' ? 'sla_due' : 'updated_at' };
}

/** "10,000+" once a count reached the server's cap. */
export function countLabel(count: { count: number; capped: boolean } | undefined, format: (n: number) => string): string {
  if (!count) return '';
  return `${format(count.count)}${count.capped ? '+' : ''}`;
}

/** Shift-click selection: every row between the last clicked one and this one takes this one's new state. */
export function selectRange(selected: ReadonlySet<string>, ids: readonly string[], from: number, to: number, select: boolean): Set<string> {
  const next = new Set(selected);
  const [lo, hi] = from <= to ? [from, to] : [to, from];
  for (let i = Math.max(lo, 0); i <= Math.min(hi, ids.length - 1); i++) {
    const id = ids[i] as string;
    if (select) next.add(id);
    else next.delete(id);
  }
  return next;
}
