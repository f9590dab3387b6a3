import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, page, pageQuery } from '../../../contracts/common.ts';
import {
  bulkResultDto,
  bulkUpdateBody,
  createMessageBody,
  createTicketBody,
  eventDto,
  listTicketsQuery,
  mergeResultDto,
  mergeTicketsBody,
  messageDto,
  ticketDto,
  ticketPage,
  updateTicketBody,
} from '../../../contracts/tickets.ts';
import { contextOf, dbOf } from '../../http/context.ts';
import { withIdempotency } from '../../http/idempotency.ts';
import { addMessage, createTicket, getTicket, listTicketEvents, listTicketMessages, listTickets, updateTicket } from './tickets.service.ts';
import { downloadAttachment } from './message-attachments.service.ts';
import { assertStoredAttachments } from './attachment-upload.service.ts';
import { bulkUpdateTickets } from './ticket-bulk.service.ts';
import { mergeTickets } from './ticket-merge.service.ts';

export async function ticketsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['tickets'];

  app.get(
    '/tickets',
    { config: { auth: 'agent' }, schema: { tags, summary: 'List and search tickets (newest activity first)', querystring: listTicketsQuery, response: { 200: ticketPage } } },
    async (request) => listTickets(dbOf(request), contextOf(request), request.query),
  );
  app.post(
    '/tickets',
    {
      config: { auth: 'agent' },
      schema: { tags, summary: 'Create a ticket with its first message (creates the customer if new)', body: createTicketBody, response: { 201: ticketDto } },
    },
    async (request, reply) => {
      await assertStoredAttachments(request.server.deps.config, contextOf(request).workspaceId, request.body.message.attachments, 'body.message.attachments');
      return withIdempotency(request, reply, 201, () => createTicket(dbOf(request), contextOf(request), request.body, request.server.deps.jobs));
    },
  );
  app.post(
    '/tickets/bulk',
    {
      config: { auth: 'agent' },
      schema: {
        tags,
        summary: 'Change up to 100 tickets at once (status, priority, assignee, team, add/remove tags)',
        description:
          'Each ticket changes in its own transaction through the same path as PATCH; the answer lists the outcome per ticket (updated, unchanged, failed with the error). An unknown assignee or team fails the whole request (422).',
        body: bulkUpdateBody,
        response: { 200: bulkResultDto },
      },
    },
    async (request) => bulkUpdateTickets(dbOf(request), contextOf(request), request.body),
  );
  app.post(
    '/tickets/:id/merge',
    {
      config: { auth: 'agent' },
      schema: {
        tags,
        summary: 'Merge tickets into this one',
        description:
          'One transaction: each source gets a note and a `merged` event {into} and is closed (its SLA clocks are cancelled); this ticket gets each source’s conversation as an internal note and a `merged_in` event {from}. Closed tickets cannot be merged. Tickets of another customer are merged and listed in `warnings`.',
        params: idParams,
        body: mergeTicketsBody,
        response: { 200: mergeResultDto },
      },
    },
    async (request, reply) =>
      withIdempotency(request, reply, 200, () => mergeTickets(dbOf(request), contextOf(request), request.params.id, request.body.source_ticket_ids)),
  );
  app.get(
    '/tickets/:id',
    { config: { auth: 'agent' }, schema: { tags, summary: 'Get a ticket', params: idParams, response: { 200: ticketDto } } },
    async (request) => getTicket(dbOf(request), contextOf(request), request.params.id),
  );
  app.patch(
    '/tickets/:id',
    { config: { auth: 'agent' }, schema: { tags, summary: 'Change status, priority, assignment, tags, fields', params: idParams, body: updateTicketBody, response: { 200: ticketDto } } },
    async (request) => updateTicket(dbOf(request), contextOf(request), request.params.id, request.body),
  );
  app.get(
    '/tickets/:id/messages',
    {
      config: { auth: 'agent' },
      schema: { tags, summary: 'The conversation, oldest first', params: idParams, querystring: z.object(pageQuery).strict(), response: { 200: page(messageDto) } },
    },
    async (request) => listTicketMessages(dbOf(request), contextOf(request), request.params.id, request.query),
  );
  app.post(
    '/tickets/:id/messages',
    {
      config: { auth: 'agent' },
      schema: { tags, summary: 'Add a public reply, an internal note or a customer message', params: idParams, body: createMessageBody, response: { 201: messageDto } },
    },
    async (request, reply) => {
      // Uploaded files must be this workspace's and really stored (POST /uploads).
      await assertStoredAttachments(request.server.deps.config, contextOf(request).workspaceId, request.body.attachments, 'body.attachments');
      return withIdempotency(request, reply, 201, () => addMessage(dbOf(request), contextOf(request), request.params.id, request.body, request.server.deps.jobs));
    },
  );
  app.get(
    '/tickets/:id/events',
    {
      config: { auth: 'agent' },
      schema: { tags, summary: 'The ticket’s append-only history of facts', params: idParams, querystring: z.object(pageQuery).strict(), response: { 200: page(eventDto) } },
    },
    async (request) => listTicketEvents(dbOf(request), contextOf(request), request.params.id, request.query),
  );
  app.get(
    '/tickets/:id/messages/:messageId/attachments/:index',
    {
      config: { auth: 'agent' },
      schema: {
        tags,
        summary: 'Download one attachment of a message (its place in the message’s `attachments`)',
        description:
          'Images, PDF and plain text are shown inline; every other type (HTML and SVG included) is sent as `application/octet-stream` to download, with `nosniff`.',
        params: z.object({ id: z.uuid(), messageId: z.uuid(), index: z.coerce.number().int().min(0).max(999) }).strict(),
      },
    },
    async (request, reply) => {
      const { id, messageId, index } = request.params;
      const file = await downloadAttachment(dbOf(request), contextOf(request), request.server.deps.config, id, messageId, index);
      const name = encodeURIComponent(file.filename);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `${file.inline ? 'inline' : 'attachment'}; filename*=UTF-8''${name}`)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, max-age=3600')
        .send(file.content);
    },
  );
}
