import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, OrganizationsTable } from '../../platform/schema.ts';

export function insertOrganization(db: Kysely<DB>, row: Insertable<OrganizationsTable>) {
  return db.insertInto('organizations').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findOrganization(db: Kysely<DB>, workspaceId: string, id: string) {
  return db.selectFrom('organizations').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export function findOrganizationByName(db: Kysely<DB>, workspaceId: string, name: string) {
  return db
    .selectFrom('organizations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
}

export function listOrganizations(
  db: Kysely<DB>,
  workspaceId: string,
  f: { after?: string | undefined; limit: number; q?: string | undefined; tierId?: string | undefined },
) {
  let q = db.selectFrom('organizations').selectAll().where('workspace_id', '=', workspaceId);
  if (f.after) q = q.where('id', '>', f.after);
  if (f.tierId) q = q.where('tier_id', '=', f.tierId);
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where('name', 'ilike', pattern);
  }
  return q.orderBy('id').limit(f.limit + 1).execute();
}

export function updateOrganization(db: Kysely<DB>, workspaceId: string, id: string, changes: Updateable<OrganizationsTable>) {
  return db.updateTable('organizations').set(changes).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Customers and tickets keep their organization; either blocks deletion. */
export async function isOrganizationInUse(db: Kysely<DB>, workspaceId: string, id: string): Promise<boolean> {
  for (const table of ['customers', 'tickets'] as const) {
    const row = await db
      .selectFrom(table)
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('organization_id', '=', id)
      .limit(1)
      .executeTakeFirst();
    if (row) return true;
  }
  return false;
}

export async function deleteOrganization(db: Kysely<DB>, workspaceId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('organizations').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
