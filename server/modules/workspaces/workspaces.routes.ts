import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { page, pageQuery } from '../../../contracts/common.ts';
import { createWorkspaceBody, updateWorkspaceBody, workspaceDto } from '../../../contracts/workspaces.ts';
import { contextOf, dbOf } from '../../http/context.ts';
import { withIdempotency } from '../../http/idempotency.ts';
import { createWorkspace, getCurrentWorkspace, listWorkspaces, updateCurrentWorkspace } from './workspaces.service.ts';

export async function workspacesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['workspaces'];

  app.post(
    '/workspaces',
    {
      config: { auth: 'instance_admin' },
      schema: { tags, summary: 'Create a workspace with its owner (instance administrators)', body: createWorkspaceBody, response: { 201: workspaceDto } },
    },
    async (request, reply) => withIdempotency(request, reply, 201, () => createWorkspace(dbOf(request), contextOf(request), request.body)),
  );

  app.get(
    '/workspaces',
    {
      config: { auth: 'instance_admin' },
      schema: { tags, summary: 'All workspaces of this install (instance administrators)', querystring: z.object(pageQuery).strict(), response: { 200: page(workspaceDto) } },
    },
    async (request) => listWorkspaces(dbOf(request), request.query),
  );

  app.get(
    '/workspaces/current',
    { config: { auth: 'agent' }, schema: { tags, summary: 'The caller’s workspace', response: { 200: workspaceDto } } },
    async (request) => getCurrentWorkspace(dbOf(request), contextOf(request)),
  );

  app.patch(
    '/workspaces/current',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Change workspace settings', body: updateWorkspaceBody, response: { 200: workspaceDto } } },
    async (request) => updateCurrentWorkspace(dbOf(request), contextOf(request), request.body),
  );
}
