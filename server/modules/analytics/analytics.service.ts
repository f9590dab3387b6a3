import type { Kysely } from 'kysely';
import type { TicketAnalyticsDto, TicketAnalyticsQuery, TicketAnalyticsRow } from '../../../contracts/analytics.ts';
import { AppError, type FieldIssue, notFound } from '../../platform/errors.ts';
import type { DB } from '../../platform/schema.ts';
import type { RequestContext } from '../auth/actor.ts';
import { findWorkspace } from '../workspaces/workspaces.repository.ts';
import { compareGroupKeys, factFiltersOf, groupCountIssue, isPeriod, periodsOf, rangeIssue, summarize } from './analytics-rules.ts';
import * as repo from './analytics.repository.ts';
import { CLOCK_METRICS } from '../sla/clocks/clock-types.ts';
import { type Distribution, meanOf, percentilesOf } from './distribution-rules.ts';
import { type Figures, mergeFigures, periodSpans, type RollupDim, TICKET_DISTRIBUTIONS, type TimePair } from './rollup-rules.ts';
import { backlogAt, figuresBySpan, type RollupPlan, rollupPlanFor } from './rollup.service.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

function invalid(issue: FieldIssue): AppError {
  return new AppError('validation_failed', `${issue.path.replace('querystring.', '')} ${issue.message}`, { issues: [issue] });
}

const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const int = (value: unknown): number => Number(value ?? 0);
const rate = (count: number, n: number): number | null => (n === 0 ? null : count / n);

function emptyRow(group: string | null, periodStart: Date | null): TicketAnalyticsRow {
  const none = summarize([]);
  const summary = { median: none.median, p90: none.p90, mean: none.mean };
  const times = () => ({ n: 0, calendar: { ...summary }, business: { n: 0, ...summary } });
  return {
    group,
    period_start: periodStart ? periodStart.toISOString() : null,
    created: 0,
    solved: 0,
    backlog: 0,
    first_reply: times(),
    next_reply: times(),
    resolution: times(),
    handle_time: { n: 0, ...summary },
    sla: {},
    reopen: { n: 0, count: 0, rate: null },
    one_touch: { n: 0, count: 0, rate: null },
  };
}

/** `<prefix>_pct` / `_mean` / `_n` columns of the repository's `stats` as n, median, p90, mean. */
function statsOf(row: Record<string, unknown>, prefix: string) {
  const [median, p90] = repo.pctOf(row[`${prefix}_pct`]);
  const n = int(row[`${prefix}_n`]);
  return n === 0 ? { n, median: null, p90: null, mean: null } : { n, median, p90, mean: num(row[`${prefix}_mean`]) };
}

function timesOf(row: Record<string, unknown>): TicketAnalyticsRow['first_reply'] {
  const { n, ...calendar } = statsOf(row, 'calendar');
  return { n, calendar, business: statsOf(row, 'business') };
}

/**
 * Ticket analytics over [from, to) (issue 7), read from `ticket_facts`: per group, volume
 * (created, first solved, backlog), first reply / next reply / resolution times (n, median, p90,
 * mean; calendar and in the SLA clock's measure), handle time, SLA attainment per metric, reopen
 * and one-touch rates. Each figure is anchored by its own instant (see contracts/analytics.ts);
 * ticket attributes are the ticket's as they are now; periods are local to `tz`. Every period in
 * the range is listed, empty ones with zeros and n = 0. A filter naming an unknown or deleted
 * entity matches nothing.
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
    filters: factFiltersOf(query),
  };
  const groupDim = periods || groupBy === 'none' ? null : (groupBy as RollupDim);
  const plan = await rollupPlanFor(db, ctx.workspaceId, { from, to, timeZone, groupDim, filters: range.filters });
  const rows = plan ? await rowsFromRollup(db, ctx.workspaceId, plan, range, periods?.labels ?? []) : await rowsFromFacts(db, ctx.workspaceId, range, periods?.labels ?? []);
  // Each query stops after MAX_GROUPS + 1 groups, so more than MAX_GROUPS keys means too many.
  const tooManyGroups = groupCountIssue(rows.size);
  if (tooManyGroups) throw invalid(tooManyGroups);

  const ordered = [...rows.entries()].sort(([a], [b]) => compareGroupKeys(a, b, periods !== null)).map(([, row]) => row);
  return { from: from.toISOString(), to: to.toISOString(), time_zone: timeZone, group_by: groupBy, groups: ordered };
}

/** Rows keyed by group (period number, 1-based, or attribute value) from the facts queries. */
async function rowsFromFacts(db: Kysely<DB>, workspaceId: string, range: repo.AnalyticsRange, labels: readonly string[]): Promise<Map<string | null, TicketAnalyticsRow>> {
  const [created, firstReplies, nextReplies, solved, backlog] = await Promise.all([
    repo.createdFigures(db, workspaceId, range),
    repo.firstReplyFigures(db, workspaceId, range),
    repo.nextReplyFigures(db, workspaceId, range),
    repo.solvedFigures(db, workspaceId, range),
    repo.backlogFigures(db, workspaceId, range),
  ]);
  const rows = initialRows(range, labels);
  const rowOf = rowGetter(rows);
  for (const r of created) {
    const row = rowOf(r.grp);
    row.created = int(r.created);
    for (const metric of CLOCK_METRICS) {
      const achieved = int(r[`${metric}_achieved`]);
      const breached = int(r[`${metric}_breached`]);
      if (achieved + breached > 0) row.sla[metric] = { n: achieved + breached, achieved, breached, attainment: rate(achieved, achieved + breached) };
    }
  }
  for (const r of firstReplies) rowOf(r.grp).first_reply = timesOf(r);
  for (const r of nextReplies) rowOf(r.grp).next_reply = timesOf(r);
  for (const r of solved) {
    const row = rowOf(r.grp);
    const n = int(r.solved);
    row.solved = n;
    row.resolution = timesOf(r);
    row.handle_time = statsOf(r, 'handle');
    row.reopen = { n, count: int(r.reopened), rate: rate(int(r.reopened), n) };
    row.one_touch = { n, count: int(r.one_touch), rate: rate(int(r.one_touch), n) };
  }
  for (const r of backlog) rowOf(r.grp).backlog = int(r.backlog);
  return rows;
}

/** Every period of the range (empty ones too), or the single row of an ungrouped answer. */
function initialRows(range: repo.AnalyticsRange, labels: readonly string[]): Map<string | null, TicketAnalyticsRow> {
  const rows = new Map<string | null, TicketAnalyticsRow>();
  range.periodStarts.forEach((start, i) => rows.set(String(i + 1), emptyRow(labels[i] ?? null, start)));
  if (range.periodStarts.length === 0 && range.groupBy === 'none') rows.set(null, emptyRow(null, null));
  return rows;
}

function rowGetter(rows: Map<string | null, TicketAnalyticsRow>): (key: string | null) => TicketAnalyticsRow {
  return (key) => {
    let row = rows.get(key);
    if (!row) {
      row = emptyRow(key, null);
      rows.set(key, row);
    }
    return row;
  };
}

/** n, median, p90, mean of a rollup distribution (percentile_cont; within 1% once bucketed). */
function summaryOf(d: Distribution) {
  if (d.n === 0) return { n: 0, median: null, p90: null, mean: null };
  const [median, p90] = percentilesOf(d, [0.5, 0.9]);
  return { n: d.n, median: median ?? null, p90: p90 ?? null, mean: meanOf(d) };
}

function timesOfPair(pair: TimePair): TicketAnalyticsRow['first_reply'] {
  const { n, ...calendar } = summaryOf(pair.calendar);
  return { n, calendar, business: summaryOf(pair.business) };
}

function fillRow(row: TicketAnalyticsRow, f: Figures): void {
  row.created = f.created;
  for (const metric of CLOCK_METRICS) {
    const [achieved, breached] = f.sla.get(metric) ?? [0, 0];
    if (achieved + breached > 0) row.sla[metric] = { n: achieved + breached, achieved, breached, attainment: rate(achieved, achieved + breached) };
  }
  row.first_reply = timesOfPair(f.firstReply);
  row.next_reply = timesOfPair(f.nextReply);
  row.solved = f.solved;
  row.resolution = timesOfPair(f.resolution);
  row.handle_time = summaryOf(f.handle);
  row.reopen = { n: f.solved, count: f.reopened, rate: rate(f.reopened, f.solved) };
  row.one_touch = { n: f.solved, count: f.oneTouch, rate: rate(f.oneTouch, f.solved) };
}

/**
 * The same rows from the rollup (rollup.service.ts): each period (clipped to the range) or the whole
 * range as a span of local days, and the backlog at each period end (or at `to`). A group appears
 * when the facts queries would list it: something created, replied to or first solved in the range,
 * or open at its end.
 */
async function rowsFromRollup(
  db: Kysely<DB>,
  workspaceId: string,
  plan: RollupPlan,
  range: repo.AnalyticsRange,
  labels: readonly string[],
): Promise<Map<string | null, TicketAnalyticsRow>> {
  const starts = range.periodStarts;
  const periods = starts.length > 0;
  const spans = periods ? periodSpans(starts, range.from, range.to) : [{ from: range.from, to: range.to }];
  const ends = periods ? [...starts.slice(1), range.to] : [range.to];
  const [bySpan, backlog] = await Promise.all([figuresBySpan(db, workspaceId, plan, spans, TICKET_DISTRIBUTIONS), backlogAt(db, workspaceId, plan, ends)]);
  const rows = initialRows(range, labels);
  if (periods) {
    bySpan.forEach((byKey, i) => {
      const row = rows.get(String(i + 1)) as TicketAnalyticsRow;
      const total = mergedFigures([...byKey.values()]);
      if (total) fillRow(row, total);
      row.backlog = [...(backlog[i]?.values() ?? [])].reduce((a, b) => a + b, 0);
    });
    return rows;
  }
  const byKey = bySpan[0] as Map<string | null, Figures>;
  const open = backlog[0] as Map<string | null, number>;
  if (range.groupBy === 'none') {
    const row = rows.get(null) as TicketAnalyticsRow;
    const total = mergedFigures([...byKey.values()]);
    if (total) fillRow(row, total);
    row.backlog = [...open.values()].reduce((a, b) => a + b, 0);
    return rows;
  }
  const rowOf = rowGetter(rows);
  for (const [key, f] of byKey) {
    if (f.created + f.firstReplies + f.nextReplies + f.solved > 0) fillRow(rowOf(key), f);
  }
  for (const [key, n] of open) if (n > 0) rowOf(key).backlog = n;
  return rows;
}

function mergedFigures(list: readonly Figures[]): Figures | null {
  if (list.length === 0) return null;
  if (list.length === 1) return list[0] as Figures;
  const [first, ...rest] = list as [Figures, ...Figures[]];
  for (const f of rest) mergeFigures(first, f);
  return first;
}
