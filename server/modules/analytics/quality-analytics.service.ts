import type { Kysely } from 'kysely';
import type { TicketDrilldown } from '../../../contracts/analytics-quality.ts';
import { AppError, type FieldIssue, notFound } from '../../platform/errors.ts';
import type { DB } from '../../platform/schema.ts';
import type { RequestContext } from '../auth/actor.ts';
import { findWorkspace } from '../workspaces/workspaces.repository.ts';
import { type FilterParams, factFiltersOf, rangeIssue } from './analytics-rules.ts';
import { type FactFilters, type ReferenceKind, referenceExists } from './quality-analytics.repository.ts';

/**
 * The common shape of the quality analytics requests (consistency, service levels, value): the
 * range (default: the 30 days before now; 400 when `to` ≤ `from` or more than 2 years), the time
 * zone, the filters — whose ids must exist in the workspace (422 otherwise: a deleted team or an
 * id of another workspace names nothing, and an empty answer would hide the mistake) — and the
 * drill-down to GET /api/v1/tickets.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

export interface CommonQuery extends FilterParams {
  from?: string | undefined;
  to?: string | undefined;
  tz?: string | undefined;
}

export interface PreparedQuery {
  from: Date;
  to: Date;
  timeZone: string;
  filters: FactFilters;
  /** The filters as given, echoed in the answer. */
  echo: Record<string, string>;
  /** GET /api/v1/tickets parameters for the filters it supports (not category). */
  ticketsQuery: Record<string, string>;
}

export function invalid(issue: FieldIssue): AppError {
  return new AppError('validation_failed', `${issue.path.replace('querystring.', '')} ${issue.message}`, { issues: [issue] });
}

const FILTER_KEYS = ['tier_id', 'organization_id', 'channel', 'priority', 'category', 'team_id', 'branch_id', 'assignee_id', 'tag'] as const;
/** What GET /api/v1/tickets can filter by (contracts/tickets.ts listTicketsQuery). */
const TICKET_LIST_KEYS = new Set<string>(['tier_id', 'organization_id', 'channel', 'priority', 'team_id', 'branch_id', 'assignee_id', 'tag']);
const REFERENCE_FILTERS: [key: 'tier_id' | 'organization_id' | 'team_id' | 'branch_id' | 'assignee_id', kind: ReferenceKind][] = [
  ['tier_id', 'tier'],
  ['organization_id', 'organization'],
  ['team_id', 'team'],
  ['branch_id', 'branch'],
  ['assignee_id', 'user'],
];

/** 422 invalid_reference when `id` names nothing of `kind` in the workspace. */
export async function checkReference(db: Kysely<DB>, workspaceId: string, param: string, kind: ReferenceKind, id: string): Promise<void> {
  if (await referenceExists(db, workspaceId, kind, id)) return;
  const issue = { path: `querystring.${param}`, message: `no ${kind} with this id in the workspace (deleted, or never existed)` };
  throw new AppError('invalid_reference', `${param} names no ${kind} of this workspace`, { issues: [issue] });
}

export async function prepareQuery(db: Kysely<DB>, ctx: RequestContext, query: CommonQuery): Promise<PreparedQuery> {
  const to = query.to ? new Date(query.to) : ctx.now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
  const badRange = rangeIssue(from, to);
  if (badRange) throw invalid(badRange);
  const workspace = await findWorkspace(db, ctx.workspaceId);
  if (!workspace) throw notFound('Workspace');
  for (const [key, kind] of REFERENCE_FILTERS) {
    const id = query[key];
    if (id) await checkReference(db, ctx.workspaceId, key, kind, id);
  }
  const echo: Record<string, string> = {};
  const ticketsQuery: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = query[key];
    if (value === undefined) continue;
    echo[key] = value;
    if (TICKET_LIST_KEYS.has(key)) ticketsQuery[key] = value;
  }
  return {
    from,
    to,
    timeZone: query.tz ?? workspace.time_zone,
    filters: factFiltersOf(query),
    echo,
    ticketsQuery,
  };
}

/** The drill-down of a group: the request's filters plus the group's own (e.g. { team_id }). */
export function drilldown(p: PreparedQuery, extra: Record<string, string>): TicketDrilldown {
  return { tickets_query: { ...p.ticketsQuery, ...extra }, from: p.from.toISOString(), to: p.to.toISOString() };
}

export function header(p: PreparedQuery) {
  return { from: p.from.toISOString(), to: p.to.toISOString(), time_zone: p.timeZone, filters: p.echo };
}
