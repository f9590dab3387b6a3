import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { iso } from '../../../contracts/common.ts';
import type { createWorkspaceBody, updateWorkspaceBody, WorkspaceDto } from '../../../contracts/workspaces.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage } from '../../platform/cursor.ts';
import { newId } from '../../platform/ids.ts';
import type { Selectable } from 'kysely';
import type { DB, WorkspacesTable } from '../../platform/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { RequestContext } from '../auth/actor.ts';
import { insertUserRecord } from '../users/users.service.ts';
import * as repo from './workspaces.repository.ts';

export function toWorkspaceDto(w: Selectable<WorkspacesTable>): WorkspaceDto {
  return {
    id: w.id,
    slug: w.slug,
    name: w.name,
    default_locale: w.default_locale,
    time_zone: w.time_zone,
    mail_domain: w.mail_domain,
    created_at: iso(w.created_at) as string,
    updated_at: iso(w.updated_at) as string,
  };
}

type CreateWorkspaceInput = z.output<typeof createWorkspaceBody>;

/** Creates a workspace and its owner in one transaction (no permission check: callers do that). */
export async function insertWorkspaceWithOwner(
  db: Kysely<DB>,
  input: CreateWorkspaceInput & { ownerIsInstanceAdmin?: boolean },
  now: Date,
) {
  return db.transaction().execute((trx) => insertWorkspaceAndOwner(trx, input, now));
}

/** The inserts of insertWorkspaceWithOwner, inside the caller's transaction. */
async function insertWorkspaceAndOwner(
  trx: Kysely<DB>,
  input: CreateWorkspaceInput & { ownerIsInstanceAdmin?: boolean },
  now: Date,
) {
  if (await repo.findWorkspaceBySlug(trx, input.slug)) throw conflict(`The slug ${input.slug} is taken`);
  const workspace = await repo.insertWorkspace(trx, {
    id: newId(now.getTime()),
    slug: input.slug,
    name: input.name,
    default_locale: input.default_locale,
    time_zone: input.time_zone,
    mail_domain: input.mail_domain ?? null,
    created_at: now,
    updated_at: now,
  });
  const owner = await insertUserRecord(
    trx,
    workspace.id,
    { ...input.owner, role: 'owner', locale: input.default_locale, isInstanceAdmin: input.ownerIsInstanceAdmin ?? false },
    now,
  );
  return { workspace, owner };
}

export async function createWorkspace(db: Kysely<DB>, ctx: RequestContext, input: CreateWorkspaceInput) {
  const { workspace, owner } = await insertWorkspaceWithOwner(db, input, ctx.now);
  // The audit entry belongs to the new workspace: its admins see who created it.
  await recordAudit(db, { ...ctx, workspaceId: workspace.id }, 'workspace.created', { type: 'workspace', id: workspace.id }, {
    slug: workspace.slug,
    owner_id: owner.id,
    owner_email: owner.email,
  });
  return toWorkspaceDto(workspace);
}

export async function listWorkspaces(db: Kysely<DB>, query: { cursor?: string | undefined; limit: number }) {
  const after = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
  const rows = await repo.listWorkspaces(db, after, query.limit);
  return toPage(rows, query.limit, (r) => [r.id], toWorkspaceDto);
}

export async function getCurrentWorkspace(db: Kysely<DB>, ctx: RequestContext) {
  const w = await repo.findWorkspace(db, ctx.workspaceId);
  if (!w) throw notFound('Workspace');
  return toWorkspaceDto(w);
}

export async function updateCurrentWorkspace(db: Kysely<DB>, ctx: RequestContext, input: z.output<typeof updateWorkspaceBody>) {
  return db.transaction().execute(async (trx) => {
    const w = await repo.updateWorkspace(trx, ctx.workspaceId, { ...input, updated_at: ctx.now });
    if (!w) throw notFound('Workspace');
    await recordAudit(trx, ctx, 'workspace.updated', { type: 'workspace', id: w.id }, input);
    return toWorkspaceDto(w);
  });
}

/**
 * First start of an empty database: create the first workspace and its owner,
 * who is also the instance administrator (may create more workspaces).
 * Several instances may start together on one database: the lock makes
 * them take turns, so exactly one creates the workspace and the others see it.
 */
export async function bootstrapInstance(
  db: Kysely<DB>,
  admin: { email: string; password: string },
  now: Date,
): Promise<{ created: boolean; workspaceId: string | null }> {
  return db.transaction().execute(async (trx) => {
    await repo.lockInstanceBootstrap(trx);
    if ((await repo.countWorkspaces(trx)) > 0) return { created: false, workspaceId: null };
    const { workspace } = await insertWorkspaceAndOwner(
      trx,
      {
        name: 'Gapwise',
        slug: 'main',
        default_locale: 'en',
        time_zone: 'UTC',
        mail_domain: null,
        owner: { email: admin.email, name: 'Administrator', password: admin.password },
        ownerIsInstanceAdmin: true,
      },
      now,
    );
    return { created: true, workspaceId: workspace.id };
  });
}
