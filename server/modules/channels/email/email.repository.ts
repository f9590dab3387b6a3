import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { DB, EmailMailboxesTable, EmailMessagesTable } from '../../../platform/schema.ts';

/** The email channel's SQL. Every query is scoped by workspace, except the poller's list of mailboxes to poll. */

// --- reads of other modules' tables the services do not offer ---

/** The workspace whose mail domain this is (case-insensitive). */
export function findWorkspaceByMailDomain(db: Kysely<DB>, domain: string) {
  return db
    .selectFrom('workspaces')
    .selectAll()
    .where(sql<string>`lower(mail_domain)`, '=', domain.toLowerCase())
    .executeTakeFirst();
}

export function ticketsByNumbers(db: Kysely<DB>, workspaceId: string, numbers: number[]) {
  if (numbers.length === 0) return Promise.resolve([]);
  return db.selectFrom('tickets').select(['id', 'number']).where('workspace_id', '=', workspaceId).where('number', 'in', numbers).execute();
}

/** One message of a ticket (the reply an outbound mail carries). */
export function findTicketMessage(db: Kysely<DB>, workspaceId: string, id: string) {
  return db.selectFrom('messages').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

// --- email_messages ---

/** Sender of the ticket's latest inbound mail. */
export async function lastInboundSender(db: Kysely<DB>, workspaceId: string, ticketId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('email_messages')
    .select('from_address')
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .where('direction', '=', 'in')
    .where('auto_kind', 'is', null)
    .where('from_address', 'is not', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.from_address ?? undefined;
}

export function insertEmailMessage(db: Kysely<DB>, row: Insertable<EmailMessagesTable>) {
  return db.insertInto('email_messages').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateEmailMessage(db: Kysely<DB>, workspaceId: string, id: string, changes: Updateable<EmailMessagesTable>) {
  return db.updateTable('email_messages').set(changes).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();
}

export function findEmailMessage(db: Kysely<DB>, workspaceId: string, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('email_messages').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** The stored mail with this Message-ID or (for mail without one) this content hash. */
export function findDuplicate(db: Kysely<DB>, workspaceId: string, key: { rfcMessageId?: string | undefined; contentHash?: string | undefined }) {
  let q = db.selectFrom('email_messages').select(['id', 'ticket_id', 'message_id']).where('workspace_id', '=', workspaceId);
  if (key.rfcMessageId) q = q.where('rfc_message_id', '=', key.rfcMessageId);
  else if (key.contentHash) q = q.where('content_hash', '=', key.contentHash);
  else return Promise.resolve(undefined);
  return q.executeTakeFirst();
}

/** Ticket of each known Message-ID among `ids`. */
export function ticketsOfMessageIds(db: Kysely<DB>, workspaceId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('email_messages')
    .select(['rfc_message_id', 'ticket_id'])
    .where('workspace_id', '=', workspaceId)
    .where('rfc_message_id', 'in', ids)
    .execute();
}

/** Message-IDs of a ticket's mail, oldest first (for References), excluding mail not yet sent. */
export async function threadMessageIds(db: Kysely<DB>, workspaceId: string, ticketId: string): Promise<{ id: string; direction: 'in' | 'out' }[]> {
  const rows = await db
    .selectFrom('email_messages')
    .select(['rfc_message_id', 'direction', 'status'])
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .where('rfc_message_id', 'is not', null)
    .orderBy('id')
    .execute();
  return rows.filter((r) => r.direction === 'in' || r.status === 'sent').map((r) => ({ id: r.rfc_message_id as string, direction: r.direction }));
}

export async function countAcksTo(db: Kysely<DB>, workspaceId: string, address: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('email_messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', 'ack')
    .where('created_at', '>=', since)
    .where(sql<boolean>`${address} = any(to_addresses)`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Delivery state of outbound mail for these ticket messages. */
export function deliveriesOf(db: Kysely<DB>, workspaceId: string, messageIds: string[]) {
  if (messageIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('email_messages')
    .select(['message_id', 'status', 'attempts', 'error', 'updated_at'])
    .where('workspace_id', '=', workspaceId)
    .where('direction', '=', 'out')
    .where('message_id', 'in', messageIds)
    .execute();
}

// --- email_mailboxes ---

export function insertMailbox(db: Kysely<DB>, row: Insertable<EmailMailboxesTable>) {
  return db.insertInto('email_mailboxes').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findMailbox(db: Kysely<DB>, workspaceId: string, id: string) {
  return db.selectFrom('email_mailboxes').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export function findMailboxByAccount(db: Kysely<DB>, workspaceId: string, account: { host: string; username: string; folder: string }) {
  return db
    .selectFrom('email_mailboxes')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where(sql<string>`lower(host)`, '=', account.host.toLowerCase())
    .where(sql<string>`lower(username)`, '=', account.username.toLowerCase())
    .where('folder', '=', account.folder)
    .executeTakeFirst();
}

export function listMailboxes(db: Kysely<DB>, workspaceId: string, after: string | undefined, limit: number) {
  let q = db.selectFrom('email_mailboxes').selectAll().where('workspace_id', '=', workspaceId);
  if (after) q = q.where('id', '>', after);
  return q.orderBy('id').limit(limit + 1).execute();
}

export function updateMailbox(db: Kysely<DB>, workspaceId: string, id: string, changes: Updateable<EmailMailboxesTable>) {
  return db.updateTable('email_mailboxes').set(changes).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteMailbox(db: Kysely<DB>, workspaceId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('email_mailboxes').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Every active mailbox of every workspace: the poller's work list (the one cross-workspace read here). */
export function listActiveMailboxes(db: Kysely<DB>) {
  return db.selectFrom('email_mailboxes').select(['id', 'workspace_id', 'updated_at']).where('active', '=', true).orderBy('id').execute();
}

/** Takes or renews the poll lease of a mailbox; false when another instance holds it. */
export async function takeMailboxLease(db: Kysely<DB>, workspaceId: string, id: string, owner: string, now: Date, until: Date): Promise<boolean> {
  const row = await db
    .updateTable('email_mailboxes')
    .set({ lease_owner: owner, lease_until: until })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('active', '=', true)
    .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_owner', '=', owner), eb('lease_until', '<', now)]))
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export function releaseMailboxLease(db: Kysely<DB>, workspaceId: string, id: string, owner: string) {
  return db
    .updateTable('email_mailboxes')
    .set({ lease_owner: null, lease_until: null })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .execute();
}

/** Where the original .eml of an inbound message is stored (null when the message did not come by mail). */
export async function rawKeyOfMessage(db: Kysely<DB>, workspaceId: string, ticketId: string, messageId: string): Promise<string | null> {
  const row = await db
    .selectFrom('email_messages')
    .select('raw_key')
    .where('workspace_id', '=', workspaceId)
    .where('ticket_id', '=', ticketId)
    .where('message_id', '=', messageId)
    .where('direction', '=', 'in')
    .where('raw_key', 'is not', null)
    .executeTakeFirst();
  return row?.raw_key ?? null;
}
