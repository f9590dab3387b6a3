import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { iso } from '../../../contracts/common.ts';
import type { createInvitationBody, createStudyBody, listInvitationsQuery } from '../../../contracts/surveys.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { decodeCursor, toPage } from '../../platform/cursor.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { type Mailer, MailDeliveryError, MailNotConfiguredError } from '../../platform/mailer.ts';
import type { DB, Ticket } from '../../platform/schema.ts';
import type { RequestContext } from '../auth/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findCustomerRecord } from '../customers/customers.service.ts';
import { loadClockRows } from '../sla-clocks/sla-clocks.repository.ts';
import { findTicket } from '../tickets/tickets.repository.ts';
import { invitationMail } from './survey-email.ts';
import { unsendableReason } from './survey-definition.ts';
import { loadDefinition, loadSurvey } from './surveys.service.ts';
import * as repo from './invitations.repository.ts';
import * as surveysRepo from './surveys.repository.ts';
import { rollupInvitationSent } from './survey-rollups.service.ts';
import { pickLocale } from './texts/index.ts';

/** Invitations: who is asked, the link (token), the email, and studies (audience runs). */

export const SURVEYS_INVITATION_EMAIL = 'surveys.invitation.email';
const DAY = 86_400_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** 256 random bits; only the hash is stored. */
export async function mintLink(db: Kysely<DB>, invitation: { id: string; workspace_id: string }, publicUrl: string, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await repo.insertToken(db, { token_hash: hashToken(token), workspace_id: invitation.workspace_id, invitation_id: invitation.id, created_at: now });
  return `${publicUrl}/s/${token}`;
}

export interface TicketSnapshot {
  team_id: string | null;
  agent_id: string | null;
  branch_id: string | null;
  channel: string | null;
  tier_id: string | null;
  organization_id: string | null;
}

export function snapshotOf(ticket: Ticket | null): TicketSnapshot {
  return {
    team_id: ticket?.team_id ?? null,
    agent_id: ticket?.assignee_id ?? null,
    branch_id: ticket?.branch_id ?? null,
    channel: ticket?.channel ?? null,
    tier_id: ticket?.tier_id ?? null,
    organization_id: ticket?.organization_id ?? null,
  };
}

/** SLA outcomes of a ticket from its stored clocks: the first reply, and the last resolution clock. */
export async function slaOutcomes(db: Kysely<DB>, workspaceId: string, ticketId: string) {
  const rows = await loadClockRows(db, workspaceId, [ticketId]);
  const outcome = (metric: string) => {
    const row = rows.filter((r) => r.metric === metric).sort((a, b) => b.instance - a.instance)[0];
    if (!row) return null;
    return row.outcome ?? (row.state === 'cancelled' ? 'cancelled' : 'open');
  };
  return { sla_first_reply: outcome('first_reply'), sla_resolution: outcome('resolution') };
}

/** How a ticket's survey reaches the customer: live chats get an inline prompt (the chat channel's job), the rest email. */
export function deliveryFor(channel: string | null, hasEmail: boolean): 'email' | 'chat_inline' | 'no_address' {
  if (channel === 'chat') return 'chat_inline';
  return hasEmail ? 'email' : 'no_address';
}

export function toInvitationDto(row: repo.InvitationRow) {
  return {
    id: row.id,
    survey_id: row.survey_id,
    study_id: row.study_id,
    customer_id: row.customer_id,
    ticket_id: row.ticket_id,
    locale: row.locale,
    delivery: row.delivery,
    status: row.status,
    sent_at: iso(row.sent_at),
    opened_at: iso(row.opened_at),
    responded_at: iso(row.responded_at),
    reminded_at: iso(row.reminded_at),
    expires_at: iso(row.expires_at) as string,
    created_at: iso(row.created_at) as string,
  };
}

/** An admin invites one customer (optionally about a ticket); the link is returned once. */
export async function createInvitation(
  db: Kysely<DB>,
  ctx: RequestContext,
  surveyId: string,
  input: z.output<typeof createInvitationBody>,
  deps: { jobs: JobQueue; publicUrl: string },
) {
  return db.transaction().execute(async (trx) => {
    const { row: survey, settings } = await loadSurvey(trx, ctx.workspaceId, surveyId);
    const definition = await loadDefinition(trx, ctx.workspaceId, surveyId, survey.current_version);
    const reason = unsendableReason(definition);
    if (reason) throw new AppError('conflict', reason);
    const customer = await findCustomerRecord(trx, ctx.workspaceId, input.customer_id).catch(() => {
      throw new AppError('invalid_reference', 'customer_id refers to something that does not exist', {
        issues: [{ path: 'body.customer_id', message: `unknown id ${input.customer_id}` }],
      });
    });
    let ticket: Ticket | null = null;
    if (input.ticket_id) {
      ticket = (await findTicket(trx, ctx.workspaceId, input.ticket_id)) ?? null;
      if (!ticket || ticket.customer_id !== customer.id) {
        throw new AppError('invalid_reference', 'ticket_id must be a ticket of this customer', {
          issues: [{ path: 'body.ticket_id', message: `unknown id ${input.ticket_id}` }],
        });
      }
    }
    const email = await repo.emailOf(trx, ctx.workspaceId, customer.id);
    if (input.send_email && !email) throw new AppError('validation_failed', 'The customer has no email address', { issues: [{ path: 'body.send_email', message: 'no email identity' }] });
    const values = {
      id: newId(ctx.now.getTime()),
      workspace_id: ctx.workspaceId,
      survey_id: surveyId,
      study_id: null,
      customer_id: customer.id,
      ticket_id: ticket?.id ?? null,
      locale: input.locale ?? customer.locale,
      delivery: input.send_email ? ('email' as const) : ('link' as const),
      status: input.send_email ? ('pending' as const) : ('sent' as const),
      error: null,
      ...snapshotOf(ticket),
      sent_at: input.send_email ? null : ctx.now,
      expires_at: new Date(ctx.now.getTime() + settings.invitation_ttl_days * DAY),
      created_at: ctx.now,
    };
    const invitation = ticket ? await repo.insertTicketInvitation(trx, values) : await repo.insertInvitation(trx, values);
    if (!invitation) throw new AppError('conflict', 'This survey has already invited the customer about this ticket');
    if (invitation.sent_at) await rollupInvitationSent(trx, invitation, invitation.sent_at);
    const url = await mintLink(trx, invitation, deps.publicUrl, ctx.now);
    if (input.send_email) await queueInvitationEmail(trx, deps.jobs, invitation, false);
    await recordAudit(trx, ctx, 'survey.invitation_created', { type: 'survey_invitation', id: invitation.id }, { survey_id: surveyId });
    return { ...toInvitationDto(invitation), url };
  });
}

export async function queueInvitationEmail(db: Kysely<DB>, jobs: JobQueue, invitation: { id: string; workspace_id: string }, reminder: boolean) {
  await jobs.send(db, SURVEYS_INVITATION_EMAIL, { workspace_id: invitation.workspace_id, invitation_id: invitation.id, reminder }, {
    singletonKey: `${reminder ? 'reminder' : 'invite'}:${invitation.id}`,
  });
}

export async function listInvitations(db: Kysely<DB>, ctx: RequestContext, surveyId: string, query: z.output<typeof listInvitationsQuery>) {
  await loadSurvey(db, ctx.workspaceId, surveyId);
  const after = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
  const rows = await repo.listInvitations(db, ctx.workspaceId, surveyId, { studyId: query.study_id, after, limit: query.limit });
  return toPage(rows, query.limit, (r) => [r.id], toInvitationDto);
}

/**
 * Sends an invitation (or its one reminder) by email: a fresh link token is made for each mail
 * (only hashes are stored, so a lost mail cannot be re-sent with the same link). Safe to run
 * twice: a sent invitation is not sent again. Temporary relay failures throw (the queue retries);
 * no relay or a permanent refusal is recorded on the invitation.
 */
export async function deliverInvitation(
  db: Kysely<DB>,
  deps: { mailer: Mailer; publicUrl: string },
  payload: { workspace_id: string; invitation_id: string; reminder: boolean },
  now: Date,
): Promise<'sent' | 'skipped' | 'failed'> {
  const invitation = await repo.findInvitation(db, payload.workspace_id, payload.invitation_id);
  if (!invitation || invitation.delivery !== 'email' || !invitation.customer_id) return 'skipped';
  if (!payload.reminder && invitation.status !== 'pending') return 'skipped';
  if (payload.reminder && invitation.responded_at) return 'skipped';
  const survey = await surveysRepo.findSurvey(db, payload.workspace_id, invitation.survey_id);
  if (!survey) return 'skipped';
  const email = await repo.emailOf(db, payload.workspace_id, invitation.customer_id);
  if (!email) {
    await repo.updateInvitation(db, payload.workspace_id, invitation.id, { status: 'failed', delivery: 'no_address', error: 'no email address' });
    return 'failed';
  }
  const workspace = await surveysRepo.workspaceOf(db, payload.workspace_id);
  const definition = await loadDefinition(db, payload.workspace_id, survey.id, survey.current_version);
  const ticket = invitation.ticket_id ? await findTicket(db, payload.workspace_id, invitation.ticket_id) : undefined;
  const url = await mintLink(db, invitation, deps.publicUrl, now);
  const mail = invitationMail({
    to: email.value,
    url,
    locale: pickLocale(definition.title, [invitation.locale, workspace.default_locale]),
    company: workspace.name,
    definition,
    ticketSubject: ticket?.subject ?? null,
    reminder: payload.reminder,
  });
  try {
    await deps.mailer.send(mail);
  } catch (error) {
    const permanent = error instanceof MailNotConfiguredError || (error instanceof MailDeliveryError && error.permanent);
    if (!permanent) throw error;
    if (!payload.reminder) await repo.updateInvitation(db, payload.workspace_id, invitation.id, { status: 'failed', error: (error as Error).message });
    return 'failed';
  }
  if (!payload.reminder) await markSent(db, invitation, now);
  return 'sent';
}

/** Marks a pending invitation sent (once, even when two runs race) and counts it in the results rollup. */
export async function markSent(db: Kysely<DB>, invitation: { id: string; workspace_id: string }, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const sent = await repo.markSent(trx, invitation.workspace_id, invitation.id, now);
    if (sent) await rollupInvitationSent(trx, sent, now);
    return sent !== undefined;
  });
}

/**
 * Starts a study (SERVQUAL, Kano, or a one-off NPS/custom survey): a random sample of the
 * customers matching the audience, one emailed invitation each, open until `closes_at`; the
 * sweeper reminds non-responders once after `remind_after_days`.
 */
export async function launchStudy(db: Kysely<DB>, ctx: RequestContext, surveyId: string, input: z.output<typeof createStudyBody>, jobs: JobQueue) {
  const closesAt = new Date(input.closes_at);
  if (closesAt <= ctx.now) throw new AppError('validation_failed', 'closes_at must be in the future', { issues: [{ path: 'body.closes_at', message: 'in the past' }] });
  return db.transaction().execute(async (trx) => {
    const { row: survey } = await loadSurvey(trx, ctx.workspaceId, surveyId);
    const reason = unsendableReason(await loadDefinition(trx, ctx.workspaceId, surveyId, survey.current_version));
    if (reason) throw new AppError('conflict', reason);
    const study = await repo.insertStudy(trx, {
      id: newId(ctx.now.getTime()),
      workspace_id: ctx.workspaceId,
      survey_id: surveyId,
      kind: 'study',
      audience: JSON.stringify(input.audience),
      closes_at: closesAt,
      remind_after_days: input.remind_after_days,
      created_by: ctx.actor.id,
      created_at: ctx.now,
    });
    const invited = await inviteSample(trx, jobs, survey, study.id, {
      tierIds: input.audience.tier_ids,
      organizationIds: input.audience.organization_ids,
      branchIds: input.audience.branch_ids,
      sampleSize: input.audience.sample_size,
      throttle: null,
    }, closesAt, ctx.now);
    await recordAudit(trx, ctx, 'survey.study_started', { type: 'survey_study', id: study.id }, { survey_id: surveyId, invited });
    return { study, invited };
  });
}

/** Invites a sample of customers (inside the caller's transaction); returns how many. */
export async function inviteSample(
  trx: Kysely<DB>,
  jobs: JobQueue,
  survey: surveysRepo.SurveyRow,
  studyId: string,
  audience: repo.AudienceFilter,
  expiresAt: Date,
  now: Date,
): Promise<number> {
  const customers = await repo.sampleCustomers(trx, survey.workspace_id, audience);
  for (const customer of customers) {
    const invitation = await repo.insertInvitation(trx, {
      id: newId(now.getTime()),
      workspace_id: survey.workspace_id,
      survey_id: survey.id,
      study_id: studyId,
      customer_id: customer.id,
      ticket_id: null,
      locale: customer.locale,
      delivery: 'email',
      status: 'pending',
      error: null,
      ...snapshotOf(null),
      tier_id: customer.tier_id,
      organization_id: customer.organization_id,
      expires_at: expiresAt,
      created_at: now,
    });
    await queueInvitationEmail(trx, jobs, invitation, false);
  }
  return customers.length;
}

export async function listStudies(db: Kysely<DB>, ctx: RequestContext, surveyId: string, query: { cursor?: string | undefined; limit: number }) {
  await loadSurvey(db, ctx.workspaceId, surveyId);
  const after = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
  const rows = await repo.listStudies(db, ctx.workspaceId, surveyId, { after, limit: query.limit });
  return toPage(rows, query.limit, (r) => [r.id], (r) => ({
    id: r.id,
    survey_id: r.survey_id,
    kind: r.kind,
    audience: r.audience,
    closes_at: iso(r.closes_at),
    remind_after_days: r.remind_after_days,
    created_at: iso(r.created_at) as string,
    progress: { invited: Number(r.invited), sent: Number(r.sent), opened: Number(r.opened), answered: Number(r.answered), reminded: Number(r.reminded) },
  }));
}
