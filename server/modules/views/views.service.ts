import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { iso } from '../../../contracts/common.ts';
import { BUILT_IN_COUNTED_VIEWS, type createViewBody, type updateViewBody, type ViewCountsDto, type ViewDto, viewFilters, type ViewFilters } from '../../../contracts/views.ts';
import { conflict, forbidden, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { DB, SavedViewsTable } from '../../platform/schema.ts';
import { type Actor, hasRole, type RequestContext } from '../auth/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertReferences } from '../shared/references.repository.ts';
import { BUILT_IN_VIEWS, toTicketFilter } from './built-in-views.ts';
import * as repo from './views.repository.ts';

type ViewRow = Selectable<SavedViewsTable>;

/** Views per user (personal) and per workspace (shared): the view nav stays short and counting it stays cheap. */
export const MAX_PERSONAL_VIEWS = 30;
export const MAX_SHARED_VIEWS = 30;
/** Counts stop here; the UI shows "10,000+". */
export const COUNT_CAP = 10_000;

/** Shared views are workspace configuration: supervisors and above manage them. Personal ones only their owner. */
function canManage(actor: Actor, view: ViewRow): boolean {
  return view.shared ? hasRole(actor, 'supervisor') : view.owner_user_id === actor.userId;
}

function visible(actor: Actor, view: ViewRow): boolean {
  return view.shared || view.owner_user_id === actor.userId;
}

function toViewDto(actor: Actor, v: ViewRow): ViewDto {
  // Stored filters were checked on write; parse again so a row from an older shape cannot break the list.
  const filters = viewFilters.safeParse(v.filters);
  return {
    id: v.id,
    name: v.name,
    filters: filters.success ? filters.data : {},
    sort: v.sort,
    shared: v.shared,
    owner_user_id: v.owner_user_id,
    can_manage: canManage(actor, v),
    created_at: iso(v.created_at) as string,
    updated_at: iso(v.updated_at) as string,
  };
}

function requireUser(actor: Actor): string {
  if (!actor.userId) throw forbidden('Saved views belong to a user; an API key can only read shared views');
  return actor.userId;
}

async function checkFilterReferences(db: Kysely<DB>, workspaceId: string, f: ViewFilters) {
  const assignee = f.assignee_id === 'me' || f.assignee_id === 'none' ? undefined : f.assignee_id;
  await assertReferences(db, workspaceId, 'users', [assignee], 'filters.assignee_id');
  await assertReferences(db, workspaceId, 'teams', [f.team_id], 'filters.team_id');
  await assertReferences(db, workspaceId, 'branches', [f.branch_id], 'filters.branch_id');
  await assertReferences(db, workspaceId, 'tiers', [f.tier_id], 'filters.tier_id');
  await assertReferences(db, workspaceId, 'organizations', [f.organization_id], 'filters.organization_id');
}

async function checkNameAndRoom(db: Kysely<DB>, ctx: RequestContext, scope: { shared: boolean; ownerUserId: string }, name: string, exceptId?: string) {
  const same = await repo.findViewByName(db, ctx.workspaceId, scope, name);
  if (same && same.id !== exceptId) throw conflict(`A ${scope.shared ? 'shared' : 'personal'} view named “${name}” exists already`);
  if (exceptId) return;
  const max = scope.shared ? MAX_SHARED_VIEWS : MAX_PERSONAL_VIEWS;
  if ((await repo.countViews(db, ctx.workspaceId, scope)) >= max) {
    throw conflict(`At most ${max} ${scope.shared ? 'shared views per workspace' : 'personal views per user'}; delete one first`);
  }
}

export async function listViews(db: Kysely<DB>, ctx: RequestContext): Promise<{ data: ViewDto[] }> {
  const rows = await repo.listVisibleViews(db, ctx.workspaceId, ctx.actor.userId);
  return { data: rows.map((r) => toViewDto(ctx.actor, r)) };
}

export async function getView(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<ViewDto> {
  const row = await repo.findView(db, ctx.workspaceId, id);
  if (!row || !visible(ctx.actor, row)) throw notFound('View');
  return toViewDto(ctx.actor, row);
}

export async function createView(db: Kysely<DB>, ctx: RequestContext, input: z.output<typeof createViewBody>): Promise<ViewDto> {
  const userId = requireUser(ctx.actor);
  if (input.shared && !hasRole(ctx.actor, 'supervisor')) throw forbidden('Only supervisors and above can share a view with the workspace');
  return db.transaction().execute(async (trx) => {
    await checkFilterReferences(trx, ctx.workspaceId, input.filters);
    await checkNameAndRoom(trx, ctx, { shared: input.shared, ownerUserId: userId }, input.name);
    const row = await repo.insertView(trx, {
      id: newId(ctx.now.getTime()),
      workspace_id: ctx.workspaceId,
      owner_user_id: userId,
      shared: input.shared,
      name: input.name,
      filters: JSON.stringify(input.filters),
      sort: input.sort,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    if (row.shared) await recordAudit(trx, ctx, 'view.created', { type: 'view', id: row.id }, { name: row.name, filters: input.filters, sort: row.sort });
    return toViewDto(ctx.actor, row);
  });
}

export async function updateView(db: Kysely<DB>, ctx: RequestContext, id: string, input: z.output<typeof updateViewBody>): Promise<ViewDto> {
  return db.transaction().execute(async (trx) => {
    const row = await repo.findView(trx, ctx.workspaceId, id);
    if (!row || !visible(ctx.actor, row)) throw notFound('View');
    if (!canManage(ctx.actor, row)) throw forbidden('Only supervisors and above can change a shared view');
    const shared = input.shared ?? row.shared;
    // Sharing or unsharing changes what the workspace sees.
    if (shared !== row.shared && !hasRole(ctx.actor, 'supervisor')) throw forbidden('Only supervisors and above can share a view with the workspace');
    if (input.filters) await checkFilterReferences(trx, ctx.workspaceId, input.filters);
    const name = input.name ?? row.name;
    if (name.toLowerCase() !== row.name.toLowerCase() || shared !== row.shared) {
      // Moving between personal and shared: the other scope must have room and no such name.
      await checkNameAndRoom(trx, ctx, { shared, ownerUserId: row.owner_user_id }, name, shared === row.shared ? row.id : undefined);
    }
    const updated = await repo.updateView(trx, ctx.workspaceId, id, {
      name,
      shared,
      ...(input.filters ? { filters: JSON.stringify(input.filters) } : {}),
      ...(input.sort ? { sort: input.sort } : {}),
      updated_at: ctx.now,
    });
    if (row.shared || updated.shared) await recordAudit(trx, ctx, 'view.updated', { type: 'view', id }, { ...input });
    return toViewDto(ctx.actor, updated);
  });
}

export async function deleteView(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await repo.findView(trx, ctx.workspaceId, id);
    if (!row || !visible(ctx.actor, row)) throw notFound('View');
    if (!canManage(ctx.actor, row)) throw forbidden('Only supervisors and above can delete a shared view');
    await repo.deleteView(trx, ctx.workspaceId, id);
    if (row.shared) await recordAudit(trx, ctx, 'view.deleted', { type: 'view', id }, { name: row.name });
  });
}

/**
 * Ticket counts of the built-in views and of the caller's saved views: one bounded COUNT per
 * view (at most COUNT_CAP + 1 rows each), 6 + at most 60 queries. A view with a search term
 * (`q`) scans what its other filters leave (the trigram indexes serve the text match).
 */
export async function viewCounts(db: Kysely<DB>, ctx: RequestContext): Promise<ViewCountsDto> {
  const saved = await repo.listVisibleViews(db, ctx.workspaceId, ctx.actor.userId);
  const views: { view: string; filters: ViewFilters }[] = [
    ...BUILT_IN_COUNTED_VIEWS.map((view) => ({ view, filters: BUILT_IN_VIEWS[view] })),
    ...saved.map((v) => {
      const parsed = viewFilters.safeParse(v.filters);
      return { view: v.id, filters: parsed.success ? parsed.data : {} };
    }),
  ];
  const counts = await Promise.all(
    views.map(async ({ view, filters }) => {
      const n = await repo.countTicketsUpTo(db, ctx.workspaceId, toTicketFilter(filters, ctx.actor.userId, ctx.now), COUNT_CAP);
      return { view, count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
    }),
  );
  return { cap: COUNT_CAP, counts };
}
