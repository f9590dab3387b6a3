import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiKeyDto, createApiKeyBody, createdApiKeyDto } from '../../../contracts/api-keys.ts';
import { idParams, page, pageQuery } from '../../../contracts/common.ts';
import { contextOf, dbOf } from '../../http/context.ts';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.service.ts';

export async function apiKeysRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['api-keys'];

  app.get(
    '/api-keys',
    { config: { auth: 'admin' }, schema: { tags, summary: 'List API keys (never the keys themselves)', querystring: z.object(pageQuery).strict(), response: { 200: page(apiKeyDto) } } },
    async (request) => listApiKeys(dbOf(request), contextOf(request), request.query),
  );
  // No Idempotency-Key support here on purpose: replaying the response would
  // mean storing the secret key in clear in the idempotency table.
  app.post(
    '/api-keys',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Create an API key; the key is shown only in this response', body: createApiKeyBody, response: { 201: createdApiKeyDto } } },
    async (request, reply) => {
      const created = await createApiKey(dbOf(request), contextOf(request), request.body);
      return reply.status(201).send(created);
    },
  );
  app.delete(
    '/api-keys/:id',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Revoke an API key', params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await revokeApiKey(dbOf(request), contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
