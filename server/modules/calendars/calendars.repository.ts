import type { Insertable, Kysely, Updateable } from 'kysely';
import type { CalendarsTable, DB } from '../../platform/schema.ts';

export function insertCalendar(db: Kysely<DB>, row: Insertable<CalendarsTable>) {
  return db.insertInto('calendars').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findCalendar(db: Kysely<DB>, workspaceId: string, id: string) {
  return db.selectFrom('calendars').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/** Reads a calendar and locks its row until the transaction ends (read-modify-write of its definition). */
export function findCalendarForUpdate(db: Kysely<DB>, workspaceId: string, id: string) {
  return db.selectFrom('calendars').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findCalendarByName(db: Kysely<DB>, workspaceId: string, name: string) {
  return db
    .selectFrom('calendars')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
}

export function listCalendars(db: Kysely<DB>, workspaceId: string, after: string | undefined, limit: number) {
  let q = db.selectFrom('calendars').selectAll().where('workspace_id', '=', workspaceId);
  if (after) q = q.where('id', '>', after);
  return q.orderBy('id').limit(limit + 1).execute();
}

export function updateCalendar(db: Kysely<DB>, workspaceId: string, id: string, changes: Updateable<CalendarsTable>) {
  return db.updateTable('calendars').set(changes).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Unsets the workspace's default calendar (other than `keepId`), so another can become it. */
export async function clearDefaultCalendar(db: Kysely<DB>, workspaceId: string, keepId: string | null, now: Date): Promise<void> {
  let q = db.updateTable('calendars').set({ is_default: false, updated_at: now }).where('workspace_id', '=', workspaceId).where('is_default', '=', true);
  if (keepId) q = q.where('id', '<>', keepId);
  await q.execute();
}

/** Whether a branch or a team works by this calendar. */
export async function isCalendarInUse(db: Kysely<DB>, workspaceId: string, id: string): Promise<boolean> {
  const branch = await db.selectFrom('branches').select('id').where('workspace_id', '=', workspaceId).where('calendar_id', '=', id).limit(1).executeTakeFirst();
  if (branch) return true;
  const team = await db.selectFrom('teams').select('id').where('workspace_id', '=', workspaceId).where('calendar_id', '=', id).limit(1).executeTakeFirst();
  return team !== undefined;
}

export async function deleteCalendar(db: Kysely<DB>, workspaceId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('calendars').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
