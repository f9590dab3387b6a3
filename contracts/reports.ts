import { z } from 'zod';
import { locale } from './common.ts';

/**
 * Weekly team reports (issue 7, item 7): the email a team lead gets every Monday about last week
 * (Monday 00:00 – Monday 00:00 in the workspace's time zone), their team next to the whole
 * workspace, with the week before. These routes show it (preview) or send it now (for testing).
 */

const weekStart = z.iso
  .date()
  .refine((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1, 'must be a Monday')
  .describe('The report week’s local Monday, "YYYY-MM-DD"; default: the last week that has ended in the workspace’s time zone');

export const reportPreviewBody = z
  .object({
    week_start: weekStart.optional(),
    locale: locale.optional().describe('Language of the preview; default: the lead’s (or yours when the team has no lead)'),
  })
  .strict();
export type ReportPreviewBody = z.output<typeof reportPreviewBody>;

export const reportSendBody = z
  .object({
    week_start: weekStart.optional(),
    to: z
      .enum(['lead', 'me'])
      .default('lead')
      .describe('lead: the team’s lead (in their language); me: you (in yours). A test send: it is not recorded as the week’s report, so the scheduled one still goes out'),
  })
  .strict();
export type ReportSendBody = z.output<typeof reportSendBody>;

const weekInfo = {
  team_id: z.uuid(),
  week_start: z.string().describe('Local Monday of the report week'),
  week_end: z.string().describe('Local Sunday of the report week (inclusive)'),
  from: z.string().describe('Start instant of the week (UTC)'),
  to: z.string().describe('End instant of the week (exclusive, UTC)'),
  time_zone: z.string().describe('The workspace’s zone the week is counted in'),
};

const median = z.object({ seconds: z.number().nullable(), n: z.number().int() });
const rate = z.object({ rate: z.number().nullable().describe('Share in [0, 1]; null when n = 0'), n: z.number().int() });

export const reportWeekFigures = z
  .object({
    created: z.number().int(),
    solved: z.number().int(),
    backlog: z.number().int().describe('Unsolved at the end of the week'),
    first_reply_business: median,
    first_reply_calendar: median,
    resolution: median.describe('Calendar time, creation → first solve'),
    sla_attainment: rate.describe('Every decided SLA target (ticket × metric) of tickets created in the week, pooled: met / decided'),
    reopen_rate: rate,
    one_touch_rate: rate,
    csat: rate,
    nps: z.object({ score: z.number().nullable(), n: z.number().int() }),
  })
  .describe('The figures of GET /analytics/tickets and /analytics/satisfaction for the week (and team), as the email shows them');

export type ReportWeekFigures = z.infer<typeof reportWeekFigures>;

const scopeFigures = z.object({ last: reportWeekFigures, before: reportWeekFigures });

export const reportPreviewDto = z.object({
  ...weekInfo,
  locale,
  subject: z.string(),
  html: z.string().describe('The HTML part as sent (a complete document, inline styles)'),
  text: z.string().describe('The plain-text part as sent'),
  lead_user_id: z.uuid().nullable(),
  figures: z.object({ team: scopeFigures, workspace: scopeFigures }),
  flagged_agents: z.array(z.string()).describe('The team’s agents the consistency p-chart (SLA met, unit agent) flags below its lower limit for the week'),
});
export type ReportPreviewDto = z.infer<typeof reportPreviewDto>;

export const reportSendDto = z.object({
  ...weekInfo,
  recipient_user_id: z.uuid(),
  job_id: z.string().nullable().describe('The queued send job'),
});
export type ReportSendDto = z.infer<typeof reportSendDto>;
