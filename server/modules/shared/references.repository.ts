import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import type { DB } from '../../platform/schema.ts';

type ScopedTable = 'users' | 'teams' | 'branches' | 'tiers' | 'organizations' | 'customers' | 'tickets' | 'calendars';

/**
 * Checks that ids given in a request belong to the caller's workspace. An id
 * of another workspace is reported exactly like an id that does not exist,
 * so nobody can probe what other workspaces hold.
 */
export async function assertReferences(
  db: Kysely<DB>,
  workspaceId: string,
  table: ScopedTable,
  ids: (string | null | undefined)[],
  field: string,
): Promise<void> {
  const wanted = [...new Set(ids.filter((v): v is string => typeof v === 'string'))];
  if (wanted.length === 0) return;
  const found = await db
    .selectFrom(table)
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', wanted)
    .execute();
  if (found.length !== wanted.length) {
    const have = new Set(found.map((r) => r.id));
    const missing = wanted.filter((id) => !have.has(id));
    throw new AppError('invalid_reference', `${field} refers to something that does not exist`, {
      issues: missing.map((id) => ({ path: `body.${field}`, message: `unknown id ${id}` })),
    });
  }
}
