import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import type { BranchDto, createBranchBody, updateBranchBody } from '../../../contracts/branches.ts';
import { iso } from '../../../contracts/common.ts';
import { decodeCursor, toPage } from '../../platform/cursor.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { BranchesTable, DB } from '../../platform/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { RequestContext } from '../auth/actor.ts';
import { assertNoPolicyReferences } from '../sla-policies/sla-policies.service.ts';
import { assertReferences } from '../shared/references.repository.ts';
import * as repo from './branches.repository.ts';

export function toBranchDto(b: Selectable<BranchesTable>): BranchDto {
  return {
    id: b.id,
    name: b.name,
    code: b.code,
    time_zone: b.time_zone,
    address: b.address,
    calendar_id: b.calendar_id,
    created_at: iso(b.created_at) as string,
    updated_at: iso(b.updated_at) as string,
  };
}

export async function createBranch(db: Kysely<DB>, ctx: RequestContext, input: z.output<typeof createBranchBody>): Promise<BranchDto> {
  return db.transaction().execute(async (trx) => {
    if (await repo.findBranchByName(trx, ctx.workspaceId, input.name)) throw conflict('A branch with this name already exists');
    await assertReferences(trx, ctx.workspaceId, 'calendars', [input.calendar_id], 'calendar_id');
    const branch = await repo.insertBranch(trx, {
      id: newId(ctx.now.getTime()),
      workspace_id: ctx.workspaceId,
      name: input.name,
      code: input.code ?? null,
      time_zone: input.time_zone,
      address: input.address ?? null,
      calendar_id: input.calendar_id ?? null,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    await recordAudit(trx, ctx, 'branch.created', { type: 'branch', id: branch.id }, input);
    return toBranchDto(branch);
  });
}

export async function getBranch(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<BranchDto> {
  const branch = await repo.findBranch(db, ctx.workspaceId, id);
  if (!branch) throw notFound('Branch');
  return toBranchDto(branch);
}

export async function listBranches(db: Kysely<DB>, ctx: RequestContext, query: { cursor?: string | undefined; limit: number }) {
  const after = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
  const rows = await repo.listBranches(db, ctx.workspaceId, after, query.limit);
  return toPage(rows, query.limit, (r) => [r.id], toBranchDto);
}

export async function updateBranch(db: Kysely<DB>, ctx: RequestContext, id: string, input: z.output<typeof updateBranchBody>): Promise<BranchDto> {
  return db.transaction().execute(async (trx) => {
    if (input.name) {
      const same = await repo.findBranchByName(trx, ctx.workspaceId, input.name);
      if (same && same.id !== id) throw conflict('A branch with this name already exists');
    }
    await assertReferences(trx, ctx.workspaceId, 'calendars', [input.calendar_id], 'calendar_id');
    const branch = await repo.updateBranch(trx, ctx.workspaceId, id, { ...input, updated_at: ctx.now });
    if (!branch) throw notFound('Branch');
    await recordAudit(trx, ctx, 'branch.updated', { type: 'branch', id }, input);
    return toBranchDto(branch);
  });
}

/** A branch that tickets still point at cannot be deleted: their history would lose its place. */
export async function deleteBranch(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await repo.findBranch(trx, ctx.workspaceId, id))) throw notFound('Branch');
    if (await repo.isBranchInUse(trx, ctx.workspaceId, id)) throw conflict('Tickets still belong to this branch');
    await assertNoPolicyReferences(trx, ctx.workspaceId, 'branches', id);
    await repo.deleteBranch(trx, ctx.workspaceId, id);
    await recordAudit(trx, ctx, 'branch.deleted', { type: 'branch', id });
  });
}
