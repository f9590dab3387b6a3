import { type Kysely, sql } from 'kysely';
import type { ChannelDeliveriesTable, DB } from '../../../platform/schema.ts';

/**
 * One row per outbound side effect of the form and webhook channels (a form acknowledgement, a
 * reply POSTed to a webhook or Telegram), keyed by the message it belongs to. Written with the
 * message; the job reads it first, so a job that runs twice sends once.
 */

export async function insertDelivery(
  db: Kysely<DB>,
  row: { message_id: string; workspace_id: string; ticket_id: string; kind: ChannelDeliveriesTable['kind']; created_at: Date },
) {
  await db.insertInto('channel_deliveries').values({ ...row, status: 'pending' }).onConflict((oc) => oc.column('message_id').doNothing()).execute();
}

export function findDelivery(db: Kysely<DB>, workspaceId: string, messageId: string, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('channel_deliveries').selectAll().where('workspace_id', '=', workspaceId).where('message_id', '=', messageId);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function recordAttempt(
  db: Kysely<DB>,
  workspaceId: string,
  messageId: string,
  result: { status: ChannelDeliveriesTable['status']; error: string | null; sentAt?: Date | null; partsSent?: number },
) {
  await db
    .updateTable('channel_deliveries')
    .set({
      status: result.status,
      attempts: sql`attempts + 1`,
      last_error: result.error,
      ...(result.sentAt !== undefined ? { sent_at: result.sentAt } : {}),
      ...(result.partsSent !== undefined ? { parts_sent: result.partsSent } : {}),
    })
    .where('workspace_id', '=', workspaceId)
    .where('message_id', '=', messageId)
    .execute();
}

export async function recordPartsSent(db: Kysely<DB>, workspaceId: string, messageId: string, partsSent: number) {
  await db.updateTable('channel_deliveries').set({ parts_sent: partsSent }).where('workspace_id', '=', workspaceId).where('message_id', '=', messageId).execute();
}

/** The message a delivery is for (a read; messages are written only by tickets/ticket-writer). */
export function findMessage(db: Kysely<DB>, workspaceId: string, messageId: string) {
  return db.selectFrom('messages').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', messageId).executeTakeFirst();
}

/** Webhook/Telegram reply deliveries of these messages (for the message DTO's `delivery`). */
export function replyDeliveriesOf(db: Kysely<DB>, workspaceId: string, messageIds: string[]) {
  if (messageIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('channel_deliveries')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', 'webhook_reply')
    .where('message_id', 'in', messageIds)
    .execute();
}
