import type { Role } from '../../platform/schema.ts';
import { forbidden } from '../../platform/errors.ts';

/** Who is acting: a signed-in agent or an API key, always inside one workspace. */
export interface Actor {
  kind: 'user' | 'api_key';
  /** The user id, or the API key id. */
  id: string;
  userId: string | null;
  workspaceId: string;
  role: Role;
  isInstanceAdmin: boolean;
  sessionId: string | null;
}

/** What a use case needs to know about the request: who, where and when. */
export interface RequestContext {
  actor: Actor;
  workspaceId: string;
  now: Date;
  ip?: string | null;
}

export type RoleRequirement = Role | 'instance_admin';

const rank: Record<Role, number> = { agent: 1, supervisor: 2, admin: 3, owner: 4 };

export function hasRole(actor: Pick<Actor, 'role' | 'isInstanceAdmin'>, required: RoleRequirement): boolean {
  if (required === 'instance_admin') return actor.isInstanceAdmin;
  return rank[actor.role] >= rank[required];
}

export function requireRole(actor: Actor, required: RoleRequirement): void {
  if (!hasRole(actor, required)) throw forbidden();
}

/** An actor may hand out (to a user or an API key) at most its own role. */
export function canGrantRole(actor: Actor, role: Role): boolean {
  return rank[actor.role] >= rank[role];
}

/** The audit/event actor columns for this actor. */
export function actorRef(actor: Actor): { actor_type: 'user' | 'api_key'; actor_id: string } {
  return { actor_type: actor.kind, actor_id: actor.id };
}
