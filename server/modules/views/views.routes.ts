import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../../../contracts/common.ts';
import { createViewBody, updateViewBody, viewCounts as viewCountsDto, viewDto, viewList } from '../../../contracts/views.ts';
import { contextOf, dbOf } from '../../http/context.ts';
import { withIdempotency } from '../../http/idempotency.ts';
import { createView, deleteView, getView, listViews, updateView, viewCounts } from './views.service.ts';

export async function viewsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['views'];

  app.get(
    '/views',
    {
      config: { auth: 'agent' },
      schema: {
        tags,
        summary: 'Saved inbox views: the caller’s personal views and the workspace’s shared ones',
        description: 'Not paginated: at most 30 personal views per user and 30 shared views per workspace. Shared first, then by name.',
        response: { 200: viewList },
      },
    },
    async (request) => listViews(dbOf(request), contextOf(request)),
  );
  app.get(
    '/views/counts',
    {
      config: { auth: 'agent' },
      schema: {
        tags,
        summary: 'Ticket counts of the built-in views and the caller’s saved views',
        description:
          'One bounded COUNT per view: each stops at `cap` + 1 tickets (10,000), `capped` says there are more. Built-in views: my_open, unassigned, all_open, pending, sla_soon, sla_breached.',
        response: { 200: viewCountsDto },
      },
    },
    async (request) => viewCounts(dbOf(request), contextOf(request)),
  );
  app.post(
    '/views',
    { config: { auth: 'agent' }, schema: { tags, summary: 'Save a view (personal; `shared` needs supervisor+)', body: createViewBody, response: { 201: viewDto } } },
    async (request, reply) => withIdempotency(request, reply, 201, () => createView(dbOf(request), contextOf(request), request.body)),
  );
  app.get(
    '/views/:id',
    { config: { auth: 'agent' }, schema: { tags, summary: 'Get a saved view', params: idParams, response: { 200: viewDto } } },
    async (request) => getView(dbOf(request), contextOf(request), request.params.id),
  );
  app.patch(
    '/views/:id',
    {
      config: { auth: 'agent' },
      schema: { tags, summary: 'Rename, change, share or unshare a view (shared views: supervisor+)', params: idParams, body: updateViewBody, response: { 200: viewDto } },
    },
    async (request) => updateView(dbOf(request), contextOf(request), request.params.id, request.body),
  );
  app.delete(
    '/views/:id',
    { config: { auth: 'agent' }, schema: { tags, summary: 'Delete a view (shared views: supervisor+)', params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteView(dbOf(request), contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
