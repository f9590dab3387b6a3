import type { Insertable, Kysely, Updateable } from 'kysely';
import type { ChatSessionsTable, ChatSessionState, ChatVisitorsTable, DB } from '../../../platform/schema.ts';

/** The live chat's SQL (chat_visitors, chat_sessions, chat_agent_presence); every query filters by workspace. */

export function findVisitor(db: Kysely<DB>, workspaceId: string, id: string) {
  return db.selectFrom('chat_visitors').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/** Visitor ids are global primary keys: this one looks across workspaces on purpose, reading nothing but existence. */
export async function visitorIdTaken(db: Kysely<DB>, id: string): Promise<boolean> {
  return (await db.selectFrom('chat_visitors').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export function insertVisitor(db: Kysely<DB>, row: Insertable<ChatVisitorsTable>) {
  return db.insertInto('chat_visitors').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateVisitor(db: Kysely<DB>, workspaceId: string, id: string, changes: Updateable<ChatVisitorsTable>) {
  await db.updateTable('chat_visitors').set(changes).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

export function insertSession(db: Kysely<DB>, row: Insertable<ChatSessionsTable>) {
  return db.insertInto('chat_sessions').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findSession(db: Kysely<DB>, workspaceId: string, ticketId: string, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('chat_sessions').selectAll().where('workspace_id', '=', workspaceId).where('ticket_id', '=', ticketId);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** The visitor's chat still going on: not ended, and its ticket neither solved nor closed. */
export function findOpenSession(db: Kysely<DB>, workspaceId: string, visitorId: string) {
  return db
    .selectFrom('chat_sessions')
    .innerJoin('tickets', (j) => j.onRef('tickets.id', '=', 'chat_sessions.ticket_id').onRef('tickets.workspace_id', '=', 'chat_sessions.workspace_id'))
    .selectAll('chat_sessions')
    .where('chat_sessions.workspace_id', '=', workspaceId)
    .where('chat_sessions.visitor_id', '=', visitorId)
    .where('chat_sessions.state', '!=', 'ended')
    .where('tickets.status', 'not in', ['solved', 'closed'])
    .orderBy('chat_sessions.ticket_id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function updateSession(db: Kysely<DB>, workspaceId: string, ticketId: string, changes: Updateable<ChatSessionsTable>) {
  await db.updateTable('chat_sessions').set(changes).where('workspace_id', '=', workspaceId).where('ticket_id', '=', ticketId).execute();
}

/**
 * The agents' list, newest chat first. A chat whose ticket was solved or closed counts as ended
 * (the agent finished it through the inbox).
 */
export function listSessions(db: Kysely<DB>, workspaceId: string, f: { state?: ChatSessionState | undefined; before?: string | undefined; limit: number }) {
  let q = db
    .selectFrom('chat_sessions')
    .innerJoin('tickets', (j) => j.onRef('tickets.id', '=', 'chat_sessions.ticket_id').onRef('tickets.workspace_id', '=', 'chat_sessions.workspace_id'))
    .innerJoin('chat_visitors', (j) => j.onRef('chat_visitors.id', '=', 'chat_sessions.visitor_id').onRef('chat_visitors.workspace_id', '=', 'chat_sessions.workspace_id'))
    .selectAll('chat_sessions')
    .select(['tickets.number as ticket_number', 'tickets.status as ticket_status', 'tickets.customer_id', 'chat_visitors.email'])
    .where('chat_sessions.workspace_id', '=', workspaceId);
  if (f.state === 'ended') q = q.where((eb) => eb.or([eb('chat_sessions.state', '=', 'ended'), eb('tickets.status', 'in', ['solved', 'closed'])]));
  else if (f.state) q = q.where('chat_sessions.state', '=', f.state).where('tickets.status', 'not in', ['solved', 'closed']);
  if (f.before) q = q.where('chat_sessions.ticket_id', '<', f.before);
  return q.orderBy('chat_sessions.ticket_id', 'desc').limit(f.limit + 1).execute();
}

/** The public messages of a chat (visitor and agent, never internal notes), newest `limit`, oldest first. */
export async function recentPublicMessages(db: Kysely<DB>, workspaceId: string, ticketId: string, limit: number) {
  const rows = await db
    .selectFrom('messages')
    .leftJoin('users', (j) => j.onRef('users.id', '=', 'messages.author_user_id').onRef('users.workspace_id', '=', 'messages.workspace_id'))
    .select(['messages.id', 'messages.kind', 'messages.body_text', 'messages.created_at', 'users.name as agent_name'])
    .where('messages.workspace_id', '=', workspaceId)
    .where('messages.ticket_id', '=', ticketId)
    .where('messages.kind', 'in', ['customer', 'public_reply'])
    .orderBy('messages.id', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse();
}

export async function touchPresence(db: Kysely<DB>, workspaceId: string, agentId: string, at: Date) {
  await db
    .insertInto('chat_agent_presence')
    .values({ workspace_id: workspaceId, agent_id: agentId, last_seen_at: at })
    .onConflict((oc) => oc.columns(['workspace_id', 'agent_id']).doUpdateSet({ last_seen_at: at }))
    .execute();
}

export async function countOnlineAgents(db: Kysely<DB>, workspaceId: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('chat_agent_presence')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('last_seen_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function deletePresence(db: Kysely<DB>, workspaceId: string, agentId: string) {
  await db.deleteFrom('chat_agent_presence').where('workspace_id', '=', workspaceId).where('agent_id', '=', agentId).execute();
}
