import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, page, pageQuery } from '../../../contracts/common.ts';
import { createOrganizationBody, listOrganizationsQuery, organizationDto, updateOrganizationBody } from '../../../contracts/organizations.ts';
import { contextOf, dbOf } from '../../http/context.ts';
import { withIdempotency } from '../../http/idempotency.ts';
import { createOrganization, deleteOrganization, getOrganization, listOrganizations, updateOrganization } from './organizations.service.ts';

export async function organizationsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['organizations'];

  app.get(
    '/organizations',
    {
      config: { auth: 'agent' },
      schema: {
        tags,
        summary: 'List organizations',
        querystring: z.object({ ...pageQuery, ...listOrganizationsQuery }).strict(),
        response: { 200: page(organizationDto) },
      },
    },
    async (request) => listOrganizations(dbOf(request), contextOf(request), request.query),
  );
  app.post(
    '/organizations',
    { config: { auth: 'agent' }, schema: { tags, summary: 'Create an organization', body: createOrganizationBody, response: { 201: organizationDto } } },
    async (request, reply) => withIdempotency(request, reply, 201, () => createOrganization(dbOf(request), contextOf(request), request.body)),
  );
  app.get(
    '/organizations/:id',
    { config: { auth: 'agent' }, schema: { tags, summary: 'Get an organization', params: idParams, response: { 200: organizationDto } } },
    async (request) => getOrganization(dbOf(request), contextOf(request), request.params.id),
  );
  app.patch(
    '/organizations/:id',
    {
      config: { auth: 'agent' },
      schema: { tags, summary: 'Change an organization', params: idParams, body: updateOrganizationBody, response: { 200: organizationDto } },
    },
    async (request) => updateOrganization(dbOf(request), contextOf(request), request.params.id, request.body, request.server.deps.jobs),
  );
  app.delete(
    '/organizations/:id',
    {
      config: { auth: 'supervisor' },
      schema: { tags, summary: 'Delete an organization no customer or ticket belongs to', params: idParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await deleteOrganization(dbOf(request), contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
