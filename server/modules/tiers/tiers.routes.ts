import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, page, pageQuery } from '../../../contracts/common.ts';
import { createTierBody, tierDto, updateTierBody } from '../../../contracts/tiers.ts';
import { contextOf, dbOf } from '../../http/context.ts';
import { withIdempotency } from '../../http/idempotency.ts';
import { createTier, deleteTier, getTier, listTiers, updateTier } from './tiers.service.ts';

export async function tiersRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['tiers'];

  app.get(
    '/tiers',
    {
      config: { auth: 'agent' },
      schema: { tags, summary: 'List customer tiers, most valuable first', querystring: z.object(pageQuery).strict(), response: { 200: page(tierDto) } },
    },
    async (request) => listTiers(dbOf(request), contextOf(request), request.query),
  );
  app.post(
    '/tiers',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Create a tier', body: createTierBody, response: { 201: tierDto } } },
    async (request, reply) => withIdempotency(request, reply, 201, () => createTier(dbOf(request), contextOf(request), request.body)),
  );
  app.get(
    '/tiers/:id',
    { config: { auth: 'agent' }, schema: { tags, summary: 'Get a tier', params: idParams, response: { 200: tierDto } } },
    async (request) => getTier(dbOf(request), contextOf(request), request.params.id),
  );
  app.patch(
    '/tiers/:id',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Change a tier', params: idParams, body: updateTierBody, response: { 200: tierDto } } },
    async (request) => updateTier(dbOf(request), contextOf(request), request.params.id, request.body),
  );
  app.delete(
    '/tiers/:id',
    {
      config: { auth: 'admin' },
      schema: { tags, summary: 'Delete a tier no customer, organization or ticket carries', params: idParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await deleteTier(dbOf(request), contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
