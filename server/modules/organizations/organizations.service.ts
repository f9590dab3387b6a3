import type { Kysely, Selectable, Updateable } from 'kysely';
import type { JobQueue } from '../../jobs/queue.ts';
import { queueTierRecompute } from '../tiers/tier-assignment.service.ts';
import type { z } from 'zod';
import { iso } from '../../../contracts/common.ts';
import type { createOrganizationBody, OrganizationDto, updateOrganizationBody } from '../../../contracts/organizations.ts';
import { decodeCursor, toPage } from '../../platform/cursor.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { DB, OrganizationsTable } from '../../platform/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { RequestContext } from '../auth/actor.ts';
import { assertNoPolicyReferences } from '../sla-policies/sla-policies.service.ts';
import { assertReferences } from '../shared/references.repository.ts';
import * as repo from './organizations.repository.ts';

export function toOrganizationDto(o: Selectable<OrganizationsTable>): OrganizationDto {
  return {
    id: o.id,
    name: o.name,
    domains: o.domains,
    tier_id: o.tier_id,
    annual_revenue: o.annual_revenue,
    margin: o.margin,
    notes: o.notes,
    custom_fields: o.custom_fields,
    created_at: iso(o.created_at) as string,
    updated_at: iso(o.updated_at) as string,
  };
}

export async function createOrganization(
  db: Kysely<DB>,
  ctx: RequestContext,
  input: z.output<typeof createOrganizationBody>,
): Promise<OrganizationDto> {
  return db.transaction().execute(async (trx) => {
    await assertReferences(trx, ctx.workspaceId, 'tiers', [input.tier_id], 'tier_id');
    if (await repo.findOrganizationByName(trx, ctx.workspaceId, input.name)) throw conflict('An organization with this name already exists');
    const org = await repo.insertOrganization(trx, {
      id: newId(ctx.now.getTime()),
      workspace_id: ctx.workspaceId,
      name: input.name,
      domains: input.domains,
      tier_id: input.tier_id ?? null,
      annual_revenue: input.annual_revenue ?? null,
      margin: input.margin ?? null,
      notes: input.notes ?? null,
      custom_fields: JSON.stringify(input.custom_fields ?? {}),
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    await recordAudit(trx, ctx, 'organization.created', { type: 'organization', id: org.id }, input);
    return toOrganizationDto(org);
  });
}

export async function getOrganization(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<OrganizationDto> {
  const org = await repo.findOrganization(db, ctx.workspaceId, id);
  if (!org) throw notFound('Organization');
  return toOrganizationDto(org);
}

export async function listOrganizations(
  db: Kysely<DB>,
  ctx: RequestContext,
  query: { cursor?: string | undefined; limit: number; q?: string | undefined; tier_id?: string | undefined },
) {
  const after = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
  const rows = await repo.listOrganizations(db, ctx.workspaceId, { after, limit: query.limit, q: query.q, tierId: query.tier_id });
  return toPage(rows, query.limit, (r) => [r.id], toOrganizationDto);
}

export async function updateOrganization(
  db: Kysely<DB>,
  ctx: RequestContext,
  id: string,
  input: z.output<typeof updateOrganizationBody>,
  jobs?: JobQueue,
): Promise<OrganizationDto> {
  return db.transaction().execute(async (trx) => {
    const before = await repo.findOrganization(trx, ctx.workspaceId, id);
    if (!before) throw notFound('Organization');
    await assertReferences(trx, ctx.workspaceId, 'tiers', [input.tier_id], 'tier_id');
    if (input.name) {
      const same = await repo.findOrganizationByName(trx, ctx.workspaceId, input.name);
      if (same && same.id !== id) throw conflict('An organization with this name already exists');
    }
    const { custom_fields, ...fields } = input;
    const changes: Updateable<OrganizationsTable> = { ...fields, updated_at: ctx.now };
    if (custom_fields !== undefined) changes.custom_fields = JSON.stringify(custom_fields);
    const org = await repo.updateOrganization(trx, ctx.workspaceId, id, changes);
    if (!org) throw notFound('Organization');
    await recordAudit(trx, ctx, 'organization.updated', { type: 'organization', id }, input);
    // Members who take their tier from the organization follow it: re-tier them in the background.
    if (jobs && input.tier_id !== undefined && input.tier_id !== before.tier_id) await queueTierRecompute(jobs, trx, ctx.workspaceId);
    return toOrganizationDto(org);
  });
}

/** An organization that customers or tickets still point at cannot be deleted: move them first. */
export async function deleteOrganization(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await repo.findOrganization(trx, ctx.workspaceId, id))) throw notFound('Organization');
    if (await repo.isOrganizationInUse(trx, ctx.workspaceId, id)) throw conflict('Customers or tickets still belong to this organization');
    await assertNoPolicyReferences(trx, ctx.workspaceId, 'organizations', id);
    await repo.deleteOrganization(trx, ctx.workspaceId, id);
    await recordAudit(trx, ctx, 'organization.deleted', { type: 'organization', id });
  });
}
