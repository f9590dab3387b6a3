import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { consistencyDto, consistencyQuery, serviceLevelsDto, serviceLevelsQuery, valueDto, valueQuery } from '../../../contracts/analytics-quality.ts';
import { contextOf, dbOf } from '../../http/context.ts';
import { getConsistency } from './consistency.service.ts';
import { getServiceLevels } from './service-levels.service.ts';
import { getValue } from './value.service.ts';

/** Quality analytics (issue 7, items 2–4): consistency, three levels of service, value and cost. */
export async function qualityAnalyticsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/analytics/consistency',
    {
      config: { auth: 'supervisor' },
      schema: {
        tags: ['analytics'],
        summary: 'Consistency across branches, teams or agents: p-chart, chi-square and observed vs expected attainment for proportions; medians, Kruskal–Wallis and an XmR chart for times',
        querystring: consistencyQuery,
        response: { 200: consistencyDto },
      },
    },
    async (request) => getConsistency(dbOf(request), contextOf(request), request.query),
  );
  app.get(
    '/analytics/service-levels',
    {
      config: { auth: 'supervisor' },
      schema: {
        tags: ['analytics'],
        summary: 'Three levels of service per tier, branch or team: below, met, exceeded expectations (definitions configurable and echoed)',
        querystring: serviceLevelsQuery,
        response: { 200: serviceLevelsDto },
      },
    },
    async (request) => getServiceLevels(dbOf(request), contextOf(request), request.query),
  );
  app.get(
    '/analytics/value',
    {
      config: { auth: 'supervisor' },
      schema: {
        tags: ['analytics'],
        summary: 'Value and cost per tier or organization: volume, agent work time and its cost, CSAT and SLA attainment beside the customer’s value',
        querystring: valueQuery,
        response: { 200: valueDto },
      },
    },
    async (request) => getValue(dbOf(request), contextOf(request), request.query),
  );
}
