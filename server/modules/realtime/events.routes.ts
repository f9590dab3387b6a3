import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf, dbOf } from '../../http/context.ts';
import { AppError } from '../../platform/errors.ts';
import { EventStream } from './event-stream.ts';
import { presenceHubOf } from '../presence/presence-hub.ts';

const eventsQuery = z
  .object({
    last_event_id: z.string().regex(/^\d{1,15}$/).optional().describe('Replay events after this seq (like the Last-Event-ID header)'),
  })
  .strict();

/** The header wins: EventSource sends it on every reconnect, while the URL keeps its first value. */
function lastEventIdOf(header: string | string[] | undefined, query: string | undefined): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (value !== undefined && value !== '') {
    if (!/^\d{1,15}$/.test(value)) {
      throw new AppError('validation_failed', 'Last-Event-ID must be an event seq', {
        issues: [{ path: 'headers.last-event-id', message: 'a non-negative integer' }],
      });
    }
    return Number(value);
  }
  return query === undefined ? null : Number(query);
}

export async function eventsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const streams = new Set<EventStream>();

  // Open streams never finish on their own: end them when the server closes,
  // or a graceful shutdown would wait for every browser tab to go away.
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.close();
  });

  app.get(
    '/events',
    {
      config: { auth: 'agent' },
      schema: {
        tags: ['realtime'],
        summary: "Stream the workspace's ticket events (server-sent events)",
        description:
          'text/event-stream. Each event has `id:` = seq, `event:` = type and `data:` = the JSON notice. ' +
          'A comment line every 25 s keeps the connection open. On reconnect the stored events after ' +
          'Last-Event-ID (header, or `last_event_id`) are replayed first, at most 1000 per connection. ' +
          'Changes of ticket presence come as `event: presence` without an id (data: {ticket_id, agents}); they are never replayed.',
        querystring: eventsQuery,
        produces: ['text/event-stream'],
        response: { 200: z.string().describe('text/event-stream') },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const lastEventId = lastEventIdOf(request.headers['last-event-id'], request.query.last_event_id);
      const stream = new EventStream(reply.raw);
      streams.add(stream);
      reply.raw.on('close', () => {
        stream.close();
        streams.delete(stream);
      });
      try {
        await stream.prepare(dbOf(request), request.server.deps.events, ctx.workspaceId, lastEventId);
      } catch (error) {
        streams.delete(stream);
        throw error;
      }
      // Ticket presence (who is viewing/replying) rides on the same stream as unnumbered events.
      stream.onClose(presenceHubOf(request.server.deps).subscribe(ctx.workspaceId, (change) => stream.signal('presence', change)));
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        // Reverse proxies (nginx) would otherwise buffer the stream.
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      stream.start();
    },
  );
}
