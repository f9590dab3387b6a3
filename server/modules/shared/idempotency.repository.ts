import type { Kysely } from 'kysely';
import type { DB } from '../../platform/schema.ts';

export interface IdempotencyRef {
  workspace_id: string;
  principal: string;
  key: string;
}

/** Claims the key; returns false when someone already holds it. */
export async function claimKey(db: Kysely<DB>, ref: IdempotencyRef, requestHash: string, now: Date): Promise<boolean> {
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({ ...ref, request_hash: requestHash, created_at: now })
    .onConflict((oc) => oc.columns(['workspace_id', 'principal', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return inserted !== undefined;
}

export function findKey(db: Kysely<DB>, ref: IdempotencyRef) {
  return db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('workspace_id', '=', ref.workspace_id)
    .where('principal', '=', ref.principal)
    .where('key', '=', ref.key)
    .executeTakeFirst();
}

export async function storeResponse(db: Kysely<DB>, ref: IdempotencyRef, statusCode: number, response: unknown) {
  await db
    .updateTable('idempotency_keys')
    .set({ status_code: statusCode, response: JSON.stringify(response) })
    .where('workspace_id', '=', ref.workspace_id)
    .where('principal', '=', ref.principal)
    .where('key', '=', ref.key)
    .execute();
}

export async function releaseKey(db: Kysely<DB>, ref: IdempotencyRef) {
  await db
    .deleteFrom('idempotency_keys')
    .where('workspace_id', '=', ref.workspace_id)
    .where('principal', '=', ref.principal)
    .where('key', '=', ref.key)
    .execute();
}

export async function pruneKeys(db: Kysely<DB>, before: Date) {
  await db.deleteFrom('idempotency_keys').where('created_at', '<', before).execute();
}
