import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { RequestContext, RoleRequirement } from '../modules/auth/actor.ts';
import type { Actor } from '../modules/auth/actor.ts';
import type { Clock } from '../platform/clock.ts';
import type { Database } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import type { DB } from '../platform/schema.ts';
import type { EventBus } from '../platform/realtime.ts';
import type { JobQueue } from '../jobs/queue.ts';

/** Everything the HTTP layer hands to services; built once in main.ts. */
export interface AppDeps {
  database: Database;
  config: Config;
  clock: Clock;
  events: EventBus;
  jobs: JobQueue;
}

/** Who may call a route: nobody signed in, any agent, a minimum role, or the instance admin. */
export type RouteAuth = 'public' | RoleRequirement;

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    deps: AppDeps;
  }
}

export function dbOf(request: FastifyRequest): Kysely<DB> {
  return request.server.deps.database.db;
}

/** The request context for a signed-in route; throws if the route forgot its auth. */
export function contextOf(request: FastifyRequest): RequestContext {
  const actor = request.actor;
  if (!actor) throw new AppError('unauthenticated', 'Sign in or pass an API key');
  return { actor, workspaceId: actor.workspaceId, now: request.server.deps.clock.now(), ip: request.ip };
}
