import type { Kysely } from 'kysely';
import type { JobQueue } from '../../jobs/queue.ts';
import { newId } from '../../platform/ids.ts';
import type { DB, Ticket } from '../../platform/schema.ts';
import { findCustomerRecord } from '../customers/customers.service.ts';
import * as repo from './invitations.repository.ts';
import { deliveryFor, inviteSample, queueInvitationEmail, snapshotOf } from './invitations.service.ts';
import { rebuildStaleRollups } from './survey-rollups.service.ts';
import { parseSettings } from './surveys.service.ts';
import * as surveysRepo from './surveys.repository.ts';

/**
 * When surveys go out — the minute sweeper's work (idempotent; each step is safe to repeat):
 * 1. CSAT/CES after a ticket is solved, `delay_minutes` later, at most once per ticket (a unique
 *    key), never for spam (tag `spam`) or merged tickets, with an optional per-customer throttle.
 *    Email tickets get an email; chat tickets an invitation marked `chat_inline`, for the chat
 *    channel to show in the conversation; customers without an address are recorded `no_address`.
 * 2. Scheduled (NPS relationship) surveys whose next run is due: a random sample of the targeted
 *    customers, leaving out anyone invited to a survey of the same type within `throttle_days`.
 *    A ticket skipped for the throttle is skipped for good (not invited once the throttle ends).
 * 3. One reminder to study invitations still unanswered `remind_after_days` after sending.
 * 4. Anonymous responses: the sealed pointer from invitation to response is erased once the edit
 *    window has passed.
 * 5. Results rollups that are stale (existing surveys after migration 0013, or a workspace whose
 *    time zone changed) are recounted from the raw rows, a few surveys per run.
 */

const DAY = 86_400_000;
const BATCH = 200;

export interface SweepResult {
  invited: number;
  scheduled: number;
  reminded: number;
  unlinked: number;
  /** Results rollups recounted (never built, or the workspace's time zone changed). */
  rebuilt: number;
}

export async function sweepSurveys(deps: { db: Kysely<DB>; jobs: JobQueue }, now: Date): Promise<SweepResult> {
  const result: SweepResult = { invited: 0, scheduled: 0, reminded: 0, unlinked: 0, rebuilt: 0 };
  for (const survey of await surveysRepo.surveysSendingAfterSolve(deps.db)) {
    result.invited += await inviteSolvedTickets(deps, survey, now);
  }
  for (const survey of await surveysRepo.surveysDueForRun(deps.db, now)) {
    result.scheduled += await runSchedule(deps, survey, now);
  }
  for (const due of await repo.invitationsDueForReminder(deps.db, now, 500)) {
    await deps.db.transaction().execute(async (trx) => {
      await repo.updateInvitation(trx, due.workspace_id, due.id, { reminded_at: now });
      await queueInvitationEmail(trx, deps.jobs, due, true);
    });
    result.reminded++;
  }
  for (const ref of await repo.expiredResponseRefs(deps.db, now, 1000)) {
    await repo.updateInvitation(deps.db, ref.workspace_id, ref.id, { response_ref: null });
    result.unlinked++;
  }
  result.rebuilt = await rebuildStaleRollups(deps.db);
  return result;
}

async function inviteSolvedTickets(deps: { db: Kysely<DB>; jobs: JobQueue }, survey: surveysRepo.SurveyRow, now: Date): Promise<number> {
  const settings = parseSettings(survey.settings);
  const { delay_minutes, customer_throttle_days } = settings.send_after_solved;
  const tickets = await repo.ticketsDueForSurvey(deps.db, survey, { solvedBefore: new Date(now.getTime() - delay_minutes * 60_000), throttleDays: customer_throttle_days, limit: BATCH });
  const invitedCustomers = new Set<string>();
  let invited = 0;
  for (const ticket of tickets) {
    // Two tickets of one customer in the same sweep: the throttle lets only the first through.
    if (customer_throttle_days > 0 && invitedCustomers.has(ticket.customer_id)) continue;
    const created = await deps.db.transaction().execute((trx) => inviteForTicket(trx, deps.jobs, survey, settings.invitation_ttl_days, ticket, now));
    if (created) {
      invited++;
      invitedCustomers.add(ticket.customer_id);
    }
  }
  return invited;
}

async function inviteForTicket(trx: Kysely<DB>, jobs: JobQueue, survey: surveysRepo.SurveyRow, ttlDays: number, ticket: Ticket, now: Date): Promise<boolean> {
  const customer = await findCustomerRecord(trx, survey.workspace_id, ticket.customer_id);
  const email = await repo.emailOf(trx, survey.workspace_id, customer.id);
  const delivery = deliveryFor(ticket.channel, email !== undefined);
  const invitation = await repo.insertTicketInvitation(trx, {
    id: newId(now.getTime()),
    workspace_id: survey.workspace_id,
    survey_id: survey.id,
    study_id: null,
    customer_id: customer.id,
    ticket_id: ticket.id,
    locale: customer.locale,
    delivery,
    status: delivery === 'no_address' ? 'failed' : 'pending',
    error: delivery === 'no_address' ? 'no email address' : null,
    ...snapshotOf(ticket),
    expires_at: new Date(now.getTime() + ttlDays * DAY),
    created_at: now,
  });
  if (!invitation) return false;
  if (delivery === 'email') await queueInvitationEmail(trx, jobs, invitation, false);
  return true;
}

async function runSchedule(deps: { db: Kysely<DB>; jobs: JobQueue }, survey: surveysRepo.SurveyRow, now: Date): Promise<number> {
  const settings = parseSettings(survey.settings);
  const schedule = settings.schedule;
  return deps.db.transaction().execute(async (trx) => {
    // Claim the run first: a second sweeper that read the same due survey finds next_run_at moved.
    const claimed = await surveysRepo.claimRun(trx, survey.workspace_id, survey.id, survey.next_run_at as Date, new Date(now.getTime() + schedule.every_days * DAY));
    if (!claimed) return 0;
    const study = await repo.insertStudy(trx, {
      id: newId(now.getTime()),
      workspace_id: survey.workspace_id,
      survey_id: survey.id,
      kind: 'schedule',
      audience: JSON.stringify({ tier_ids: schedule.tier_ids, organization_ids: schedule.organization_ids, sample_size: schedule.sample_size, throttle_days: schedule.throttle_days }),
      closes_at: new Date(now.getTime() + settings.invitation_ttl_days * DAY),
      remind_after_days: null,
      created_by: null,
      created_at: now,
    });
    return inviteSample(trx, deps.jobs, survey, study.id, {
      tierIds: schedule.tier_ids,
      organizationIds: schedule.organization_ids,
      branchIds: [],
      sampleSize: schedule.sample_size,
      throttle: schedule.throttle_days > 0 ? { type: survey.type, since: new Date(now.getTime() - schedule.throttle_days * DAY) } : null,
    }, new Date(now.getTime() + settings.invitation_ttl_days * DAY), now);
  });
}
