import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loginBody, sessionInfo } from '../../../contracts/session.ts';
import { SESSION_COOKIE } from '../../http/auth.ts';
import { contextOf } from '../../http/context.ts';
import { login, logout } from './auth.service.ts';

export async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/session',
    {
      config: { auth: 'public' },
      schema: { tags: ['session'], summary: 'Sign in (sets the session cookie)', body: loginBody, response: { 200: sessionInfo } },
    },
    async (request, reply) => {
      const { database, clock, config } = request.server.deps;
      const result = await login(database.db, config, request.body, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null }, clock.now());
      reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.secureCookies,
        expires: result.expiresAt,
      });
      return {
        user_id: result.userId,
        workspace_id: result.workspaceId,
        role: result.role,
        is_instance_admin: result.isInstanceAdmin,
        expires_at: result.expiresAt.toISOString(),
      };
    },
  );

  app.get(
    '/session',
    { config: { auth: 'agent' }, schema: { tags: ['session'], summary: 'Who am I', response: { 200: sessionInfo } } },
    async (request) => {
      const { actor } = contextOf(request);
      return {
        user_id: actor.userId ?? actor.id,
        workspace_id: actor.workspaceId,
        role: actor.role,
        is_instance_admin: actor.isInstanceAdmin,
        expires_at: null,
      };
    },
  );

  app.delete(
    '/session',
    { config: { auth: 'agent' }, schema: { tags: ['session'], summary: 'Sign out (revokes the session)', response: { 204: z.null() } } },
    async (request, reply) => {
      const ctx = contextOf(request);
      await logout(request.server.deps.database.db, ctx.actor, ctx.now);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );
}
