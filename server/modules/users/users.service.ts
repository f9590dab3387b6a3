import type { Kysely, Updateable } from 'kysely';
import type { z } from 'zod';
import { iso } from '../../../contracts/common.ts';
import type { createUserBody, UserDto, updateUserBody } from '../../../contracts/users.ts';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors.ts';
import { decodeCursor, toPage } from '../../platform/cursor.ts';
import { newId } from '../../platform/ids.ts';
import type { DB, Role, User, UsersTable } from '../../platform/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { canGrantRole, hasRole, type RequestContext } from '../auth/actor.ts';
import { revokeUserSessions } from '../auth/auth.repository.ts';
import { hashPassword } from '../auth/password.ts';
import { assertReferences } from '../shared/references.repository.ts';
import * as repo from './users.repository.ts';

type CreateUserInput = z.output<typeof createUserBody>;
type UpdateUserInput = z.output<typeof updateUserBody>;

export function toUserDto(u: User, teamIds: string[]): UserDto {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    locale: u.locale,
    time_zone: u.time_zone,
    active: u.active,
    is_instance_admin: u.is_instance_admin,
    team_ids: teamIds,
    weekly_report: u.weekly_report,
    created_at: iso(u.created_at) as string,
    updated_at: iso(u.updated_at) as string,
  };
}

/** Inserts a user without permission checks: for bootstrap and workspace creation. */
export async function insertUserRecord(
  db: Kysely<DB>,
  workspaceId: string,
  input: { email: string; name: string; role: Role; password?: string | undefined; locale?: string; time_zone?: string | null; isInstanceAdmin?: boolean },
  now: Date,
): Promise<User> {
  if (await repo.findUserByEmail(db, workspaceId, input.email)) throw conflict('A user with this email already exists');
  return repo.insertUser(db, {
    id: newId(now.getTime()),
    workspace_id: workspaceId,
    email: input.email.toLowerCase(),
    name: input.name,
    role: input.role,
    password_hash: input.password ? await hashPassword(input.password) : null,
    locale: input.locale ?? 'en',
    time_zone: input.time_zone ?? null,
    is_instance_admin: input.isInstanceAdmin ?? false,
    created_at: now,
    updated_at: now,
  });
}

export async function createUser(db: Kysely<DB>, ctx: RequestContext, input: CreateUserInput): Promise<UserDto> {
  if (!canGrantRole(ctx.actor, input.role)) throw forbidden(`You cannot create a user with role ${input.role}`);
  return db.transaction().execute(async (trx) => {
    await assertReferences(trx, ctx.workspaceId, 'teams', input.team_ids, 'team_ids');
    const user = await insertUserRecord(trx, ctx.workspaceId, input, ctx.now);
    await repo.setUserTeams(trx, ctx.workspaceId, user.id, input.team_ids);
    await recordAudit(trx, ctx, 'user.created', { type: 'user', id: user.id }, { email: user.email, role: user.role, team_ids: input.team_ids });
    return toUserDto(user, input.team_ids);
  });
}

export async function getUser(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<UserDto> {
  const user = await repo.findUser(db, ctx.workspaceId, id);
  if (!user) throw notFound('User');
  const teams = await repo.teamIdsByUser(db, [id]);
  return toUserDto(user, teams.get(id) ?? []);
}

export async function listUsers(
  db: Kysely<DB>,
  ctx: RequestContext,
  query: { cursor?: string | undefined; limit: number; q?: string | undefined; role?: Role | undefined; active?: 'true' | 'false' | undefined },
) {
  const after = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
  const rows = await repo.listUsers(db, ctx.workspaceId, {
    after,
    limit: query.limit,
    q: query.q,
    role: query.role,
    active: query.active === undefined ? undefined : query.active === 'true',
  });
  const teams = await repo.teamIdsByUser(db, rows.map((r) => r.id));
  return toPage(rows, query.limit, (r) => [r.id], (r) => toUserDto(r, teams.get(r.id) ?? []));
}

const SELF_SERVICE_FIELDS = new Set(['name', 'password', 'locale', 'time_zone', 'weekly_report']);

/**
 * Admins change anyone (never above their own role); everybody may change
 * their own name, password, language, time zone and weekly report opt-out. The last active owner
 * cannot be demoted or deactivated: a workspace always has an owner.
 */
export async function updateUser(db: Kysely<DB>, ctx: RequestContext, id: string, input: UpdateUserInput): Promise<UserDto> {
  const isSelf = ctx.actor.userId === id;
  const isAdmin = hasRole(ctx.actor, 'admin');
  if (!isAdmin && !(isSelf && Object.keys(input).every((k) => SELF_SERVICE_FIELDS.has(k)))) throw forbidden();
  if (isSelf && input.active === false) throw new AppError('conflict', 'You cannot deactivate yourself');

  return db.transaction().execute(async (trx) => {
    const before = await repo.findUser(trx, ctx.workspaceId, id);
    if (!before) throw notFound('User');
    if (!canGrantRole(ctx.actor, before.role)) throw forbidden('You cannot change a user whose role is above yours');
    if (input.role && !canGrantRole(ctx.actor, input.role)) throw forbidden(`You cannot grant role ${input.role}`);
    const losesOwner = before.role === 'owner' && ((input.role && input.role !== 'owner') || input.active === false);
    if (losesOwner && (await repo.countActiveOwners(trx, ctx.workspaceId)) <= 1) {
      throw new AppError('conflict', 'A workspace needs at least one active owner');
    }
    if (input.email && input.email.toLowerCase() !== before.email) {
      if (await repo.findUserByEmail(trx, ctx.workspaceId, input.email)) throw conflict('A user with this email already exists');
    }
    if (input.team_ids) await assertReferences(trx, ctx.workspaceId, 'teams', input.team_ids, 'team_ids');

    const changes: Updateable<UsersTable> = { updated_at: ctx.now };
    if (input.email !== undefined) changes.email = input.email.toLowerCase();
    if (input.name !== undefined) changes.name = input.name;
    if (input.role !== undefined) changes.role = input.role;
    if (input.locale !== undefined) changes.locale = input.locale;
    if (input.time_zone !== undefined) changes.time_zone = input.time_zone;
    if (input.active !== undefined) changes.active = input.active;
    if (input.weekly_report !== undefined) changes.weekly_report = input.weekly_report;
    if (input.password !== undefined) changes.password_hash = await hashPassword(input.password);
    const user = await repo.updateUser(trx, ctx.workspaceId, id, changes);
    if (!user) throw notFound('User');
    if (input.team_ids) await repo.setUserTeams(trx, ctx.workspaceId, id, input.team_ids);
    // A new password or a deactivation ends every open session of that user;
    // changing your own password keeps the session you changed it from.
    if (input.active === false) await revokeUserSessions(trx, id, ctx.now);
    else if (input.password !== undefined) await revokeUserSessions(trx, id, ctx.now, isSelf ? ctx.actor.sessionId : null);
    await recordAudit(trx, ctx, 'user.updated', { type: 'user', id }, { ...input });
    const teams = await repo.teamIdsByUser(trx, [id]);
    return toUserDto(user, teams.get(id) ?? []);
  });
}

/** Users are deactivated, not deleted: their tickets and messages keep their author. */
export async function deactivateUser(db: Kysely<DB>, ctx: RequestContext, id: string): Promise<void> {
  await updateUser(db, ctx, id, { active: false });
}
