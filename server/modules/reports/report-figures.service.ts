import type { Kysely } from 'kysely';
import { consistencyQuery } from '../../../contracts/analytics-quality.ts';
import { satisfactionQuery } from '../../../contracts/analytics-satisfaction.ts';
import { ticketAnalyticsQuery } from '../../../contracts/analytics.ts';
import type { DB } from '../../platform/schema.ts';
import { getTicketAnalytics } from '../analytics/analytics.service.ts';
import { getConsistency } from '../analytics/consistency.service.ts';
import { getSatisfaction } from '../analytics/satisfaction.service.ts';
import type { RequestContext } from '../auth/actor.ts';
import type { RateFigure, WeekFigures } from './report-render.ts';
import type { ReportWeek } from './report-week.ts';

/**
 * The figures of one week for a team or the whole workspace, read through the analytics API's own
 * services (GET /analytics/tickets and /analytics/satisfaction with the same range and team
 * filter), so the email says exactly what the dashboard says for that team and week.
 */
export async function loadWeekFigures(db: Kysely<DB>, ctx: RequestContext, week: ReportWeek, teamId: string | null, timeZone: string): Promise<WeekFigures> {
  const range = { from: week.from.toISOString(), to: week.to.toISOString(), tz: timeZone, ...(teamId ? { team_id: teamId } : {}) };
  const [tickets, satisfaction] = await Promise.all([
    getTicketAnalytics(db, ctx, ticketAnalyticsQuery.parse(range)),
    getSatisfaction(db, ctx, satisfactionQuery.parse(range)),
  ]);
  const row = tickets.groups[0];
  const csat = satisfaction.overall.csat;
  const nps = satisfaction.overall.nps;
  if (!row) throw new Error('the ticket analytics answered no row without a grouping');
  return {
    created: row.created,
    solved: row.solved,
    backlog: row.backlog,
    firstReplyBusiness: { seconds: row.first_reply.business.median, n: row.first_reply.business.n },
    firstReplyCalendar: { seconds: row.first_reply.calendar.median, n: row.first_reply.n },
    resolution: { seconds: row.resolution.calendar.median, n: row.resolution.n },
    slaAttainment: slaAttainment(Object.values(row.sla)),
    reopenRate: { rate: row.reopen.rate, n: row.reopen.n },
    oneTouchRate: { rate: row.one_touch.rate, n: row.one_touch.n },
    csat: { rate: csat.percent === null ? null : csat.percent / 100, n: csat.n },
    nps: { score: nps.score, n: nps.n },
  };
}

/**
 * One SLA figure for the email: every decided (ticket, metric) outcome pooled — targets met out of
 * targets decided — as the dashboard's per-metric attainments would add up.
 */
export function slaAttainment(metrics: readonly { n: number; achieved: number }[]): RateFigure {
  const n = metrics.reduce((sum, m) => sum + m.n, 0);
  const achieved = metrics.reduce((sum, m) => sum + m.achieved, 0);
  return { rate: n === 0 ? null : achieved / n, n };
}

/**
 * The team's agents the consistency p-chart flags for the week (SLA met below the lower control
 * limit among the team's agents, as GET /analytics/consistency?measure=sla_met&unit=agent shows),
 * by name. Empty when no agent has enough tickets to be charted.
 */
export async function flaggedAgents(db: Kysely<DB>, ctx: RequestContext, week: ReportWeek, teamId: string, timeZone: string): Promise<string[]> {
  const answer = await getConsistency(
    db,
    ctx,
    consistencyQuery.parse({ from: week.from.toISOString(), to: week.to.toISOString(), tz: timeZone, team_id: teamId, measure: 'sla_met', unit: 'agent' }),
  );
  return (answer.proportion?.units ?? []).filter((u) => u.signal === 'below_lower').map((u) => u.name ?? u.unit_id);
}
