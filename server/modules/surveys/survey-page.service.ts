import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { SurveyDefinition, SurveyLocale } from '../../../contracts/surveys.ts';
import { AppError, type FieldIssue } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { DB, Ticket } from '../../platform/schema.ts';
import { secretBoxFor } from '../../platform/secrets.ts';
import { findTicket } from '../tickets/tickets.repository.ts';
import { hashToken, slaOutcomes } from './invitations.service.ts';
import * as invitations from './invitations.repository.ts';
import * as responses from './responses.repository.ts';
import { type AnswerIssue, type CheckedAnswers, checkAnswers, formFieldsToAnswers, isDissatisfied } from './survey-answers.ts';
import { followUpDissatisfied } from './survey-followup.ts';
import { rollupInvitationResponded, rollupResponse } from './survey-rollups.service.ts';
import { formPage, messagePage } from './survey-page.html.ts';
import { loadDefinition, parseSettings } from './surveys.service.ts';
import * as surveys from './surveys.repository.ts';
import { fill, isSurveyLocale, pickLocale, SURVEY_TEXTS, textIn } from './texts/index.ts';
import { timeBuckets } from './time-buckets.ts';

/**
 * The public response page behind `/s/:token`. A GET only shows (a link scanner that fetches the
 * page, or a one-click rating link, records nothing); answers arrive by POST from the page's form
 * (or as JSON). One response per invitation, editable for the survey's edit window. Every dead end
 * is a clear page in the customer's language: not found (404), expired, closed or already
 * answered (410).
 */

export type PageResult = { status: number; html: string };
type Gone = 'expired' | 'closed' | 'already_answered';

interface Resolved {
  invitation: invitations.InvitationRow;
  survey: surveys.SurveyRow;
  workspace: { name: string; default_locale: string; time_zone: string };
  locale: SurveyLocale;
  currentDefinition: SurveyDefinition;
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,128}$/;

/** The best of the five languages for a visitor we know nothing about (a link that is not valid). */
export function localeFromHeader(header: string | undefined): SurveyLocale {
  for (const part of (header ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase().split('-')[0];
    if (isSurveyLocale(tag)) return tag;
  }
  return 'en';
}

async function resolve(db: Kysely<DB>, token: string): Promise<Resolved | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const invitation = await invitations.findInvitationByTokenHash(db, hashToken(token));
  if (!invitation) return null;
  const survey = await surveys.findSurvey(db, invitation.workspace_id, invitation.survey_id, { includeDeleted: true });
  if (!survey) return null;
  const workspace = await surveys.workspaceOf(db, invitation.workspace_id);
  const currentDefinition = await loadDefinition(db, invitation.workspace_id, survey.id, survey.current_version);
  const locale = pickLocale(currentDefinition.title, [invitation.locale, workspace.default_locale]);
  return { invitation, survey, workspace, locale, currentDefinition };
}

function goneReason(r: Resolved, now: Date): Gone | null {
  if (r.survey.deleted_at) return 'closed';
  if (r.invitation.expires_at <= now) return 'expired';
  return null;
}

function editDeadline(r: Resolved, respondedAt: Date): Date {
  return new Date(respondedAt.getTime() + parseSettings(r.survey.settings).edit_window_minutes * 60_000);
}

function formatTime(date: Date, locale: SurveyLocale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
}

function gonePage(locale: SurveyLocale, reason: Gone | 'not_found'): PageResult {
  const t = SURVEY_TEXTS[locale].page;
  const message = t[reason];
  return { status: reason === 'not_found' ? 404 : 410, html: messagePage(locale, message, message) };
}

/** The response given through this invitation, if any (anonymous ones via the sealed pointer, while editable). */
async function existingResponse(db: Kysely<DB>, config: Config, invitation: invitations.InvitationRow, forUpdate = false) {
  if (invitation.response_ref) {
    const id = secretBoxFor(config).open(invitation.response_ref);
    return responses.findResponse(db, invitation.workspace_id, id, { forUpdate });
  }
  return responses.findResponseByInvitation(db, invitation.workspace_id, invitation.id, { forUpdate });
}

/** State of an invitation that was answered: editable (with its response) or closed for edits. */
async function answeredState(db: Kysely<DB>, config: Config, r: Resolved, now: Date, forUpdate = false) {
  if (!r.invitation.responded_at) return { kind: 'open' as const };
  const deadline = editDeadline(r, r.invitation.responded_at);
  const response = now <= deadline ? await existingResponse(db, config, r.invitation, forUpdate) : undefined;
  if (!response) return { kind: 'closed' as const };
  return { kind: 'editable' as const, response, deadline };
}

export async function showSurveyPage(
  db: Kysely<DB>,
  config: Config,
  token: string,
  query: { score?: string | undefined },
  acceptLanguage: string | undefined,
  now: Date,
): Promise<PageResult> {
  const r = await resolve(db, token);
  if (!r) return gonePage(localeFromHeader(acceptLanguage), 'not_found');
  const gone = goneReason(r, now);
  if (gone) return gonePage(r.locale, gone);
  const state = await answeredState(db, config, r, now);
  if (state.kind === 'closed') return gonePage(r.locale, 'already_answered');
  const version = state.kind === 'editable' ? state.response.version : r.survey.current_version;
  const definition = version === r.survey.current_version ? r.currentDefinition : await loadDefinition(db, r.invitation.workspace_id, r.survey.id, version);
  const values: Record<string, unknown> = state.kind === 'editable' ? { ...state.response.answers } : {};
  let preselected = false;
  const headline = definition.questions.find((q) => q.kind === 'scale' && q.role !== undefined);
  if (query.score !== undefined && headline?.kind === 'scale' && /^\d{1,2}$/.test(query.score)) {
    const score = Number(query.score);
    if (score >= headline.scale.min && score <= headline.scale.max) {
      values[headline.id] = score;
      preselected = true;
    }
  }
  return {
    status: 200,
    html: formPage({
      locale: r.locale,
      company: r.workspace.name,
      definition,
      version,
      token,
      values,
      issues: [],
      preselected,
      editUntil: state.kind === 'editable' ? formatTime(state.deadline, r.locale, r.workspace.time_zone) : null,
    }),
  };
}

export interface Submission {
  /** Form fields (application/x-www-form-urlencoded) … */
  form?: Record<string, string | string[]>;
  /** … or a JSON body: { answers: { <question id>: value }, version? }. */
  json?: { answers?: unknown; version?: unknown };
}

export type SubmitResult =
  | { kind: 'page'; page: PageResult }
  | { kind: 'json'; status: number; body: { status: 'recorded' | 'updated'; edit_until: string; flags: string[] } };

function issuesToFields(issues: AnswerIssue[]): FieldIssue[] {
  return issues.map((i) => ({ path: `body.${i.path}`, message: i.kind }));
}

export async function submitSurveyPage(
  db: Kysely<DB>,
  config: Config,
  token: string,
  submission: Submission,
  acceptLanguage: string | undefined,
  now: Date,
): Promise<SubmitResult> {
  const asJson = submission.json !== undefined;
  const fail = (status: 404 | 410, reason: Gone | 'not_found'): SubmitResult => {
    if (asJson) throw new AppError(status === 404 ? 'not_found' : 'gone', SURVEY_TEXTS.en.page[reason]);
    return { kind: 'page', page: gonePage(r ? r.locale : localeFromHeader(acceptLanguage), reason) };
  };
  const r = await resolve(db, token);
  if (!r) return fail(404, 'not_found');
  // Token-in-form: the page's own form carries the token; a form elsewhere would need the secret link anyway.
  if (submission.form && submission.form.t !== token) return fail(404, 'not_found');
  const gone = goneReason(r, now);
  if (gone) return fail(410, gone);

  const before = await answeredState(db, config, r, now);
  if (before.kind === 'closed') return fail(410, 'already_answered');
  const requested = Number(asJson ? submission.json?.version : submission.form?.version);
  const version =
    before.kind === 'editable'
      ? before.response.version
      : Number.isInteger(requested) && requested >= 1 && requested <= r.survey.current_version
        ? requested
        : r.survey.current_version;
  const definition = version === r.survey.current_version ? r.currentDefinition : await loadDefinition(db, r.invitation.workspace_id, r.survey.id, version);
  const raw = asJson
    ? typeof submission.json?.answers === 'object' && submission.json.answers !== null && !Array.isArray(submission.json.answers)
      ? (submission.json.answers as Record<string, unknown>)
      : {}
    : formFieldsToAnswers(definition, submission.form ?? {});
  const checked = checkAnswers(definition, raw);
  if (checked.issues.length > 0) {
    await invitations.markOpened(db, r.invitation.workspace_id, r.invitation.id, now);
    if (asJson) throw new AppError('validation_failed', 'Some answers are not valid', { issues: issuesToFields(checked.issues) });
    const page = formPage({
      locale: r.locale,
      company: r.workspace.name,
      definition,
      version,
      token,
      values: raw,
      issues: checked.issues,
      preselected: false,
      editUntil: null,
    });
    return { kind: 'page', page: { status: 400, html: page } };
  }

  const outcome = await db.transaction().execute((trx) => record(trx, config, r, definition, version, checked, now));
  if (outcome === 'already_answered') return fail(410, 'already_answered');
  const t = SURVEY_TEXTS[r.locale].page;
  const deadline = formatTime(outcome.deadline, r.locale, r.workspace.time_zone);
  if (asJson) return { kind: 'json', status: 200, body: { status: outcome.updated ? 'updated' : 'recorded', edit_until: outcome.deadline.toISOString(), flags: checked.flags } };
  const thanks = textIn(definition.thank_you, r.locale) || (outcome.updated ? t.thank_you_updated : t.thank_you);
  const notes = [
    checked.flags.includes('allocation_renormalized') ? `<p class="muted">${fill(t.allocation_renormalized, { total: '100' })}</p>` : '',
    outcome.deadline > now ? `<p class="muted">${fill(t.edit_until, { time: deadline })} <a href="/s/${token}">${t.submit}</a></p>` : '',
  ].join('');
  return { kind: 'page', page: { status: 200, html: messagePage(r.locale, fill(textIn(definition.title, r.locale), { company: r.workspace.name }), thanks, notes) } };
}

/** Stores (or updates) the response under a lock on the invitation, and sets off the follow-up. */
async function record(
  trx: Kysely<DB>,
  config: Config,
  r: Resolved,
  definition: SurveyDefinition,
  version: number,
  checked: CheckedAnswers,
  now: Date,
): Promise<{ updated: boolean; deadline: Date } | 'already_answered'> {
  const ws = r.invitation.workspace_id;
  const invitation = await invitations.findInvitation(trx, ws, r.invitation.id, { forUpdate: true });
  if (!invitation) return 'already_answered';
  const locked = { ...r, invitation };
  const state = await answeredState(trx, config, locked, now, true);
  if (state.kind === 'closed') return 'already_answered';
  const settings = parseSettings(r.survey.settings);
  const common = {
    answers: JSON.stringify(checked.answers),
    comment: checked.comment,
    flags: checked.flags,
    csat: checked.scores.csat,
    ces: checked.scores.ces,
    nps: checked.scores.nps,
    updated_at: now,
  };
  let responseId: string;
  let followupDone = false;
  if (state.kind === 'editable') {
    responseId = state.response.id;
    followupDone = state.response.followup_ticket_id !== null;
    const updated = await responses.updateResponse(trx, ws, responseId, common);
    await rollupResponse(trx, { workspaceId: ws, surveyId: r.survey.id, keys: updated, submittedAt: updated.submitted_at, after: checked.scores, before: state.response });
  } else {
    responseId = newId(now.getTime());
    const ticket = invitation.ticket_id ? ((await findTicket(trx, ws, invitation.ticket_id)) ?? null) : null;
    const sla = ticket ? await slaOutcomes(trx, ws, ticket.id) : { sla_first_reply: null, sla_resolution: null };
    const anonymous = settings.anonymous;
    const inserted = await responses.insertResponse(trx, {
      id: responseId,
      workspace_id: ws,
      survey_id: r.survey.id,
      version,
      // Anonymous: nothing that leads back to the customer (no invitation, customer, ticket, agent
      // or organization), and the time only to the day: the start of the local day in the
      // workspace's zone, so day-by-day analytics (in that zone) put it on the day it was given.
      invitation_id: anonymous ? null : invitation.id,
      customer_id: anonymous ? null : invitation.customer_id,
      ticket_id: anonymous ? null : invitation.ticket_id,
      agent_id: anonymous ? null : (ticket?.assignee_id ?? invitation.agent_id),
      organization_id: anonymous ? null : (ticket?.organization_id ?? invitation.organization_id),
      team_id: ticket?.team_id ?? invitation.team_id,
      branch_id: ticket?.branch_id ?? invitation.branch_id,
      channel: ticket?.channel ?? invitation.channel,
      tier_id: ticket?.tier_id ?? invitation.tier_id,
      ...sla,
      locale: locked.locale,
      ...common,
      submitted_at: anonymous ? startOfLocalDay(r.workspace.time_zone, now) : now,
    });
    await invitations.updateInvitation(trx, ws, invitation.id, {
      responded_at: now,
      opened_at: invitation.opened_at ?? now,
      response_ref: anonymous ? secretBoxFor(config).seal(responseId) : null,
    });
    // The results rollup, in this same transaction (migration 0013).
    await rollupResponse(trx, { workspaceId: ws, surveyId: r.survey.id, keys: inserted, submittedAt: inserted.submitted_at, after: checked.scores, before: null });
    await rollupInvitationResponded(trx, { ...invitation, responded_at: now });
  }
  const respondedAt = invitation.responded_at ?? now;
  if (!followupDone && !settings.anonymous && invitation.customer_id && isDissatisfied(definition, checked)) {
    const ticket: Ticket | null = invitation.ticket_id ? ((await findTicket(trx, ws, invitation.ticket_id, { forUpdate: true })) ?? null) : null;
    const followupTicketId = await followUpDissatisfied(trx, {
      settings,
      surveyId: r.survey.id,
      surveyName: r.survey.name,
      responseId,
      customerId: invitation.customer_id,
      ticket,
      scores: checked.scores,
      comment: checked.comment,
      now,
      workspaceId: ws,
      segment: { organizationId: ticket?.organization_id ?? invitation.organization_id, tierId: ticket?.tier_id ?? invitation.tier_id },
    });
    if (followupTicketId) await responses.updateResponse(trx, ws, responseId, { followup_ticket_id: followupTicketId });
  }
  return { updated: state.kind === 'editable', deadline: editDeadline(r, respondedAt) };
}

/**
 * The response page of a survey version exactly as a customer would see it in `locale` (the same
 * renderer), without a link: the admin's preview. Its form posts nowhere (the token is not one).
 */
export async function previewSurveyPage(db: Kysely<DB>, workspaceId: string, surveyId: string, query: { locale: SurveyLocale; version?: number | undefined }): Promise<string> {
  const survey = await surveys.findSurvey(db, workspaceId, surveyId);
  if (!survey) throw new AppError('not_found', 'Survey not found');
  const version = query.version ?? survey.current_version;
  const definition = await loadDefinition(db, workspaceId, surveyId, version);
  const workspace = await surveys.workspaceOf(db, workspaceId);
  return formPage({ locale: query.locale, company: workspace.name, definition, version, token: 'preview', values: {}, issues: [], preselected: false, editUntil: null });
}

/** The instant the local day of `now` starts in `timeZone`. */
function startOfLocalDay(timeZone: string, now: Date): Date {
  return timeBuckets('day', timeZone, now, now).starts[0] ?? now;
}
