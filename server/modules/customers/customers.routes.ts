import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, page, pageQuery } from '../../../contracts/common.ts';
import {
  createCustomerBody,
  customerDto,
  customerMergeResultDto,
  listCustomersQuery,
  mergeCustomerBody,
  timelineItemDto,
  timelineQuery,
  updateCustomerBody,
} from '../../../contracts/customers.ts';
import { contextOf, dbOf } from '../../http/context.ts';
import { withIdempotency } from '../../http/idempotency.ts';
import { assertNotMerged, mergeCustomers } from './customer-merge.service.ts';
import { customerTimeline } from './customer-timeline.service.ts';
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
    async (request) => {
      try {
        return await getCustomer(dbOf(request), contextOf(request), request.params.id);
      } catch (error) {
        // Not found: a merged customer's old id says where it went (404 customer_merged with merged_into).
        await assertNotMerged(dbOf(request), contextOf(request).workspaceId, request.params.id);
        throw error;
      }
    },
  );
  app.post(
    '/customers/:id/merge',
    {
      config: { auth: 'supervisor' },
      schema: {
        tags,
        summary: 'Merge another customer into this one',
        description: "Moves the source's tickets, identities, message authorship and every other reference here, deletes the source (its old id then answers 404 `customer_merged` with `merged_into`), audited.",
        params: idParams,
        body: mergeCustomerBody,
        response: { 200: customerMergeResultDto },
      },
    },
    async (request) => mergeCustomers(dbOf(request), contextOf(request), request.params.id, request.body.source_customer_id),
  );
  app.get(
    '/customers/:id/timeline',
    {
      config: { auth: 'agent' },
      schema: {
        tags,
        summary: "A customer's history across all channels",
        description: 'Messages of all their tickets (internal notes included) and ticket events of note (created, status changes, merges, failed deliveries), in time order.',
        params: idParams,
        querystring: z.object({ ...pageQuery, ...timelineQuery }).strict(),
        response: { 200: page(timelineItemDto) },
      },
    },
    async (request) => customerTimeline(dbOf(request), contextOf(request), request.params.id, request.query),
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
