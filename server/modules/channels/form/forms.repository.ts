import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { DB, WebFormsTable } from '../../../platform/schema.ts';

export function insertForm(db: Kysely<DB>, row: Insertable<WebFormsTable>) {
  return db.insertInto('web_forms').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findForm(db: Kysely<DB>, workspaceId: string, id: string) {
  return db.selectFrom('web_forms').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/**
 * The public routes know only the form id: it names the workspace. The one lookup of tenant data
 * without a workspace filter; everything after it uses the form's own workspace_id.
 */
export function findPublicForm(db: Kysely<DB>, id: string) {
  return db.selectFrom('web_forms').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listForms(db: Kysely<DB>, workspaceId: string, after: string | undefined, limit: number) {
  let q = db.selectFrom('web_forms').selectAll().where('workspace_id', '=', workspaceId);
  if (after) q = q.where('id', '>', after);
  return q.orderBy('id').limit(limit + 1).execute();
}

export function updateForm(db: Kysely<DB>, workspaceId: string, id: string, changes: Updateable<WebFormsTable>) {
  return db.updateTable('web_forms').set(changes).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteForm(db: Kysely<DB>, workspaceId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('web_forms').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function countSpam(db: Kysely<DB>, workspaceId: string, id: string) {
  await db
    .updateTable('web_forms')
    .set({ spam_blocked: sql`spam_blocked + 1` })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/**
 * Counts one submission in the (form, ip, window) row and returns the count so far. One upsert
 * statement, so concurrent requests on any instance count exactly. Older windows of the same
 * client are dropped on the way (they can never matter again).
 */
export async function countSubmission(db: Kysely<DB>, workspaceId: string, formId: string, ip: string, windowStart: Date): Promise<number> {
  await db.deleteFrom('form_rate_limits').where('form_id', '=', formId).where('ip', '=', ip).where('window_start', '<', windowStart).execute();
  const row = await db
    .insertInto('form_rate_limits')
    .values({ workspace_id: workspaceId, form_id: formId, ip, window_start: windowStart, count: 1 })
    .onConflict((oc) => oc.columns(['form_id', 'ip', 'window_start']).doUpdateSet({ count: sql`form_rate_limits.count + 1` }))
    .returning('count')
    .executeTakeFirstOrThrow();
  return row.count;
}

export function workspaceName(db: Kysely<DB>, workspaceId: string) {
  return db.selectFrom('workspaces').select('name').where('id', '=', workspaceId).executeTakeFirst();
}

/** Rate-limit windows that ended before `before` (windows are an hour long). */
export async function pruneRateLimitWindows(db: Kysely<DB>, before: Date): Promise<number> {
  const result = await db.deleteFrom('form_rate_limits').where('window_start', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
