import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ticketAnalyticsDto, ticketAnalyticsQuery } from '../../../contracts/analytics.ts';
import { contextOf, dbOf } from '../../http/context.ts';
import { getTicketAnalytics } from './analytics.service.ts';

export async function analyticsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/analytics/tickets',
    {
      config: { auth: 'supervisor' },
      schema: {
        tags: ['analytics'],
        summary: 'Ticket volume (created, first solved) and first reply / resolution times (median, p90, mean, n) per group or period',
        querystring: ticketAnalyticsQuery,
        response: { 200: ticketAnalyticsDto },
      },
    },
    async (request) => getTicketAnalytics(dbOf(request), contextOf(request), request.query),
  );
}
