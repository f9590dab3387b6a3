import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, page, pageQuery } from '../../../contracts/common.ts';
import { createUserBody, listUsersQuery, updateUserBody, userDto } from '../../../contracts/users.ts';
import { contextOf, dbOf } from '../../http/context.ts';
import { withIdempotency } from '../../http/idempotency.ts';
import { createUser, deactivateUser, getUser, listUsers, updateUser } from './users.service.ts';

export async function usersRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];

  app.get(
    '/users',
    {
      config: { auth: 'agent' },
      schema: { tags, summary: 'List agents', querystring: z.object({ ...pageQuery, ...listUsersQuery }).strict(), response: { 200: page(userDto) } },
    },
    async (request) => listUsers(dbOf(request), contextOf(request), request.query),
  );

  app.post(
    '/users',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Create an agent', body: createUserBody, response: { 201: userDto } } },
    async (request, reply) =>
      withIdempotency(request, reply, 201, () => createUser(dbOf(request), contextOf(request), request.body)),
  );

  app.get(
    '/users/:id',
    { config: { auth: 'agent' }, schema: { tags, summary: 'Get an agent', params: idParams, response: { 200: userDto } } },
    async (request) => getUser(dbOf(request), contextOf(request), request.params.id),
  );

  app.patch(
    '/users/:id',
    {
      config: { auth: 'agent' },
      schema: { tags, summary: 'Change an agent (admins; or yourself: name, password, locale, time zone, weekly report)', params: idParams, body: updateUserBody, response: { 200: userDto } },
    },
    async (request) => updateUser(dbOf(request), contextOf(request), request.params.id, request.body),
  );

  app.delete(
    '/users/:id',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Deactivate an agent', params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await deactivateUser(dbOf(request), contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
