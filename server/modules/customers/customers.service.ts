import type { Kysely, Selectable, Updateable } from 'kysely';
import type { z } from 'zod';
import { iso } from '../../../contracts/common.ts';
import type { createCustomerBody, CustomerDto, updateCustomerBody } from '../../../contracts/customers.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage } from '../../platform/cursor.ts';
import { newId } from '../../platform/ids.ts';
import type { CustomersTable, DB, IdentityKind, TierSource } from '../../platform/schema.ts';
import type { RequestContext } from '../auth/actor.ts';
import { assertReferences } from '../shared/references.repository.ts';
import { ruleTierFor } from '../tiers/tier-assignment.service.ts';
import * as repo from './customers.repository.ts';
import { normalizeIdentity } from './identity.ts';

type Customer = Selectable<CustomersTable>;
type IdentityRow = { id: string; customer_id: string; kind: IdentityKind; value: string };
type TierFields = { tier_id: string | null; tier_source: TierSource };

export function toCustomerDto(c: Customer, identities: IdentityRow[]): CustomerDto {
  return {
    id: c.id,
    name: c.name,
    organization_id: c.organization_id,
    tier_id: c.tier_id,
    tier_source: c.tier_source,
    locale: c.locale,
    time_zone: c.time_zone,
    annual_revenue: c.annual_revenue,
    margin: c.margin,
    notes: c.notes,
    custom_fields: c.custom_fields,
    identities: identities.filter((i) => i.customer_id === c.id).map((i) => ({ id: i.id, kind: i.kind, value: i.value })),
    created_at: iso(c.created_at) as string,
    updated_at: iso(c.updated_at) as string,
  };
}

function normalizeAll(identities: { kind: IdentityKind; value: string }[], now: Date) {
  const seen = new Set<string>();
  const out: { id: string; kind: IdentityKind; value: string }[] = [];
  for (const i of identities) {
    const value = normalizeIdentity(i.kind, i.value);
    const key = `${i.kind}:${value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ id: newId(now.getTime()), kind: i.kind, value });
  }
  return out;
}

async function assertIdentitiesFree(db: Kysely<DB>, workspaceId: string, identities: { kind: IdentityKind; value: string }[], self: string | null) {
  const owners = await repo.identityOwners(db, workspaceId, identities);
  const clash = owners.find((o) => o.customer_id !== self);
  if (clash) throw conflict(`Another customer already has the ${clash.kind} ${clash.value}`);
}

async function dto(db: Kysely<DB>, c: Customer): Promise<CustomerDto> {
  return toCustomerDto(c, await repo.identitiesOf(db, [c.id]));
}

export async function createCustomer(db: Kysely<DB>, ctx: RequestContext, input: z.output<typeof createCustomerBody>): Promise<CustomerDto> {
  return db.transaction().execute(async (trx) => {
    await assertReferences(trx, ctx.workspaceId, 'organizations', [input.organization_id], 'organization_id');
    await assertReferences(trx, ctx.workspaceId, 'tiers', [input.tier_id], 'tier_id');
    const identities = normalizeAll(input.identities, ctx.now);
    await assertIdentitiesFree(trx, ctx.workspaceId, identities, null);
    const value = { id: null, organization_id: input.organization_id ?? null, annual_revenue: input.annual_revenue ?? null, margin: input.margin ?? null };
    const tier: TierFields = input.tier_id ? { tier_id: input.tier_id, tier_source: 'manual' } : await tierByRules(trx, ctx.workspaceId, value, ctx.now);
    const c = await insertCustomerRecord(trx, ctx.workspaceId, input, tier, identities, ctx.now);
    return dto(trx, c);
  });
}

/**
 * The tier the workspace's tier rules give (value thresholds, the
 * organization's tier; see tiers/tier-assignment.ts). Used whenever the tier
 * was not set by hand: a tier set by hand (`manual`) is never overridden.
 */
async function tierByRules(db: Kysely<DB>, workspaceId: string, customer: Parameters<typeof ruleTierFor>[2], now: Date): Promise<TierFields> {
  const choice = await ruleTierFor(db, workspaceId, customer, now);
  return { tier_id: choice.tierId, tier_source: choice.source };
}

/** Inserts a customer and identities; the caller has checked references and clashes. */
async function insertCustomerRecord(
  db: Kysely<DB>,
  workspaceId: string,
  input: Partial<z.output<typeof createCustomerBody>> & { name: string },
  tier: TierFields,
  identities: { id: string; kind: IdentityKind; value: string }[],
  now: Date,
): Promise<Customer> {
  const c = await repo.insertCustomer(db, {
    id: newId(now.getTime()),
    workspace_id: workspaceId,
    name: input.name,
    organization_id: input.organization_id ?? null,
    tier_id: tier.tier_id,
    tier_source: tier.tier_source,
    locale: input.locale ?? null,
    time_zone: input.time_zone ?? null,
    annual_revenue: input.annual_revenue ?? null,
    margin: input.margin ?? null,
    notes: input.notes ?? null,
    custom_fields: JSON.stringify(input.custom_fields ?? {}),
    created_at: now,
    updated_at: now,
  });
  await repo.addIdentities(db, workspaceId, c.id, identities, now);
  return c;
}

/**
 * The customer behind an identity (email, phone, chat visitor, social
 * handle), created on first contact. Every channel calls this, so one person
 * has one history whichever way they reach us.
 */
export async function findOrCreateCustomerByIdentity(
  db: Kysely<DB>,
  workspaceId: string,
  identity: { kind: IdentityKind; value: string },
  defaults: { name?: string | undefined; locale?: string | null | undefined },
  now: Date,
): Promise<{ customer: Customer; created: boolean }> {
  const value = normalizeIdentity(identity.kind, identity.value);
  const found = await repo.findCustomerByIdentity(db, workspaceId, identity.kind, value);
  if (found) return { customer: found, created: false };
  // Not there yet: take the identity's lock and look again, since a concurrent first contact may
  // have created it meanwhile (the common case, a known customer, takes no lock).
  await repo.lockIdentity(db, workspaceId, identity.kind, value);
  const existing = await repo.findCustomerByIdentity(db, workspaceId, identity.kind, value);
  if (existing) return { customer: existing, created: false };
  const name = defaults.name?.trim() || (identity.kind === 'email' ? value.split('@')[0] ?? value : value);
  // A first contact has no value figures or tickets yet; rules with a zero threshold (a default tier) still apply.
  const tier = await tierByRules(db, workspaceId, { id: null, organization_id: null, annual_revenue: null, margin: null }, now);
  const customer = await insertCustomerRecord(
    db,
    workspaceId,
    { name, locale: (defaults.locale as CustomerDto['locale'] as never) ?? null },
    tier,
    [{ id: newId(now.getTime()), kind: identity.kind, value }],
    now,
  );
  return { customer, created: true };
}

export async function findCustomerRecord(db: Kysely<DB>, workspaceId: string, id: string): Promise<Customer> {
  const c = await repo.findCustomer(db, workspaceId, id);
  if (!c) throw notFound('Customer');
  return c;
}

export async function getCustomer(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<CustomerDto> {
  return dto(db, await findCustomerRecord(db, ctx.workspaceId, id));
}

export async function listCustomers(
  db: Kysely<DB>,
  ctx: RequestContext,
  query: { cursor?: string | undefined; limit: number; q?: string | undefined; organization_id?: string | undefined; tier_id?: string | undefined },
) {
  const after = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
  const rows = await repo.listCustomers(db, ctx.workspaceId, {
    after,
    limit: query.limit,
    q: query.q,
    organizationId: query.organization_id,
    tierId: query.tier_id,
  });
  const identities = await repo.identitiesOf(db, rows.slice(0, query.limit).map((r) => r.id));
  return toPage(rows, query.limit, (r) => [r.id], (r) => toCustomerDto(r, identities));
}

export async function updateCustomer(db: Kysely<DB>, ctx: RequestContext, id: string, input: z.output<typeof updateCustomerBody>): Promise<CustomerDto> {
  return db.transaction().execute(async (trx) => {
    const before = await findCustomerRecord(trx, ctx.workspaceId, id);
    await assertReferences(trx, ctx.workspaceId, 'organizations', [input.organization_id], 'organization_id');
    await assertReferences(trx, ctx.workspaceId, 'tiers', [input.tier_id], 'tier_id');
    const { identities, custom_fields, ...fields } = input;
    const changes: Updateable<CustomersTable> = { ...fields, updated_at: ctx.now };
    if (custom_fields !== undefined) changes.custom_fields = JSON.stringify(custom_fields);
    Object.assign(changes, await tierChanges(trx, ctx, before, fields));
    const c = await repo.updateCustomer(trx, ctx.workspaceId, id, changes);
    if (!c) throw notFound('Customer');
    if (identities) {
      const normalized = normalizeAll(identities, ctx.now);
      await assertIdentitiesFree(trx, ctx.workspaceId, normalized, id);
      await repo.replaceIdentities(trx, ctx.workspaceId, id, normalized, ctx.now);
    }
    return dto(trx, c);
  });
}

/**
 * A tier_id sets the tier by hand; null hands the customer back to the
 * rules. Otherwise a change of value (revenue, margin, organization)
 * re-applies the rules, unless the tier was set by hand.
 */
async function tierChanges(
  db: Kysely<DB>,
  ctx: RequestContext,
  before: Customer,
  fields: Pick<z.output<typeof updateCustomerBody>, 'tier_id' | 'organization_id' | 'annual_revenue' | 'margin'>,
): Promise<Partial<TierFields>> {
  if (fields.tier_id) return { tier_id: fields.tier_id, tier_source: 'manual' };
  const valueChanged = fields.organization_id !== undefined || fields.annual_revenue !== undefined || fields.margin !== undefined;
  if (fields.tier_id === undefined && (before.tier_source === 'manual' || !valueChanged)) return {};
  return tierByRules(
    db,
    ctx.workspaceId,
    {
      id: before.id,
      organization_id: fields.organization_id !== undefined ? fields.organization_id : before.organization_id,
      annual_revenue: fields.annual_revenue !== undefined ? fields.annual_revenue : before.annual_revenue,
      margin: fields.margin !== undefined ? fields.margin : before.margin,
    },
    ctx.now,
  );
}

/** Customers with tickets are kept (their history is the point); others can be deleted. */
export async function deleteCustomer(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await findCustomerRecord(trx, ctx.workspaceId, id);
    if (await repo.hasTickets(trx, ctx.workspaceId, id)) throw conflict('This customer has tickets and cannot be deleted');
    await repo.deleteCustomer(trx, ctx.workspaceId, id);
  });
}

/**
 * The segment a new ticket is filed under: the customer's tier, else their
 * organization's. A customer whose tier comes from the organization follows
 * the organization's current tier (the `tiers.recompute` job brings the
 * stored one in line later). The ticket keeps this tier for good: when the
 * customer's tier changes later, only new tickets get the new one.
 */
export async function customerSegment(db: Kysely<DB>, customer: Customer): Promise<{ organizationId: string | null; tierId: string | null }> {
  const followsOrganization = customer.organization_id !== null && (customer.tier_id === null || customer.tier_source === 'organization');
  const tierId =
    followsOrganization && customer.organization_id
      ? await repo.organizationTierId(db, customer.workspace_id, customer.organization_id)
      : customer.tier_id;
  return { organizationId: customer.organization_id, tierId };
}
