import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { branchDto, createBranchBody, updateBranchBody } from '../../../contracts/branches.ts';
import { idParams, page, pageQuery } from '../../../contracts/common.ts';
import { contextOf, dbOf } from '../../http/context.ts';
import { withIdempotency } from '../../http/idempotency.ts';
import { createBranch, deleteBranch, getBranch, listBranches, updateBranch } from './branches.service.ts';

export async function branchesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['branches'];

  app.get(
    '/branches',
    { config: { auth: 'agent' }, schema: { tags, summary: 'List branches (locations)', querystring: z.object(pageQuery).strict(), response: { 200: page(branchDto) } } },
    async (request) => listBranches(dbOf(request), contextOf(request), request.query),
  );
  app.post(
    '/branches',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Create a branch', body: createBranchBody, response: { 201: branchDto } } },
    async (request, reply) => withIdempotency(request, reply, 201, () => createBranch(dbOf(request), contextOf(request), request.body)),
  );
  app.get(
    '/branches/:id',
    { config: { auth: 'agent' }, schema: { tags, summary: 'Get a branch', params: idParams, response: { 200: branchDto } } },
    async (request) => getBranch(dbOf(request), contextOf(request), request.params.id),
  );
  app.patch(
    '/branches/:id',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Change a branch', params: idParams, body: updateBranchBody, response: { 200: branchDto } } },
    async (request) => updateBranch(dbOf(request), contextOf(request), request.params.id, request.body),
  );
  app.delete(
    '/branches/:id',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Delete a branch no ticket belongs to', params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteBranch(dbOf(request), contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
