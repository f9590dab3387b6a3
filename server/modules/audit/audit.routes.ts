import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditEntryDto, listAuditQuery } from '../../../contracts/audit.ts';
import { page, pageQuery } from '../../../contracts/common.ts';
import { contextOf, dbOf } from '../../http/context.ts';
import { listAudit } from './audit.service.ts';

export async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/audit-log',
    {
      config: { auth: 'admin' },
      schema: {
        tags: ['audit'],
        summary: 'Admin changes, newest first',
        querystring: z.object({ ...pageQuery, ...listAuditQuery }).strict(),
        response: { 200: page(auditEntryDto) },
      },
    },
    async (request) => listAudit(dbOf(request), contextOf(request), request.query),
  );
}
