import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { page, pageQuery, timestamp } from '../../../contracts/common.ts';
import { contextOf, dbOf } from '../../http/context.ts';
import { listAudit } from './audit.service.ts';

const auditEntry = z.object({
  id: z.uuid(),
  actor_type: z.string(),
  actor_id: z.uuid().nullable(),
  action: z.string(),
  entity_type: z.string(),
  entity_id: z.uuid().nullable(),
  changes: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
  occurred_at: timestamp,
});

export async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/audit-log',
    {
      config: { auth: 'admin' },
      schema: {
        tags: ['audit'],
        summary: 'Admin changes, newest first',
        querystring: z.object({ ...pageQuery, entity_type: z.string().max(50).optional(), entity_id: z.uuid().optional() }).strict(),
        response: { 200: page(auditEntry) },
      },
    },
    async (request) => listAudit(dbOf(request), contextOf(request), request.query),
  );
}
