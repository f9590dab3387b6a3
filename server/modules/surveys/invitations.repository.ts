import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { DB, SurveyInvitationsTable, SurveyStudiesTable, SurveysTable } from '../../platform/schema.ts';

/** Invitations, their token hashes and studies: the only SQL for them. */

export type InvitationRow = Selectable<SurveyInvitationsTable>;

export function insertInvitation(db: Kysely<DB>, row: Insertable<SurveyInvitationsTable>) {
  return db.insertInto('survey_invitations').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Inserts unless the survey already invited for this ticket; undefined when it had. */
export function insertTicketInvitation(db: Kysely<DB>, row: Insertable<SurveyInvitationsTable>) {
  return db
    .insertInto('survey_invitations')
    .values(row)
    .onConflict((oc) => oc.columns(['survey_id', 'ticket_id']).where('ticket_id', 'is not', null).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function findTicketInvitation(db: Kysely<DB>, workspaceId: string, surveyId: string, ticketId: string) {
  return db.selectFrom('survey_invitations').selectAll().where('workspace_id', '=', workspaceId).where('survey_id', '=', surveyId).where('ticket_id', '=', ticketId).executeTakeFirst();
}

/** Whether this survey invited the customer at or after `since` (the per-customer throttle). */
export async function invitedSince(db: Kysely<DB>, workspaceId: string, surveyId: string, customerId: string, since: Date): Promise<boolean> {
  const row = await db
    .selectFrom('survey_invitations')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('survey_id', '=', surveyId)
    .where('customer_id', '=', customerId)
    .where('created_at', '>=', since)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function ticketWasMerged(db: Kysely<DB>, workspaceId: string, ticketId: string): Promise<boolean> {
  const row = await db.selectFrom('ticket_events').select('id').where('workspace_id', '=', workspaceId).where('ticket_id', '=', ticketId).where('type', '=', 'merged').limit(1).executeTakeFirst();
  return row !== undefined;
}

export function insertToken(db: Kysely<DB>, row: { token_hash: string; workspace_id: string; invitation_id: string; created_at: Date }) {
  return db.insertInto('survey_invitation_tokens').values(row).execute();
}

/** The invitation a link token (by its hash) belongs to — in whatever workspace that is. */
export function findInvitationByTokenHash(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom('survey_invitation_tokens as t')
    .innerJoin('survey_invitations as i', (j) => j.onRef('i.id', '=', 't.invitation_id').onRef('i.workspace_id', '=', 't.workspace_id'))
    .selectAll('i')
    .where('t.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export function findInvitation(db: Kysely<DB>, workspaceId: string, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('survey_invitations').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function updateInvitation(db: Kysely<DB>, workspaceId: string, id: string, changes: Updateable<SurveyInvitationsTable>) {
  return db.updateTable('survey_invitations').set(changes).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

/** pending → sent; undefined when it was not pending (already sent by another run). */
export function markSent(db: Kysely<DB>, workspaceId: string, id: string, now: Date) {
  return db
    .updateTable('survey_invitations')
    .set({ status: 'sent', sent_at: now, error: null })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

export function markOpened(db: Kysely<DB>, workspaceId: string, id: string, now: Date) {
  return db
    .updateTable('survey_invitations')
    .set({ opened_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('opened_at', 'is', null)
    .execute();
}

export function listInvitations(db: Kysely<DB>, workspaceId: string, surveyId: string, f: { studyId?: string | undefined; after?: string | undefined; limit: number }) {
  let q = db.selectFrom('survey_invitations').selectAll().where('workspace_id', '=', workspaceId).where('survey_id', '=', surveyId);
  if (f.studyId) q = q.where('study_id', '=', f.studyId);
  if (f.after) q = q.where('id', '>', f.after);
  return q.orderBy('id').limit(f.limit + 1).execute();
}

/**
 * Tickets solved at least `delay` ago (and not before the trigger was switched on) that this
 * survey has not invited for: not tagged spam, never merged, and whose customer was not invited
 * by this survey within the throttle of the solve.
 */
export function ticketsDueForSurvey(db: Kysely<DB>, survey: Selectable<SurveysTable>, f: { solvedBefore: Date; throttleDays: number; limit: number }) {
  let q = db
    .selectFrom('tickets as t')
    .selectAll('t')
    .where('t.workspace_id', '=', survey.workspace_id)
    .where('t.status', 'in', ['solved', 'closed'])
    .where('t.solved_at', '<=', f.solvedBefore)
    .where('t.solved_at', '>=', survey.dispatch_since as Date)
    .where(sql<boolean>`not ('spam' = any(t.tags))`)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('survey_invitations as i').select('i.id').whereRef('i.ticket_id', '=', 't.id').where('i.survey_id', '=', survey.id))),
    )
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('ticket_events as e').select('e.id').whereRef('e.ticket_id', '=', 't.id').where('e.workspace_id', '=', survey.workspace_id).where('e.type', '=', 'merged'))),
    );
  if (f.throttleDays > 0) {
    // Throttled when the customer was invited within the throttle before (or any time after) this
    // ticket was solved: a ticket skipped for the throttle stays skipped, it is not invited late.
    const since = sql<Date>`t.solved_at - make_interval(days => ${f.throttleDays})`;
    q = q.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('survey_invitations as c')
            .select('c.id')
            .whereRef('c.customer_id', '=', 't.customer_id')
            .where('c.workspace_id', '=', survey.workspace_id)
            .where('c.survey_id', '=', survey.id)
            .where('c.created_at', '>=', since),
        ),
      ),
    );
  }
  return q.orderBy('t.solved_at').limit(f.limit).execute();
}

export interface AudienceFilter {
  tierIds: string[];
  organizationIds: string[];
  branchIds: string[];
  sampleSize: number;
  /** Customers invited to a survey of this type since then are left out (the per-customer throttle). */
  throttle: { type: SurveysTable['type']; since: Date } | null;
}

/** A random sample of the workspace's customers that match the audience and have an email address. */
export function sampleCustomers(db: Kysely<DB>, workspaceId: string, f: AudienceFilter) {
  let q = db
    .selectFrom('customers as c')
    .select(['c.id', 'c.locale', 'c.tier_id', 'c.organization_id'])
    .where('c.workspace_id', '=', workspaceId)
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('customer_identities as ci').select('ci.id').whereRef('ci.customer_id', '=', 'c.id').where('ci.kind', '=', 'email')),
    );
  if (f.tierIds.length > 0) q = q.where('c.tier_id', 'in', f.tierIds);
  if (f.organizationIds.length > 0) q = q.where('c.organization_id', 'in', f.organizationIds);
  if (f.branchIds.length > 0) {
    const branches = f.branchIds;
    q = q.where(({ exists, selectFrom }) =>
      exists(selectFrom('tickets as t').select('t.id').whereRef('t.customer_id', '=', 'c.id').where('t.workspace_id', '=', workspaceId).where('t.branch_id', 'in', branches)),
    );
  }
  if (f.throttle) {
    const { type, since } = f.throttle;
    q = q.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('survey_invitations as i')
            .innerJoin('surveys as s', 's.id', 'i.survey_id')
            .select('i.id')
            .whereRef('i.customer_id', '=', 'c.id')
            .where('i.workspace_id', '=', workspaceId)
            .where('s.type', '=', type)
            .where('i.created_at', '>=', since),
        ),
      ),
    );
  }
  return q.orderBy(sql`random()`).limit(f.sampleSize).execute();
}

export function emailOf(db: Kysely<DB>, workspaceId: string, customerId: string) {
  return db
    .selectFrom('customer_identities')
    .select('value')
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', customerId)
    .where('kind', '=', 'email')
    .orderBy('created_at')
    .executeTakeFirst();
}

export function insertStudy(db: Kysely<DB>, row: Insertable<SurveyStudiesTable>) {
  return db.insertInto('survey_studies').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Studies of a survey with their progress counts. */
export function listStudies(db: Kysely<DB>, workspaceId: string, surveyId: string, f: { after?: string | undefined; limit: number }) {
  let q = db
    .selectFrom('survey_studies as s')
    .leftJoin('survey_invitations as i', (j) => j.onRef('i.study_id', '=', 's.id').onRef('i.workspace_id', '=', 's.workspace_id'))
    .selectAll('s')
    .select((eb) => [
      eb.fn.count<number>('i.id').as('invited'),
      eb.fn.count<number>('i.sent_at').as('sent'),
      eb.fn.count<number>('i.opened_at').as('opened'),
      eb.fn.count<number>('i.responded_at').as('answered'),
      eb.fn.count<number>('i.reminded_at').as('reminded'),
    ])
    .where('s.workspace_id', '=', workspaceId)
    .where('s.survey_id', '=', surveyId)
    .groupBy('s.id');
  if (f.after) q = q.where('s.id', '>', f.after);
  return q.orderBy('s.id').limit(f.limit + 1).execute();
}

/** Study invitations sent `remind_after_days` ago, unanswered, never reminded, study still open. */
export function invitationsDueForReminder(db: Kysely<DB>, now: Date, limit: number) {
  return db
    .selectFrom('survey_invitations as i')
    .innerJoin('survey_studies as s', (j) => j.onRef('s.id', '=', 'i.study_id').onRef('s.workspace_id', '=', 'i.workspace_id'))
    .innerJoin('surveys as v', (j) => j.onRef('v.id', '=', 'i.survey_id').onRef('v.workspace_id', '=', 'i.workspace_id'))
    .select(['i.id', 'i.workspace_id'])
    .where('s.kind', '=', 'study')
    .where('i.study_id', 'is not', null)
    .where('i.responded_at', 'is', null)
    .where('i.reminded_at', 'is', null)
    .where('i.sent_at', 'is not', null)
    .where('i.delivery', '=', 'email')
    .where('v.deleted_at', 'is', null)
    .where('s.closes_at', '>', now)
    .where('i.expires_at', '>', now)
    .where(sql<boolean>`i.sent_at <= ${now}::timestamptz - make_interval(days => s.remind_after_days)`)
    .orderBy('i.sent_at')
    .limit(limit)
    .execute();
}

/** Anonymous responses whose edit window has passed still linked from their invitation. */
export function expiredResponseRefs(db: Kysely<DB>, now: Date, limit: number) {
  return db
    .selectFrom('survey_invitations as i')
    .innerJoin('surveys as v', (j) => j.onRef('v.id', '=', 'i.survey_id').onRef('v.workspace_id', '=', 'i.workspace_id'))
    .select(['i.id', 'i.workspace_id'])
    .where('i.response_ref', 'is not', null)
    .where(sql<boolean>`i.responded_at + make_interval(mins => coalesce((v.settings->>'edit_window_minutes')::int, 1440)) < ${now}::timestamptz`)
    .limit(limit)
    .execute();
}
