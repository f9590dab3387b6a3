import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../../../contracts/common.ts';
import { presenceBody, presenceLeaveQuery, ticketPresenceDto } from '../../../contracts/presence.ts';
import { contextOf, dbOf } from '../../http/context.ts';
import { presenceHubOf } from './presence-hub.ts';
import { getPresence, heartbeat, leave } from './presence.service.ts';

export async function presenceRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const hub = presenceHubOf(app.deps);
  app.addHook('onReady', async () => hub.start());
  app.addHook('onClose', async () => hub.stop());
  const tags = ['presence'];

  app.put(
    '/tickets/:id/presence',
    {
      config: { auth: 'agent' },
      schema: {
        tags,
        summary: 'Heartbeat: this tab has the ticket open (viewing or replying)',
        description: 'Send every 15 s while the ticket is open; without one for `ttl_seconds` the tab counts as gone. Changes reach other agents on GET /events as `event: presence`.',
        params: idParams,
        body: presenceBody,
        response: { 200: ticketPresenceDto },
      },
    },
    async (request) => heartbeat(dbOf(request), hub, contextOf(request), request.params.id, request.body),
  );
  app.delete(
    '/tickets/:id/presence',
    {
      config: { auth: 'agent' },
      schema: { tags, summary: 'This tab left the ticket', params: idParams, querystring: presenceLeaveQuery, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await leave(dbOf(request), hub, contextOf(request), request.params.id, request.query.client_id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/tickets/:id/presence',
    { config: { auth: 'agent' }, schema: { tags, summary: 'Who has the ticket open now', params: idParams, response: { 200: ticketPresenceDto } } },
    async (request) => getPresence(dbOf(request), hub, contextOf(request), request.params.id),
  );
}
