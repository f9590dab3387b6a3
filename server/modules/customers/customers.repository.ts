import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { CustomersTable, DB, IdentityKind } from '../../platform/schema.ts';

export function insertCustomer(db: Kysely<DB>, row: Insertable<CustomersTable>) {
  return db.insertInto('customers').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findCustomer(db: Kysely<DB>, workspaceId: string, id: string) {
  return db.selectFrom('customers').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export function findCustomerByIdentity(db: Kysely<DB>, workspaceId: string, kind: IdentityKind, value: string) {
  return db
    .selectFrom('customer_identities')
    .innerJoin('customers', 'customers.id', 'customer_identities.customer_id')
    .selectAll('customers')
    .where('customer_identities.workspace_id', '=', workspaceId)
    .where('customer_identities.kind', '=', kind)
    .where('customer_identities.value', '=', value)
    .executeTakeFirst();
}

/**
 * Serialises first contacts of one identity until the caller's transaction ends: two requests
 * (or import lines) for the same new email would otherwise both miss it and both insert, and the
 * second would fail on the identity's unique index. With the lock, the second waits and then
 * finds the customer the first one made. A hash collision only makes two identities wait for each
 * other. Outside a transaction the lock ends with the statement, so callers hold a transaction.
 */
export async function lockIdentity(db: Kysely<DB>, workspaceId: string, kind: IdentityKind, value: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`customer-identity:${workspaceId}:${kind}:${value}`}, 0))`.execute(db);
}

export function listCustomers(
  db: Kysely<DB>,
  workspaceId: string,
  f: { after?: string | undefined; limit: number; q?: string | undefined; organizationId?: string | undefined; tierId?: string | undefined },
) {
  let q = db.selectFrom('customers').selectAll().where('workspace_id', '=', workspaceId);
  if (f.after) q = q.where('id', '>', f.after);
  if (f.organizationId) q = q.where('organization_id', '=', f.organizationId);
  if (f.tierId) q = q.where('tier_id', '=', f.tierId);
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('name', 'ilike', pattern),
        eb.exists(
          eb
            .selectFrom('customer_identities')
            .select('customer_identities.id')
            .whereRef('customer_identities.customer_id', '=', 'customers.id')
            .where('customer_identities.value', 'ilike', pattern),
        ),
      ]),
    );
  }
  return q.orderBy('id').limit(f.limit + 1).execute();
}

export function updateCustomer(db: Kysely<DB>, workspaceId: string, id: string, changes: Updateable<CustomersTable>) {
  return db.updateTable('customers').set(changes).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteCustomer(db: Kysely<DB>, workspaceId: string, id: string) {
  await db.deleteFrom('customers').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

export async function hasTickets(db: Kysely<DB>, workspaceId: string, customerId: string): Promise<boolean> {
  const row = await db.selectFrom('tickets').select('id').where('workspace_id', '=', workspaceId).where('customer_id', '=', customerId).limit(1).executeTakeFirst();
  return row !== undefined;
}

export function identitiesOf(db: Kysely<DB>, customerIds: string[]) {
  if (customerIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('customer_identities')
    .select(['id', 'customer_id', 'kind', 'value'])
    .where('customer_id', 'in', customerIds)
    .orderBy('id')
    .execute();
}

/** Identities held by another customer of the workspace (a clash). */
export function identityOwners(db: Kysely<DB>, workspaceId: string, identities: { kind: IdentityKind; value: string }[]) {
  if (identities.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('customer_identities')
    .select(['customer_id', 'kind', 'value'])
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb.or(identities.map((i) => eb.and([eb('kind', '=', i.kind), eb('value', '=', i.value)]))))
    .execute();
}

export async function replaceIdentities(
  db: Kysely<DB>,
  workspaceId: string,
  customerId: string,
  identities: { id: string; kind: IdentityKind; value: string }[],
  now: Date,
) {
  await db.deleteFrom('customer_identities').where('customer_id', '=', customerId).execute();
  await addIdentities(db, workspaceId, customerId, identities, now);
}

export async function addIdentities(
  db: Kysely<DB>,
  workspaceId: string,
  customerId: string,
  identities: { id: string; kind: IdentityKind; value: string }[],
  now: Date,
) {
  if (identities.length === 0) return;
  await db
    .insertInto('customer_identities')
    .values(identities.map((i) => ({ ...i, workspace_id: workspaceId, customer_id: customerId, created_at: now })))
    .execute();
}

/** The organization's tier, for customers who have none of their own. */
export async function organizationTierId(db: Kysely<DB>, workspaceId: string, organizationId: string): Promise<string | null> {
  const row = await db
    .selectFrom('organizations')
    .select('tier_id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', organizationId)
    .executeTakeFirst();
  return row?.tier_id ?? null;
}
