import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { slaReportDto, slaReportQuery } from '../../../contracts/sla.ts';
import { contextOf, dbOf } from '../../http/context.ts';
import { getSlaReport } from './sla-report.service.ts';

export async function slaReportRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/reports/sla',
    {
      config: { auth: 'supervisor' },
      schema: {
        tags: ['reports'],
        summary: 'SLA attainment, counts, medians and p90 of elapsed time and slack per metric, by period and group',
        querystring: slaReportQuery,
        response: { 200: slaReportDto },
      },
    },
    async (request) => getSlaReport(dbOf(request), contextOf(request), request.query),
  );
}
