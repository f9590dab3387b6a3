import { type Kysely, sql } from 'kysely';
import type { DB } from '../../platform/schema.ts';

/**
 * Every column that points at a customer, other than `customers` itself and the merge log's
 * target (handled on its own below). A merge moves each of them from the source to the target.
 *
 * A NEW TABLE THAT REFERENCES customers(id) MUST BE ADDED HERE. The merge deletes the source, so a
 * forgotten foreign key makes merges fail loudly rather than lose rows; and
 * customer-merge.test.ts compares this list with the foreign keys in the database catalog.
 *
 * This is the one place that writes other modules' tables: re-parenting references across every
 * module in one transaction is what a merge is, and one list is easier to keep complete than a
 * function in every module.
 */
export const CUSTOMER_REFERENCES: readonly { table: string; column: string }[] = [
  { table: 'customer_identities', column: 'customer_id' },
  { table: 'tickets', column: 'customer_id' },
  { table: 'messages', column: 'author_customer_id' },
  { table: 'chat_visitors', column: 'customer_id' },
  { table: 'survey_invitations', column: 'customer_id' },
  { table: 'survey_responses', column: 'customer_id' },
];

/** Locks both customers in id order (two crossing merges cannot deadlock). */
export async function lockCustomers(db: Kysely<DB>, workspaceId: string, ids: string[]) {
  return db
    .selectFrom('customers')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute();
}

export function ticketIdsOf(db: Kysely<DB>, workspaceId: string, customerId: string) {
  return db.selectFrom('tickets').select(['id', 'workspace_id']).where('workspace_id', '=', workspaceId).where('customer_id', '=', customerId).orderBy('id').execute();
}

export async function moveReferences(db: Kysely<DB>, workspaceId: string, sourceId: string, targetId: string): Promise<Record<string, number>> {
  const moved: Record<string, number> = {};
  for (const { table, column } of CUSTOMER_REFERENCES) {
    const result = await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${targetId} where workspace_id = ${workspaceId} and ${sql.ref(column)} = ${sourceId}`.execute(db);
    moved[`${table}.${column}`] = Number(result.numAffectedRows ?? 0);
  }
  // Customers merged into the source earlier now lead to the target.
  const chained = await db
    .updateTable('customer_merges')
    .set({ target_customer_id: targetId })
    .where('workspace_id', '=', workspaceId)
    .where('target_customer_id', '=', sourceId)
    .executeTakeFirst();
  moved['customer_merges.target_customer_id'] = Number(chained.numUpdatedRows);
  return moved;
}

export async function recordMerge(db: Kysely<DB>, row: { source_customer_id: string; workspace_id: string; target_customer_id: string; merged_by: string | null; merged_at: Date }) {
  await db.insertInto('customer_merges').values(row).execute();
}

export function findMergedInto(db: Kysely<DB>, workspaceId: string, customerId: string) {
  return db
    .selectFrom('customer_merges')
    .select(['target_customer_id', 'merged_at'])
    .where('workspace_id', '=', workspaceId)
    .where('source_customer_id', '=', customerId)
    .executeTakeFirst();
}

/** Foreign keys to customers(id) in the database catalog, as `table.column` (for the guard test). */
export async function customerForeignKeys(db: Kysely<DB>): Promise<string[]> {
  const rows = await sql<{ ref: string }>`
    select c.conrelid::regclass::text || '.' || a.attname as ref
    from pg_constraint c
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
    where c.contype = 'f' and c.confrelid = 'customers'::regclass
    order by 1`.execute(db);
  return rows.rows.map((r) => r.ref);
}
