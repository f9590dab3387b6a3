import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, page, pageQuery } from '../../../contracts/common.ts';
import { createTierBody, tierDto, tierRecomputeDto, updateTierBody } from '../../../contracts/tiers.ts';
import { contextOf, dbOf } from '../../http/context.ts';
import { withIdempotency } from '../../http/idempotency.ts';
import { requestTierRecompute } from './tier-assignment.service.ts';
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
    async (request, reply) => withIdempotency(request, reply, 201, () => createTier(dbOf(request), contextOf(request), request.body, request.server.deps.jobs)),
  );
  app.post(
    '/tiers/recompute',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: "Re-tier every customer by the tiers' rules, in the background",
        description:
          'Queues the tiers.recompute job (also queued by any change to tier rules). Customers whose tier was set by hand keep it; ' +
          'tickets keep the tier they were filed under, new tickets use the new tier.',
        response: { 202: tierRecomputeDto },
      },
    },
    async (request, reply) => reply.status(202).send(await requestTierRecompute(dbOf(request), contextOf(request), request.server.deps.jobs)),
  );
  app.get(
    '/tiers/:id',
    { config: { auth: 'agent' }, schema: { tags, summary: 'Get a tier', params: idParams, response: { 200: tierDto } } },
    async (request) => getTier(dbOf(request), contextOf(request), request.params.id),
  );
  app.patch(
    '/tiers/:id',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Change a tier', params: idParams, body: updateTierBody, response: { 200: tierDto } } },
    async (request) => updateTier(dbOf(request), contextOf(request), request.params.id, request.body, request.server.deps.jobs),
  );
  app.delete(
    '/tiers/:id',
    {
      config: { auth: 'admin' },
      schema: { tags, summary: 'Delete a tier no customer, organization or ticket carries', params: idParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await deleteTier(dbOf(request), contextOf(request), request.params.id, request.server.deps.jobs);
      return reply.status(204).send(null);
    },
  );
}
