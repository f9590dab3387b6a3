import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  commentsPage,
  commentsQuery,
  kanoDto,
  kanoQuery,
  satisfactionDto,
  satisfactionQuery,
  servqualDto,
  servqualQuery,
} from '../../../contracts/analytics-satisfaction.ts';
import { contextOf, dbOf } from '../../http/context.ts';
import { getKano, getSatisfaction, getServqual, listComments } from './satisfaction.service.ts';

/** Satisfaction analytics (issue 7): headline scores, comments, SERVQUAL, Kano. Supervisors and above. */
export async function satisfactionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['analytics'];
  app.get(
    '/analytics/satisfaction',
    {
      config: { auth: 'supervisor' },
      schema: {
        tags,
        summary: 'CSAT % (Wilson interval), CES mean and NPS (interval from n = 30) per group or period, over every survey of the workspace or one',
        querystring: satisfactionQuery,
        response: { 200: satisfactionDto },
      },
    },
    async (request) => getSatisfaction(dbOf(request), contextOf(request), request.query),
  );
  app.get(
    '/analytics/comments',
    {
      config: { auth: 'supervisor' },
      schema: { tags, summary: 'Survey comments, newest first, with scores, ticket, customer and who handled it', querystring: commentsQuery, response: { 200: commentsPage } },
    },
    async (request) => listComments(dbOf(request), contextOf(request), request.query),
  );
  app.get(
    '/analytics/servqual',
    {
      config: { auth: 'supervisor' },
      schema: {
        tags,
        summary: 'SERVQUAL expectation vs perception and gaps per dimension and item (most negative first), weighted and unweighted, of one survey (default the latest)',
        querystring: servqualQuery,
        response: { 200: servqualDto },
      },
    },
    async (request) => getServqual(dbOf(request), contextOf(request), request.query),
  );
  app.get(
    '/analytics/kano',
    {
      config: { auth: 'supervisor' },
      schema: { tags, summary: 'Kano category, Better and Worse per feature of one survey (default the latest)', querystring: kanoQuery, response: { 200: kanoDto } },
    },
    async (request) => getKano(dbOf(request), contextOf(request), request.query),
  );
}
