import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { DB, SurveysTable, SurveyVersionsTable } from '../../platform/schema.ts';

/** Surveys and their versions: the only SQL for them. Every query is scoped by workspace. */

export type SurveyRow = Selectable<SurveysTable>;

export function insertSurvey(db: Kysely<DB>, row: Insertable<SurveysTable>) {
  return db.insertInto('surveys').values(row).returningAll().executeTakeFirstOrThrow();
}

export function insertVersion(db: Kysely<DB>, row: Insertable<SurveyVersionsTable>) {
  return db.insertInto('survey_versions').values(row).execute();
}

/** A survey that is not deleted (or, with includeDeleted, any). */
export function findSurvey(db: Kysely<DB>, workspaceId: string, id: string, options: { forUpdate?: boolean; includeDeleted?: boolean } = {}) {
  let q = db.selectFrom('surveys').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (!options.includeDeleted) q = q.where('deleted_at', 'is', null);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export function findVersion(db: Kysely<DB>, workspaceId: string, surveyId: string, version: number) {
  return db
    .selectFrom('survey_versions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('survey_id', '=', surveyId)
    .where('version', '=', version)
    .executeTakeFirst();
}

export function listSurveys(db: Kysely<DB>, workspaceId: string, f: { type?: string | undefined; after?: string | undefined; limit: number }) {
  let q = db.selectFrom('surveys').selectAll().where('workspace_id', '=', workspaceId).where('deleted_at', 'is', null);
  if (f.type) q = q.where('type', '=', f.type as SurveysTable['type']);
  if (f.after) q = q.where('id', '>', f.after);
  return q.orderBy('id').limit(f.limit + 1).execute();
}

export function updateSurvey(db: Kysely<DB>, workspaceId: string, id: string, changes: Updateable<SurveysTable>) {
  return db.updateTable('surveys').set(changes).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function updateVersionDefinition(db: Kysely<DB>, workspaceId: string, surveyId: string, version: number, definition: string) {
  return db
    .updateTable('survey_versions')
    .set({ definition })
    .where('workspace_id', '=', workspaceId)
    .where('survey_id', '=', surveyId)
    .where('version', '=', version)
    .execute();
}

export async function versionHasResponses(db: Kysely<DB>, workspaceId: string, surveyId: string, version: number): Promise<boolean> {
  const row = await db
    .selectFrom('survey_responses')
    .select(sql<number>`1`.as('one'))
    .where('workspace_id', '=', workspaceId)
    .where('survey_id', '=', surveyId)
    .where('version', '=', version)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Active, not deleted surveys of every workspace (or of one) that invite after a ticket is solved. */
export function surveysSendingAfterSolve(db: Kysely<DB>, workspaceId?: string) {
  let q = db.selectFrom('surveys').selectAll();
  if (workspaceId) q = q.where('workspace_id', '=', workspaceId);
  return q
    .where('active', '=', true)
    .where('deleted_at', 'is', null)
    .where('type', 'in', ['csat', 'ces'])
    .where('dispatch_since', 'is not', null)
    .orderBy('id')
    .execute();
}

/** Scheduled (NPS relationship) surveys whose next run is due. */
export function surveysDueForRun(db: Kysely<DB>, now: Date) {
  return db
    .selectFrom('surveys')
    .selectAll()
    .where('active', '=', true)
    .where('deleted_at', 'is', null)
    .where('next_run_at', '<=', now)
    .orderBy('next_run_at')
    .execute();
}

export function workspaceOf(db: Kysely<DB>, workspaceId: string) {
  return db.selectFrom('workspaces').select(['id', 'name', 'default_locale', 'time_zone']).where('id', '=', workspaceId).executeTakeFirstOrThrow();
}

/** Moves a scheduled survey's next run on, only if it is still the run we read (one sweeper wins). */
export async function claimRun(db: Kysely<DB>, workspaceId: string, id: string, expected: Date, next: Date): Promise<boolean> {
  const result = await db
    .updateTable('surveys')
    .set({ next_run_at: next })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('next_run_at', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
