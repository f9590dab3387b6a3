import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, page, pageQuery } from '../../../contracts/common.ts';
import {
  createMessageBody,
  createTicketBody,
  eventDto,
  listTicketsQuery,
  messageDto,
  ticketDto,
  ticketPage,
  updateTicketBody,
} from '../../../contracts/tickets.ts';
import { contextOf, dbOf } from '../../http/context.ts';
import { withIdempotency } from '../../http/idempotency.ts';
import { addMessage, createTicket, getTicket, listTicketEvents, listTicketMessages, listTickets, updateTicket } from './tickets.service.ts';

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
    async (request, reply) => withIdempotency(request, reply, 201, () => createTicket(dbOf(request), contextOf(request), request.body)),
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
    async (request, reply) =>
      withIdempotency(request, reply, 201, () => addMessage(dbOf(request), contextOf(request), request.params.id, request.body)),
  );
  app.get(
    '/tickets/:id/events',
    {
      config: { auth: 'agent' },
      schema: { tags, summary: 'The ticket’s append-only history of facts', params: idParams, querystring: z.object(pageQuery).strict(), response: { 200: page(eventDto) } },
    },
    async (request) => listTicketEvents(dbOf(request), contextOf(request), request.params.id, request.query),
  );
}
