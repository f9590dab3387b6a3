import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, page, pageQuery } from '../../../contracts/common.ts';
import { createTeamBody, teamDto, updateTeamBody } from '../../../contracts/teams.ts';
import { contextOf, dbOf } from '../../http/context.ts';
import { withIdempotency } from '../../http/idempotency.ts';
import { createTeam, deleteTeam, getTeam, listTeams, updateTeam } from './teams.service.ts';

export async function teamsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['teams'];

  app.get(
    '/teams',
    { config: { auth: 'agent' }, schema: { tags, summary: 'List teams (departments)', querystring: z.object(pageQuery).strict(), response: { 200: page(teamDto) } } },
    async (request) => listTeams(dbOf(request), contextOf(request), request.query),
  );
  app.post(
    '/teams',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Create a team', body: createTeamBody, response: { 201: teamDto } } },
    async (request, reply) => withIdempotency(request, reply, 201, () => createTeam(dbOf(request), contextOf(request), request.body)),
  );
  app.get(
    '/teams/:id',
    { config: { auth: 'agent' }, schema: { tags, summary: 'Get a team', params: idParams, response: { 200: teamDto } } },
    async (request) => getTeam(dbOf(request), contextOf(request), request.params.id),
  );
  app.patch(
    '/teams/:id',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Change a team', params: idParams, body: updateTeamBody, response: { 200: teamDto } } },
    async (request) => updateTeam(dbOf(request), contextOf(request), request.params.id, request.body),
  );
  app.delete(
    '/teams/:id',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Delete a team no ticket belongs to', params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteTeam(dbOf(request), contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
