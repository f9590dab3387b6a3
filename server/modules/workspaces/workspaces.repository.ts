import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { DB, WorkspacesTable } from '../../platform/schema.ts';

export function insertWorkspace(db: Kysely<DB>, row: Insertable<WorkspacesTable>) {
  return db.insertInto('workspaces').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findWorkspace(db: Kysely<DB>, id: string) {
  return db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findWorkspaceBySlug(db: Kysely<DB>, slug: string) {
  return db.selectFrom('workspaces').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function listWorkspaces(db: Kysely<DB>, after: string | undefined, limit: number) {
  let q = db.selectFrom('workspaces').selectAll();
  if (after) q = q.where('id', '>', after);
  return q.orderBy('id').limit(limit + 1).execute();
}

/**
 * Serialises first-start bootstrap across instances sharing one database.
 * Transaction-scoped: released at commit or rollback. The key is an
 * arbitrary constant of ours (0x67617077, 'gapw' in ASCII).
 */
export async function lockInstanceBootstrap(trx: Kysely<DB>) {
  await sql`select pg_advisory_xact_lock(1734439031)`.execute(trx);
}

export async function countWorkspaces(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('workspaces').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function updateWorkspace(db: Kysely<DB>, id: string, changes: Updateable<WorkspacesTable>) {
  return db.updateTable('workspaces').set(changes).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Hands out the next ticket number of a workspace; the row lock serialises concurrent creates. */
export async function nextTicketNumber(db: Kysely<DB>, workspaceId: string): Promise<number> {
  const row = await db
    .updateTable('workspaces')
    .set((eb) => ({ ticket_seq: eb('ticket_seq', '+', 1) }))
    .where('id', '=', workspaceId)
    .returning('ticket_seq')
    .executeTakeFirstOrThrow();
  return row.ticket_seq;
}
