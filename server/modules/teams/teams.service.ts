import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { iso } from '../../../contracts/common.ts';
import type { createTeamBody, TeamDto, updateTeamBody } from '../../../contracts/teams.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage } from '../../platform/cursor.ts';
import { newId } from '../../platform/ids.ts';
import type { DB, TeamsTable } from '../../platform/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { RequestContext } from '../auth/actor.ts';
import { assertNoPolicyReferences } from '../sla-policies/sla-policies.service.ts';
import { assertReferences } from '../shared/references.repository.ts';
import * as repo from './teams.repository.ts';

export function toTeamDto(t: Selectable<TeamsTable>): TeamDto {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    calendar_id: t.calendar_id,
    lead_user_id: t.lead_user_id,
    created_at: iso(t.created_at) as string,
    updated_at: iso(t.updated_at) as string,
  };
}

/**
 * A team lead must be an active user of the workspace: the weekly report goes to them. A user of
 * another workspace reads like one that does not exist. (A lead deactivated later stays set and
 * simply gets no report.)
 */
async function assertLead(db: Kysely<DB>, workspaceId: string, userId: string | null | undefined): Promise<void> {
  if (!userId) return;
  const user = await repo.findUser(db, workspaceId, userId);
  if (user?.active) return;
  throw new AppError('invalid_reference', 'lead_user_id must be an active user of this workspace', {
    issues: [{ path: 'body.lead_user_id', message: user ? 'this user is deactivated' : `unknown user ${userId}` }],
  });
}

export async function createTeam(db: Kysely<DB>, ctx: RequestContext, input: z.output<typeof createTeamBody>): Promise<TeamDto> {
  return db.transaction().execute(async (trx) => {
    if (await repo.findTeamByName(trx, ctx.workspaceId, input.name)) throw conflict('A team with this name already exists');
    await assertReferences(trx, ctx.workspaceId, 'calendars', [input.calendar_id], 'calendar_id');
    await assertLead(trx, ctx.workspaceId, input.lead_user_id);
    const team = await repo.insertTeam(trx, {
      id: newId(ctx.now.getTime()),
      workspace_id: ctx.workspaceId,
      name: input.name,
      description: input.description ?? null,
      calendar_id: input.calendar_id ?? null,
      lead_user_id: input.lead_user_id ?? null,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    await recordAudit(trx, ctx, 'team.created', { type: 'team', id: team.id }, input);
    return toTeamDto(team);
  });
}

export async function getTeam(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<TeamDto> {
  const team = await repo.findTeam(db, ctx.workspaceId, id);
  if (!team) throw notFound('Team');
  return toTeamDto(team);
}

export async function listTeams(db: Kysely<DB>, ctx: RequestContext, query: { cursor?: string | undefined; limit: number }) {
  const after = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
  const rows = await repo.listTeams(db, ctx.workspaceId, after, query.limit);
  return toPage(rows, query.limit, (r) => [r.id], toTeamDto);
}

export async function updateTeam(db: Kysely<DB>, ctx: RequestContext, id: string, input: z.output<typeof updateTeamBody>): Promise<TeamDto> {
  return db.transaction().execute(async (trx) => {
    if (input.name) {
      const same = await repo.findTeamByName(trx, ctx.workspaceId, input.name);
      if (same && same.id !== id) throw conflict('A team with this name already exists');
    }
    await assertReferences(trx, ctx.workspaceId, 'calendars', [input.calendar_id], 'calendar_id');
    await assertLead(trx, ctx.workspaceId, input.lead_user_id);
    const team = await repo.updateTeam(trx, ctx.workspaceId, id, { ...input, updated_at: ctx.now });
    if (!team) throw notFound('Team');
    await recordAudit(trx, ctx, 'team.updated', { type: 'team', id }, input);
    return toTeamDto(team);
  });
}

/** A team that tickets still point at cannot be deleted: move the tickets first. */
export async function deleteTeam(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await repo.findTeam(trx, ctx.workspaceId, id))) throw notFound('Team');
    if (await repo.isTeamInUse(trx, ctx.workspaceId, id)) throw conflict('Tickets still belong to this team');
    await assertNoPolicyReferences(trx, ctx.workspaceId, 'teams', id);
    await repo.deleteTeam(trx, ctx.workspaceId, id);
    await recordAudit(trx, ctx, 'team.deleted', { type: 'team', id });
  });
}
