import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, page, pageQuery } from '../../../contracts/common.ts';
import { createCustomerBody, customerDto, listCustomersQuery, updateCustomerBody } from '../../../contracts/customers.ts';
import { contextOf, dbOf } from '../../http/context.ts';
import { withIdempotency } from '../../http/idempotency.ts';
import { createCustomer, deleteCustomer, getCustomer, listCustomers, updateCustomer } from './customers.service.ts';

export async function customersRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['customers'];

  app.get(
    '/customers',
    {
      config: { auth: 'agent' },
      schema: { tags, summary: 'List customers', querystring: z.object({ ...pageQuery, ...listCustomersQuery }).strict(), response: { 200: page(customerDto) } },
    },
    async (request) => listCustomers(dbOf(request), contextOf(request), request.query),
  );
  app.post(
    '/customers',
    { config: { auth: 'agent' }, schema: { tags, summary: 'Create a customer', body: createCustomerBody, response: { 201: customerDto } } },
    async (request, reply) => withIdempotency(request, reply, 201, () => createCustomer(dbOf(request), contextOf(request), request.body)),
  );
  app.get(
    '/customers/:id',
    { config: { auth: 'agent' }, schema: { tags, summary: 'Get a customer', params: idParams, response: { 200: customerDto } } },
    async (request) => getCustomer(dbOf(request), contextOf(request), request.params.id),
  );
  app.patch(
    '/customers/:id',
    { config: { auth: 'agent' }, schema: { tags, summary: 'Change a customer', params: idParams, body: updateCustomerBody, response: { 200: customerDto } } },
    async (request) => updateCustomer(dbOf(request), contextOf(request), request.params.id, request.body),
  );
  app.delete(
    '/customers/:id',
    { config: { auth: 'supervisor' }, schema: { tags, summary: 'Delete a customer without tickets', params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteCustomer(dbOf(request), contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
