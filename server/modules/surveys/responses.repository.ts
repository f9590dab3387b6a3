import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { DB, SurveyResponsesTable } from '../../platform/schema.ts';
import { markTicketsDirty } from '../analytics/ticket-facts.repository.ts';

/** Survey responses: the only SQL for them (results aggregates are in results.repository.ts). */

export type ResponseRow = Selectable<SurveyResponsesTable>;

export async function insertResponse(db: Kysely<DB>, row: Insertable<SurveyResponsesTable>) {
  const inserted = await db.insertInto('survey_responses').values(row).returningAll().executeTakeFirstOrThrow();
  // The ticket's analytics facts carry its latest scores.
  if (inserted.ticket_id) await markTicketsDirty(db, inserted.workspace_id, [inserted.ticket_id]);
  return inserted;
}

export async function updateResponse(db: Kysely<DB>, workspaceId: string, id: string, changes: Updateable<SurveyResponsesTable>) {
  const updated = await db.updateTable('survey_responses').set(changes).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  if (updated.ticket_id) await markTicketsDirty(db, workspaceId, [updated.ticket_id]);
  return updated;
}

export function findResponse(db: Kysely<DB>, workspaceId: string, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('survey_responses').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function findResponseByInvitation(db: Kysely<DB>, workspaceId: string, invitationId: string, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('survey_responses').selectAll().where('workspace_id', '=', workspaceId).where('invitation_id', '=', invitationId);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export interface ResponseRange {
  from?: Date | undefined;
  to?: Date | undefined;
}

export interface ResponseFilters extends ResponseRange {
  ticketId?: string | undefined;
  teamId?: string | undefined;
  agentId?: string | undefined;
  channel?: string | undefined;
  withComment?: boolean | undefined;
  /** The headline score column and the bounds it must be within. */
  score?: { column: 'csat' | 'ces' | 'nps'; min?: number | undefined; max?: number | undefined } | undefined;
}

/**
 * One page (ordered by id) of a survey's responses: the export reads every page oldest first with
 * `after`; the screens read newest first with `before`.
 */
export function listResponses(
  db: Kysely<DB>,
  workspaceId: string,
  surveyId: string,
  f: ResponseFilters & { after?: string | undefined; before?: string | undefined; limit: number; newestFirst?: boolean },
) {
  let q = db.selectFrom('survey_responses').selectAll().where('workspace_id', '=', workspaceId).where('survey_id', '=', surveyId);
  if (f.ticketId) q = q.where('ticket_id', '=', f.ticketId);
  if (f.teamId) q = q.where('team_id', '=', f.teamId);
  if (f.agentId) q = q.where('agent_id', '=', f.agentId);
  if (f.channel) q = q.where('channel', '=', f.channel);
  if (f.withComment === true) q = q.where('comment', 'is not', null).where('comment', '!=', '');
  if (f.withComment === false) q = q.where((eb) => eb.or([eb('comment', 'is', null), eb('comment', '=', '')]));
  if (f.score?.min !== undefined) q = q.where(f.score.column, '>=', f.score.min);
  if (f.score?.max !== undefined) q = q.where(f.score.column, '<=', f.score.max);
  if (f.from) q = q.where('submitted_at', '>=', f.from);
  if (f.to) q = q.where('submitted_at', '<', f.to);
  if (f.after) q = q.where('id', '>', f.after);
  if (f.before) q = q.where('id', '<', f.before);
  return q.orderBy('id', f.newestFirst ? 'desc' : 'asc').limit(f.limit).execute();
}

/** Responses on a ticket (its rating in the ticket view). */
export function responsesOfTicket(db: Kysely<DB>, workspaceId: string, ticketId: string) {
  return db.selectFrom('survey_responses').selectAll().where('workspace_id', '=', workspaceId).where('ticket_id', '=', ticketId).orderBy('id').execute();
}

export async function countResponses(db: Kysely<DB>, workspaceId: string, surveyId: string): Promise<number> {
  const row = await db
    .selectFrom('survey_responses')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('survey_id', '=', surveyId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
