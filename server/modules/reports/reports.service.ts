import type { Kysely } from 'kysely';
import type { ReportPreviewBody, ReportPreviewDto, ReportSendBody, ReportSendDto, ReportWeekFigures } from '../../../contracts/reports.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { MailDeliveryError, type Mailer, MailNotConfiguredError } from '../../platform/mailer.ts';
import type { DB } from '../../platform/schema.ts';
import { refreshTicketFacts } from '../analytics/ticket-facts.service.ts';
import type { RequestContext } from '../auth/actor.ts';
import { flaggedAgents, loadWeekFigures } from './report-figures.service.ts';
import { dashboardLink, type RenderedReport, type ReportModel, renderTeamReport, type WeekFigures } from './report-render.ts';
import { lastEndedWeek, previousWeek, type ReportWeek, reportWeek } from './report-week.ts';
import * as repo from './reports.repository.ts';

/**
 * Weekly team reports (issue 7, item 7). A sweep (every few minutes, see reports-jobs.ts) finds,
 * per workspace, the last week that has ended in its time zone and, for each team whose lead
 * (active, not opted out) has no report row for that week, inserts the row and queues one send
 * job in the same transaction: the row's primary key (team, week) lets one sweep win however many
 * instances run it, and a restart finds the row. Catch-up after downtime is that same rule: only
 * the latest ended week is ever looked at. The send job renders the report and mails it.
 */

export const REPORTS_TEAM_SEND = 'reports.team.send';

/** How long a started send owns its row; a job run again after a crash takes over after this. */
const SEND_LEASE_MS = 10 * 60_000;
/** Tickets whose facts a send refreshes first at most (the minute refresh job does the rest). */
const FACTS_REFRESH_LIMIT = 10_000;

export interface TeamReportPayload {
  workspace_id: string;
  team_id: string;
  week_start: string;
  /** Set for a test send (POST …/report/send): to this user, not recorded as the week's report. */
  recipient_user_id?: string | undefined;
}

/** Queues the last ended week's report of every team that has none yet. Returns how many were queued. */
export async function sweepTeamReports(deps: { db: Kysely<DB>; jobs: JobQueue }, now: Date): Promise<number> {
  let queued = 0;
  for (const workspace of await repo.workspacesWithLeads(deps.db)) {
    const week = lastEndedWeek(workspace.time_zone, now);
    for (const team of await repo.teamsDueForReport(deps.db, workspace.id, week.start)) {
      await deps.db.transaction().execute(async (trx) => {
        const row = { workspace_id: workspace.id, team_id: team.team_id, week_start: week.start, lead_user_id: team.lead_user_id, queued_at: now };
        if (!(await repo.insertTeamReport(trx, row))) return;
        const payload: TeamReportPayload = { workspace_id: workspace.id, team_id: team.team_id, week_start: week.start };
        await deps.jobs.send(trx, REPORTS_TEAM_SEND, payload, { singletonKey: `${team.team_id}:${week.start}` });
        queued++;
      });
    }
  }
  return queued;
}

/** The context the analytics services read with: the workspace, at `now`, as a supervisor would. */
function readerContext(workspaceId: string, userId: string, now: Date): RequestContext {
  return { actor: { kind: 'user', id: userId, userId, workspaceId, role: 'supervisor', isInstanceAdmin: false, sessionId: null }, workspaceId, now };
}

interface BuiltReport {
  week: ReportWeek;
  timeZone: string;
  model: ReportModel;
  rendered: RenderedReport;
}

/** Figures of the team and the whole workspace for the week and the week before, rendered in `locale`. */
async function buildReport(
  db: Kysely<DB>,
  ctx: RequestContext,
  team: { id: string; name: string; workspace_name: string; time_zone: string },
  weekStart: string | undefined,
  reader: { name: string; locale: string },
  publicUrl: string,
): Promise<BuiltReport> {
  const timeZone = team.time_zone;
  const week = weekStart ? reportWeek(timeZone, weekStart) : lastEndedWeek(timeZone, ctx.now);
  const before = previousWeek(timeZone, week);
  const [teamLast, teamBefore, allLast, allBefore, flagged] = await Promise.all([
    loadWeekFigures(db, ctx, week, team.id, timeZone),
    loadWeekFigures(db, ctx, before, team.id, timeZone),
    loadWeekFigures(db, ctx, week, null, timeZone),
    loadWeekFigures(db, ctx, before, null, timeZone),
    flaggedAgents(db, ctx, week, team.id, timeZone),
  ]);
  const model: ReportModel = {
    locale: reader.locale,
    leadName: reader.name,
    teamName: team.name,
    workspaceName: team.workspace_name,
    timeZone,
    week,
    team: { last: teamLast, before: teamBefore },
    workspace: { last: allLast, before: allBefore },
    flaggedAgents: flagged,
    link: dashboardLink(publicUrl, team.id, week, timeZone),
  };
  return { week, timeZone, model, rendered: renderTeamReport(model) };
}

function weekInfo(teamId: string, built: BuiltReport) {
  return {
    team_id: teamId,
    week_start: built.week.start,
    week_end: built.week.last,
    from: built.week.from.toISOString(),
    to: built.week.to.toISOString(),
    time_zone: built.timeZone,
  };
}

function figuresDto(f: WeekFigures): ReportWeekFigures {
  return {
    created: f.created,
    solved: f.solved,
    backlog: f.backlog,
    first_reply_business: f.firstReplyBusiness,
    first_reply_calendar: f.firstReplyCalendar,
    resolution: f.resolution,
    sla_attainment: f.slaAttainment,
    reopen_rate: f.reopenRate,
    one_touch_rate: f.oneTouchRate,
    csat: f.csat,
    nps: f.nps,
  };
}

/** The report of a team for a week as it would be sent, without sending it (supervisors and above). */
export async function previewTeamReport(db: Kysely<DB>, ctx: RequestContext, publicUrl: string, teamId: string, input: ReportPreviewBody): Promise<ReportPreviewDto> {
  const team = await repo.findTeamForReport(db, ctx.workspaceId, teamId);
  if (!team) throw notFound('Team');
  const me = ctx.actor.userId ? await repo.findUserForReport(db, ctx.workspaceId, ctx.actor.userId) : undefined;
  const reader = team.lead_id ? { name: team.lead_name ?? '', locale: team.lead_locale ?? 'en' } : { name: me?.name ?? '', locale: me?.locale ?? 'en' };
  const built = await buildReport(db, ctx, team, input.week_start, { ...reader, locale: input.locale ?? reader.locale }, publicUrl);
  return { ...weekInfo(teamId, built), locale: built.rendered.locale as ReportPreviewDto['locale'], subject: built.rendered.subject, html: built.rendered.html, text: built.rendered.text,
    lead_user_id: team.lead_id,
    figures: {
      team: { last: figuresDto(built.model.team.last), before: figuresDto(built.model.team.before) },
      workspace: { last: figuresDto(built.model.workspace.last), before: figuresDto(built.model.workspace.before) },
    },
    flagged_agents: built.model.flaggedAgents ?? [],
  };
}

/** Queues a send of the report now, to the lead or the caller (admins; for testing). Not recorded as the week's report. */
export async function sendTeamReportNow(db: Kysely<DB>, jobs: JobQueue, ctx: RequestContext, teamId: string, input: ReportSendBody): Promise<ReportSendDto> {
  const team = await repo.findTeamForReport(db, ctx.workspaceId, teamId);
  if (!team) throw notFound('Team');
  let recipient: string;
  if (input.to === 'me') {
    if (!ctx.actor.userId) throw new AppError('validation_failed', 'An API key has no mailbox: send to the lead', { issues: [{ path: 'body.to', message: 'an API key has no email address' }] });
    recipient = ctx.actor.userId;
  } else {
    if (!team.lead_id || !team.lead_active) {
      throw new AppError('validation_failed', 'The team has no active lead', { issues: [{ path: 'body.to', message: 'the team has no active lead' }] });
    }
    recipient = team.lead_id;
  }
  const week = input.week_start ? reportWeek(team.time_zone, input.week_start) : lastEndedWeek(team.time_zone, ctx.now);
  const payload: TeamReportPayload = { workspace_id: ctx.workspaceId, team_id: teamId, week_start: week.start, recipient_user_id: recipient };
  const jobId = await jobs.send(null, REPORTS_TEAM_SEND, payload);
  return {
    team_id: teamId,
    week_start: week.start,
    week_end: week.last,
    from: week.from.toISOString(),
    to: week.to.toISOString(),
    time_zone: team.time_zone,
    recipient_user_id: recipient,
    job_id: jobId,
  };
}

export type DeliveryOutcome = 'sent' | 'already_done' | 'skipped' | 'not_configured' | 'rejected' | 'gone';

export interface DeliverDeps {
  db: Kysely<DB>;
  mailer: Mailer;
  publicUrl: string;
}

/**
 * The send job's work. For the weekly report: takes the row's send lease, builds the report for
 * the team's current lead (skipped when there is none, or they opted out or left), sends it and
 * records the outcome; a temporary relay failure gives the row back and throws, so the queue
 * retries this team only. Safe to run twice: a row already sent is not sent again, and a send in
 * progress elsewhere makes this run fail and retry later. A test send only sends.
 */
export async function deliverTeamReport(deps: DeliverDeps, payload: TeamReportPayload, now: Date): Promise<DeliveryOutcome> {
  const { db } = deps;
  const test = payload.recipient_user_id !== undefined;
  if (!test) {
    const claimed = await repo.startSending(db, payload.workspace_id, payload.team_id, payload.week_start, now, new Date(now.getTime() - SEND_LEASE_MS));
    if (!claimed) {
      const row = await repo.findTeamReport(db, payload.workspace_id, payload.team_id, payload.week_start);
      if (row?.status === 'sending') throw new Error(`team report ${payload.team_id} ${payload.week_start} is being sent by another worker`);
      return row ? 'already_done' : 'gone';
    }
  }
  const finish = (status: 'sent' | 'skipped' | 'rejected' | 'not_sent', extra: { sent_at?: Date; message_id?: string; error?: string | null; lead_user_id?: string } = {}) =>
    test ? Promise.resolve() : repo.updateTeamReport(db, payload.workspace_id, payload.team_id, payload.week_start, { status, ...extra });

  const team = await repo.findTeamForReport(db, payload.workspace_id, payload.team_id);
  if (!team) return 'gone';
  let reader: { id: string; name: string; email: string; locale: string } | undefined;
  if (test) reader = await repo.findUserForReport(db, payload.workspace_id, payload.recipient_user_id as string);
  else if (team.lead_id && team.lead_active && team.lead_weekly_report) {
    reader = { id: team.lead_id, name: team.lead_name ?? '', email: team.lead_email ?? '', locale: team.lead_locale ?? 'en' };
  }
  if (!reader) {
    await finish('skipped', { error: 'no active lead who wants the report' });
    return 'skipped';
  }

  try {
    // Events of the week's last minutes may still wait for the minute refresh: catch up first.
    await refreshTicketFacts(db, { workspaceId: payload.workspace_id, now, limit: FACTS_REFRESH_LIMIT });
    const built = await buildReport(db, readerContext(payload.workspace_id, reader.id, now), team, payload.week_start, reader, deps.publicUrl);
    const sent = await deps.mailer.send({
      to: [reader.email],
      subject: built.rendered.subject,
      text: built.rendered.text,
      html: built.rendered.html,
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
    await finish('sent', { sent_at: now, message_id: sent.messageId, lead_user_id: reader.id, error: null });
    return 'sent';
  } catch (error) {
    if (error instanceof MailNotConfiguredError) {
      await finish('not_sent', { error: error.message });
      return 'not_configured';
    }
    if (error instanceof MailDeliveryError && error.permanent) {
      await finish('rejected', { error: error.message });
      return 'rejected';
    }
    // Temporary: give the row back so the retry (or a later run) can take it.
    if (!test) {
      await repo.updateTeamReport(db, payload.workspace_id, payload.team_id, payload.week_start, {
        status: 'queued',
        attempt_at: null,
        error: error instanceof Error ? error.message : String(error),
      });
    }
    throw error;
  }
}
