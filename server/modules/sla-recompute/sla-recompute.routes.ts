import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, page, pageQuery } from '../../../contracts/common.ts';
import { createSlaRecomputeBody, slaRecomputeDto } from '../../../contracts/sla-recomputes.ts';
import { contextOf, dbOf } from '../../http/context.ts';
import { withIdempotency } from '../../http/idempotency.ts';
import { getSlaRecompute, listSlaRecomputes, requestSlaRecompute } from './sla-recompute.service.ts';

export async function slaRecomputeRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['sla'];

  app.post(
    '/sla/recomputes',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Recompute SLA clocks in the background',
        description:
          'Queues the sla.recompute job (also queued by every SLA policy change and by changes to calendars policies use). ' +
          'By default tickets not closed are recomputed under today’s policies and their fulfilled clocks keep the outcome they had; ' +
          '`historical: true` recomputes every ticket wholly from history. A recompute still queued is reused (202 with it).',
        body: createSlaRecomputeBody.nullish(),
        response: { 202: slaRecomputeDto },
      },
    },
    async (request, reply) =>
      withIdempotency(request, reply, 202, () => requestSlaRecompute(dbOf(request), contextOf(request), request.body ?? {}, request.server.deps.jobs)),
  );
  app.get(
    '/sla/recomputes',
    {
      config: { auth: 'admin' },
      schema: { tags, summary: 'List SLA recomputes, newest first, with their progress', querystring: z.object(pageQuery).strict(), response: { 200: page(slaRecomputeDto) } },
    },
    async (request) => listSlaRecomputes(dbOf(request), contextOf(request), request.query),
  );
  app.get(
    '/sla/recomputes/:id',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Get an SLA recompute and its progress', params: idParams, response: { 200: slaRecomputeDto } } },
    async (request) => getSlaRecompute(dbOf(request), contextOf(request), request.params.id),
  );
}
