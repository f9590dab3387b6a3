import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { DB, WebhookChannelsTable } from '../../../platform/schema.ts';

export function insertChannel(db: Kysely<DB>, row: Insertable<WebhookChannelsTable>) {
  return db.insertInto('webhook_channels').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findChannel(db: Kysely<DB>, workspaceId: string, id: string) {
  return db.selectFrom('webhook_channels').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/**
 * Inbound calls know only the channel id (and prove themselves with its secret): the one lookup
 * without a workspace filter. Everything after it uses the channel's own workspace_id.
 */
export function findPublicChannel(db: Kysely<DB>, id: string) {
  return db.selectFrom('webhook_channels').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listChannels(db: Kysely<DB>, workspaceId: string, after: string | undefined, limit: number) {
  let q = db.selectFrom('webhook_channels').selectAll().where('workspace_id', '=', workspaceId);
  if (after) q = q.where('id', '>', after);
  return q.orderBy('id').limit(limit + 1).execute();
}

export function updateChannel(db: Kysely<DB>, workspaceId: string, id: string, changes: Updateable<WebhookChannelsTable>) {
  return db.updateTable('webhook_channels').set(changes).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Receipts and conversation threads go with the channel; the tickets stay. */
export async function deleteChannel(db: Kysely<DB>, workspaceId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('webhook_channels').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Records an inbound event; false when this channel has seen the key before (a replay). */
export async function recordReceipt(db: Kysely<DB>, workspaceId: string, channelId: string, key: string, now: Date): Promise<boolean> {
  const row = await db
    .insertInto('webhook_receipts')
    .values({ workspace_id: workspaceId, channel_id: channelId, key, received_at: now })
    .onConflict((oc) => oc.columns(['channel_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}

/** Serialises the messages of one conversation (so two first messages cannot open two tickets). */
export async function lockConversation(db: Kysely<DB>, channelId: string, conversationId: string) {
  await sql`select pg_advisory_xact_lock(hashtext(${`webhook:${channelId}:${conversationId}`}))`.execute(db);
}

/** The conversation's ticket that is not closed yet (the newest, should there be several). */
export function findOpenThreadTicket(db: Kysely<DB>, workspaceId: string, channelId: string, conversationId: string) {
  return db
    .selectFrom('webhook_threads')
    .innerJoin('tickets', 'tickets.id', 'webhook_threads.ticket_id')
    .selectAll('tickets')
    .where('webhook_threads.workspace_id', '=', workspaceId)
    .where('webhook_threads.channel_id', '=', channelId)
    .where('webhook_threads.conversation_id', '=', conversationId)
    .where('tickets.status', '!=', 'closed')
    .orderBy('webhook_threads.created_at', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertThread(db: Kysely<DB>, row: { ticket_id: string; workspace_id: string; channel_id: string; conversation_id: string; created_at: Date }) {
  await db.insertInto('webhook_threads').values(row).execute();
}

export function findThreadByTicket(db: Kysely<DB>, workspaceId: string, ticketId: string) {
  return db.selectFrom('webhook_threads').selectAll().where('workspace_id', '=', workspaceId).where('ticket_id', '=', ticketId).executeTakeFirst();
}

/** The agent's display name for outbound replies. */
export function userName(db: Kysely<DB>, workspaceId: string, userId: string) {
  return db.selectFrom('users').select('name').where('workspace_id', '=', workspaceId).where('id', '=', userId).executeTakeFirst();
}

/** Replay receipts older than `before`: the signature window is ±5 minutes, so an old receipt guards nothing. */
export async function pruneReceipts(db: Kysely<DB>, before: Date): Promise<number> {
  const result = await db.deleteFrom('webhook_receipts').where('received_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
