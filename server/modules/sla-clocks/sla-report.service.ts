import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { SlaReportDto, slaReportQuery } from '../../../contracts/sla.ts';
import { AppError } from '../../platform/errors.ts';
import type { DB } from '../../platform/schema.ts';
import type { RequestContext } from '../auth/actor.ts';
import type { ClockMetric } from '../sla/clocks/clock-types.ts';
import { byMetricAndInstance } from './clock-rows.ts';
import * as repo from './sla-report.repository.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * SLA attainment per metric (and group) over a period (spec, "Reporting"): attainment =
 * achieved / (achieved + breached), running clocks excluded; medians and p90 of elapsed time and
 * slack (target − elapsed), in the target's measure as stored and in wall-clock time. A clock
 * belongs to the period of its fulfilment, or of its due time while it runs. next_reply and
 * chat_hold instances count one by one.
 */
export async function getSlaReport(db: Kysely<DB>, ctx: RequestContext, query: z.output<typeof slaReportQuery>): Promise<SlaReportDto> {
  const to = query.to ? new Date(query.to) : ctx.now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
  if (from >= to) {
    throw new AppError('validation_failed', 'from must be before to', { issues: [{ path: 'querystring.from', message: 'must be before to' }] });
  }
  const groupBy = query.group_by ?? null;
  const rows = await repo.slaReport(db, ctx.workspaceId, { from, to, groupBy, metric: query.metric ?? null, now: ctx.now });
  rows.sort((a, b) => compareGroups(a.grp, b.grp) || byMetricAndInstance({ metric: a.metric, instance: 0 }, { metric: b.metric, instance: 0 }));
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    group_by: groupBy,
    rows: rows.map((r) => {
      const achieved = Number(r.achieved);
      const breached = Number(r.breached);
      const n = achieved + breached;
      return {
        group: r.grp,
        metric: r.metric as ClockMetric,
        n,
        achieved,
        breached,
        running: Number(r.running),
        overdue: Number(r.overdue),
        attainment: n === 0 ? null : achieved / n,
        elapsed_seconds: {
          business: { median: num(r.elapsed_business_median), p90: num(r.elapsed_business_p90) },
          calendar: { median: num(r.elapsed_calendar_median), p90: num(r.elapsed_calendar_p90) },
        },
        slack_seconds: {
          business: { median: num(r.slack_business_median), p90: num(r.slack_business_p90) },
          calendar: { median: num(r.slack_calendar_median), p90: num(r.slack_calendar_p90) },
        },
      };
    }),
  };
}

function num(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

function compareGroups(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
