import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams } from '../../../../contracts/common.ts';
import { loggedContactDto, logCallBody, logVisitBody, newCallBody, newVisitBody } from '../../../../contracts/phone.ts';
import { contextOf, dbOf } from '../../../http/context.ts';
import { withIdempotency } from '../../../http/idempotency.ts';
import { logContactAsNewTicket, logContactOnTicket } from './phone.service.ts';

/** Agents log phone calls and visits: on an existing ticket, or opening a new one. */
export async function phoneRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['calls and visits'];
  const response = { 201: loggedContactDto };

  app.post(
    '/tickets/:id/calls',
    { config: { auth: 'agent' }, schema: { tags, summary: 'Log a phone call on a ticket', params: idParams, body: logCallBody, response } },
    async (request, reply) =>
      withIdempotency(request, reply, 201, () => logContactOnTicket(dbOf(request), contextOf(request), 'call', request.params.id, request.body)),
  );
  app.post(
    '/tickets/:id/visits',
    { config: { auth: 'agent' }, schema: { tags, summary: 'Log an in-person visit on a ticket', params: idParams, body: logVisitBody, response } },
    async (request, reply) =>
      withIdempotency(request, reply, 201, () => logContactOnTicket(dbOf(request), contextOf(request), 'visit', request.params.id, request.body)),
  );
  app.post(
    '/calls',
    { config: { auth: 'agent' }, schema: { tags, summary: 'Log a phone call as a new ticket', body: newCallBody, response } },
    async (request, reply) => withIdempotency(request, reply, 201, () => logContactAsNewTicket(dbOf(request), contextOf(request), 'call', request.body)),
  );
  app.post(
    '/visits',
    { config: { auth: 'agent' }, schema: { tags, summary: 'Log an in-person visit as a new ticket', body: newVisitBody, response } },
    async (request, reply) => withIdempotency(request, reply, 201, () => logContactAsNewTicket(dbOf(request), contextOf(request), 'visit', request.body)),
  );
}
