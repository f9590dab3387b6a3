import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, ImportsTable } from '../../platform/schema.ts';

export function insertImport(db: Kysely<DB>, row: Insertable<ImportsTable>) {
  return db.insertInto('imports').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateImport(db: Kysely<DB>, workspaceId: string, id: string, changes: Updateable<ImportsTable>) {
  return db.updateTable('imports').set(changes).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function findImport(db: Kysely<DB>, workspaceId: string, id: string) {
  return db.selectFrom('imports').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/** Newest first; ids are UUIDv7, so id order is creation order. */
export function listImports(db: Kysely<DB>, workspaceId: string, before: string | undefined, limit: number) {
  let q = db.selectFrom('imports').selectAll().where('workspace_id', '=', workspaceId);
  if (before) q = q.where('id', '<', before);
  return q.orderBy('id', 'desc').limit(limit + 1).execute();
}

/**
 * What import lines refer to by name: users by email, teams and branches by
 * name. Read once per import (read-only lookups, like
 * shared/references.repository.ts) instead of three queries per line.
 */
export async function loadDirectory(db: Kysely<DB>, workspaceId: string) {
  const [users, teams, branches] = await Promise.all([
    db.selectFrom('users').select(['id', 'email']).where('workspace_id', '=', workspaceId).execute(),
    db.selectFrom('teams').select(['id', 'name']).where('workspace_id', '=', workspaceId).execute(),
    db.selectFrom('branches').select(['id', 'name']).where('workspace_id', '=', workspaceId).execute(),
  ]);
  return { users, teams, branches };
}

/**
 * Who runs an import from the command line in a workspace: the instance
 * administrator if they belong to it, else its oldest active owner.
 */
export function findWorkspaceOperator(db: Kysely<DB>, slug: string | null) {
  let q = db
    .selectFrom('users')
    .innerJoin('workspaces', 'workspaces.id', 'users.workspace_id')
    .select(['users.id', 'users.workspace_id', 'users.role', 'users.is_instance_admin', 'users.email', 'workspaces.slug'])
    .where('users.active', '=', true);
  // Without a slug: the instance administrator's own workspace.
  q = slug === null ? q.where('users.is_instance_admin', '=', true) : q.where('workspaces.slug', '=', slug).where((eb) =>
    eb.or([eb('users.is_instance_admin', '=', true), eb('users.role', '=', 'owner')]),
  );
  return q.orderBy('users.is_instance_admin', 'desc').orderBy('users.id').limit(1).executeTakeFirst();
}
