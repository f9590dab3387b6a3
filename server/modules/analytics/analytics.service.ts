import type { Kysely } from 'kysely';
import type { TicketAnalyticsDto, TicketAnalyticsQuery, TicketAnalyticsRow } from '../../../contracts/analytics.ts';
import { AppError, type FieldIssue, notFound } from '../../platform/errors.ts';
import type { DB } from '../../platform/schema.ts';
import type { RequestContext } from '../auth/actor.ts';
import { findWorkspace } from '../workspaces/workspaces.repository.ts';
import { compareGroupKeys, groupCountIssue, isPeriod, periodsOf, rangeIssue, summarize } from './analytics-rules.ts';
import * as repo from './analytics.repository.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

function invalid(issue: FieldIssue): AppError {
  return new AppError('validation_failed', `${issue.path.replace('querystring.', '')} ${issue.message}`, { issues: [issue] });
}

const num = (value: number | string | null): number | null => (value === null ? null : Number(value));

function emptyRow(group: string | null, periodStart: Date | null): TicketAnalyticsRow {
  const none = summarize([]);
  const empty = { n: 0, calendar: { median: none.median, p90: none.p90, mean: none.mean }, business: { median: none.median, p90: none.p90, mean: none.mean } };
  return { group, period_start: periodStart ? periodStart.toISOString() : null, created: 0, solved: 0, first_reply: empty, resolution: { ...empty } };
}

/**
 * Ticket volume and times over [from, to) (issue 7, first slice): per group, tickets created,
 * tickets first solved, and first reply / resolution times from the stored SLA clocks (the
 * clocks fulfilled in the period, as the SLA report counts them). Ticket attributes are the
 * ticket's as they are now; periods are local to `tz`. Every period in the range is listed, empty
 * ones with zeros.
 */
export async function getTicketAnalytics(db: Kysely<DB>, ctx: RequestContext, query: TicketAnalyticsQuery): Promise<TicketAnalyticsDto> {
  const to = query.to ? new Date(query.to) : ctx.now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
  const badRange = rangeIssue(from, to);
  if (badRange) throw invalid(badRange);

  const workspace = await findWorkspace(db, ctx.workspaceId);
  if (!workspace) throw notFound('Workspace');
  const timeZone = query.tz ?? workspace.time_zone;
  const groupBy = query.group_by;
  const periods = isPeriod(groupBy) ? periodsOf(groupBy, timeZone, from, to) : null;
  const tooMany = periods ? groupCountIssue(periods.starts.length) : null;
  if (tooMany) throw invalid(tooMany);

  const range: repo.AnalyticsRange = {
    from,
    to,
    groupBy,
    periodStarts: periods?.starts ?? [],
    filters: {
      tierId: query.tier_id,
      organizationId: query.organization_id,
      channel: query.channel,
      priority: query.priority,
      category: query.category,
      teamId: query.team_id,
      branchId: query.branch_id,
      assigneeId: query.assignee_id,
      tag: query.tag,
    },
  };
  const [created, solved, durations] = await Promise.all([
    repo.createdCounts(db, ctx.workspaceId, range),
    repo.solvedCounts(db, ctx.workspaceId, range),
    repo.durationStats(db, ctx.workspaceId, range),
  ]);

  // Keys are period numbers (1-based, see periodIndex) for periods, attribute values otherwise.
  const rows = new Map<string | null, TicketAnalyticsRow>();
  const rowOf = (key: string | null): TicketAnalyticsRow => {
    let row = rows.get(key);
    if (!row) {
      row = emptyRow(key, null);
      rows.set(key, row);
    }
    return row;
  };
  if (periods) periods.starts.forEach((start, i) => rows.set(String(i + 1), emptyRow(periods.labels[i] ?? null, start)));
  else if (groupBy === 'none') rowOf(null);
  for (const r of created) rowOf(r.grp).created = Number(r.n);
  for (const r of solved) rowOf(r.grp).solved = Number(r.n);
  for (const r of durations) {
    rowOf(r.grp)[r.metric] = {
      n: Number(r.n),
      calendar: { median: num(r.calendar_median), p90: num(r.calendar_p90), mean: num(r.calendar_mean) },
      business: { median: num(r.business_median), p90: num(r.business_p90), mean: num(r.business_mean) },
    };
  }
  // Each query stops after MAX_GROUPS + 1 groups, so more than MAX_GROUPS keys means too many.
  const tooManyGroups = groupCountIssue(rows.size);
  if (tooManyGroups) throw invalid(tooManyGroups);

  const ordered = [...rows.entries()].sort(([a], [b]) => compareGroupKeys(a, b, periods !== null)).map(([, row]) => row);
  return { from: from.toISOString(), to: to.toISOString(), time_zone: timeZone, group_by: groupBy, groups: ordered };
}
