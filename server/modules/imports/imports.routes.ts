import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../../../contracts/common.ts';
import { importDto, importPage, listImportsQuery } from '../../../contracts/imports.ts';
import { contextOf, dbOf } from '../../http/context.ts';
import { withIdempotency } from '../../http/idempotency.ts';
import { AppError } from '../../platform/errors.ts';
import { getImport, importTickets, listImports } from './imports.service.ts';

const NDJSON = 'application/x-ndjson';

export async function importsRoutes(fastify: FastifyInstance) {
  // Scoped to this plugin: only the import route takes NDJSON, and with its
  // own size limit (GAPWISE_IMPORT_LIMIT_BYTES) instead of the general one.
  fastify.addContentTypeParser(NDJSON, { parseAs: 'string', bodyLimit: fastify.deps.config.importLimitBytes }, (_request, body, done) => {
    done(null, body);
  });
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['imports'];

  app.post(
    '/imports/tickets',
    {
      config: { auth: 'admin' },
      preValidation: async (request) => {
        const type = String(request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
        if (type !== NDJSON) throw new AppError('unsupported_media_type', `Send the tickets as ${NDJSON}, one JSON object per line`);
      },
      schema: {
        tags,
        summary: 'Import ticket history (NDJSON, one ticket per line); runs to the end and returns the report',
        description:
          'Each line is imported in its own transaction: bad lines are reported by line number and skipped. ' +
          'A line whose external_id was imported before is skipped, so the same file can be sent again. ' +
          'Synchronous: the response comes when the whole file is processed. See contracts/imports.ts for the line format.',
        consumes: [NDJSON],
        body: z.string().describe('NDJSON: one ticket object per line'),
        response: { 201: importDto },
      },
    },
    async (request, reply) => {
      const report = await withIdempotency(request, reply, 201, () =>
        importTickets(dbOf(request), contextOf(request), request.body, undefined, { clock: request.server.deps.clock, jobs: request.server.deps.jobs }),
      );
      reply.header('location', `/api/v1/imports/${report.id}`);
      return report;
    },
  );
  app.get(
    '/imports',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Imports, newest first', querystring: listImportsQuery, response: { 200: importPage } } },
    async (request) => listImports(dbOf(request), contextOf(request), request.query),
  );
  app.get(
    '/imports/:id',
    { config: { auth: 'admin' }, schema: { tags, summary: 'An import’s progress and report', params: idParams, response: { 200: importDto } } },
    async (request) => getImport(dbOf(request), contextOf(request), request.params.id),
  );
}
