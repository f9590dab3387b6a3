import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, page, pageQuery } from '../../../contracts/common.ts';
import { createSlaPolicyBody, reorderSlaPoliciesBody, slaPolicyDto, updateSlaPolicyBody } from '../../../contracts/sla-policies.ts';
import { contextOf, dbOf } from '../../http/context.ts';
import { withIdempotency } from '../../http/idempotency.ts';
import { createSlaPolicy, deleteSlaPolicy, getSlaPolicy, listSlaPolicies, reorderSlaPolicies, updateSlaPolicy } from './sla-policies.service.ts';

export async function slaPoliciesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['sla-policies'];

  app.get(
    '/sla-policies',
    {
      config: { auth: 'agent' },
      schema: { tags, summary: 'List SLA policies in evaluation order', querystring: z.object(pageQuery).strict(), response: { 200: page(slaPolicyDto) } },
    },
    async (request) => listSlaPolicies(dbOf(request), contextOf(request), request.query),
  );
  app.post(
    '/sla-policies',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Create an SLA policy (at the end of the list)', body: createSlaPolicyBody, response: { 201: slaPolicyDto } } },
    async (request, reply) => withIdempotency(request, reply, 201, () => createSlaPolicy(dbOf(request), contextOf(request), request.body, request.server.deps.jobs)),
  );
  app.post(
    '/sla-policies/reorder',
    {
      config: { auth: 'admin' },
      schema: { tags, summary: 'Set the evaluation order of all SLA policies', body: reorderSlaPoliciesBody, response: { 200: z.object({ data: z.array(slaPolicyDto) }) } },
    },
    async (request) => reorderSlaPolicies(dbOf(request), contextOf(request), request.body, request.server.deps.jobs),
  );
  app.get(
    '/sla-policies/:id',
    { config: { auth: 'agent' }, schema: { tags, summary: 'Get an SLA policy', params: idParams, response: { 200: slaPolicyDto } } },
    async (request) => getSlaPolicy(dbOf(request), contextOf(request), request.params.id),
  );
  app.patch(
    '/sla-policies/:id',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Change an SLA policy', params: idParams, body: updateSlaPolicyBody, response: { 200: slaPolicyDto } } },
    async (request) => updateSlaPolicy(dbOf(request), contextOf(request), request.params.id, request.body, request.server.deps.jobs),
  );
  app.delete(
    '/sla-policies/:id',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Delete an SLA policy', params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteSlaPolicy(dbOf(request), contextOf(request), request.params.id, request.server.deps.jobs);
      return reply.status(204).send(null);
    },
  );
}
