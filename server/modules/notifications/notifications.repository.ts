import { type Insertable, type Kysely, sql } from 'kysely';
import type { DB, NotificationsTable } from '../../platform/schema.ts';

/** Inserts unless a row with the same dedupe key exists; returns the new row, or null. */
export function insertNotification(db: Kysely<DB>, row: Insertable<NotificationsTable>) {
  return db
    .insertInto('notifications')
    .values(row)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function findNotification(db: Kysely<DB>, workspaceId: string, id: string) {
  return db.selectFrom('notifications').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/** Which of these users are active members of the workspace, with their email addresses. */
export function findActiveUsers(db: Kysely<DB>, workspaceId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'locale', 'time_zone'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .where('active', '=', true)
    .orderBy('id')
    .execute();
}

/** A user's in-app notices, newest first; `before` is the id of the last row of the previous page. */
export function listInbox(db: Kysely<DB>, workspaceId: string, userId: string, options: { unread: boolean; before: string | undefined; limit: number }) {
  let q = db
    .selectFrom('notifications')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('channel', '=', 'in_app');
  if (options.unread) q = q.where('read_at', 'is', null);
  if (options.before) q = q.where('id', '<', options.before);
  return q.orderBy('id', 'desc').limit(options.limit + 1).execute();
}

/** Marks the user's own in-app notice read (once: a second call keeps the first time). */
export function markRead(db: Kysely<DB>, workspaceId: string, userId: string, id: string, now: Date) {
  return db
    .updateTable('notifications')
    .set((eb) => ({ read_at: eb.fn.coalesce('read_at', eb.val(now)) }))
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('channel', '=', 'in_app')
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export function findByDedupeKey(db: Kysely<DB>, workspaceId: string, dedupeKey: string) {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('dedupe_key', '=', dedupeKey)
    .executeTakeFirst();
}

/** Records how delivery went (merged into `data.delivery`); `sentAt` only when the relay accepted it. */
export async function recordDelivery(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  delivery: Record<string, unknown>,
  sentAt: Date | null,
) {
  await db
    .updateTable('notifications')
    .set((eb) => ({
      data: sql`${eb.ref('data')} || jsonb_build_object('delivery', ${JSON.stringify(delivery)}::jsonb)`,
      ...(sentAt ? { sent_at: sentAt } : {}),
    }))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}
