import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { DB, MacrosTable } from '../../platform/schema.ts';

export function insertMacro(db: Kysely<DB>, row: Insertable<MacrosTable>) {
  return db.insertInto('macros').values(row).returningAll().executeTakeFirstOrThrow();
}

/** A macro the user may see: shared, or their own (userId null: an API key sees shared ones only). */
export function findVisibleMacro(db: Kysely<DB>, workspaceId: string, id: string, userId: string | null) {
  return db
    .selectFrom('macros')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where((eb) => (userId ? eb.or([eb('owner_user_id', 'is', null), eb('owner_user_id', '=', userId)]) : eb('owner_user_id', 'is', null)))
    .executeTakeFirst();
}

/** Another macro with this name in the same scope (case-insensitive). */
export function findMacroByName(db: Kysely<DB>, workspaceId: string, ownerUserId: string | null, name: string) {
  return db
    .selectFrom('macros')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('owner_user_id', ownerUserId === null ? 'is' : '=', ownerUserId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
}

export interface MacroListFilter {
  userId: string | null;
  scope?: 'shared' | 'personal' | undefined;
  q?: string | undefined;
  /** Keyset: (lower(name), id) after this. */
  after?: { name: string; id: string } | undefined;
  limit: number;
}

/** Sorted by name (case-insensitive), then id. */
export function listMacros(db: Kysely<DB>, workspaceId: string, f: MacroListFilter) {
  let q = db
    .selectFrom('macros')
    .selectAll()
    .select((eb) => eb.fn<string>('lower', ['name']).as('sort_name'))
    .where('workspace_id', '=', workspaceId);
  const userId = f.userId;
  // An API key has no personal macros: it sees the shared ones.
  if (userId === null) q = f.scope === 'personal' ? q.where(sql<boolean>`false`) : q.where('owner_user_id', 'is', null);
  else if (f.scope === 'shared') q = q.where('owner_user_id', 'is', null);
  else if (f.scope === 'personal') q = q.where('owner_user_id', '=', userId);
  else q = q.where((eb) => eb.or([eb('owner_user_id', 'is', null), eb('owner_user_id', '=', userId)]));
  if (f.q) q = q.where('name', 'ilike', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.after) {
    const after = f.after;
    q = q.where((eb) =>
      eb.or([eb(eb.fn('lower', ['name']), '>', after.name), eb.and([eb(eb.fn('lower', ['name']), '=', after.name), eb('id', '>', after.id)])]),
    );
  }
  return q
    .orderBy((eb) => eb.fn('lower', ['name']))
    .orderBy('id')
    .limit(f.limit + 1)
    .execute();
}

export function updateMacro(db: Kysely<DB>, workspaceId: string, id: string, changes: Updateable<MacrosTable>) {
  return db.updateTable('macros').set(changes).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteMacro(db: Kysely<DB>, workspaceId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('macros').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
