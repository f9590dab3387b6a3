import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, page } from '../../../contracts/common.ts';
import { createMacroBody, listMacrosQuery, MACRO_PLACEHOLDERS, macroDto, macroParams, macroPreviewDto, updateMacroBody } from '../../../contracts/macros.ts';
import { ticketDto } from '../../../contracts/tickets.ts';
import { contextOf, dbOf } from '../../http/context.ts';
import { withIdempotency } from '../../http/idempotency.ts';
import { applyMacro, createMacro, deleteMacro, getMacro, listMacros, previewMacro, updateMacro } from './macros.service.ts';

/**
 * Macros. Every agent lists and uses shared macros and their own personal ones; shared ones are
 * created and changed by admins (audited), personal ones by their owner. The role checks that
 * depend on the macro's scope are in the service.
 */
export async function macrosRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['macros'];

  app.get(
    '/macros',
    { config: { auth: 'agent' }, schema: { tags, summary: 'List the shared macros and your personal ones, by name', querystring: listMacrosQuery, response: { 200: page(macroDto) } } },
    async (request) => listMacros(dbOf(request), contextOf(request), request.query),
  );
  app.get(
    '/macros/placeholders',
    { config: { auth: 'agent' }, schema: { tags, summary: 'The placeholders macro texts can use', response: { 200: z.object({ data: z.array(z.string()) }) } } },
    async () => ({ data: [...MACRO_PLACEHOLDERS] }),
  );
  app.post(
    '/macros',
    {
      config: { auth: 'agent' },
      schema: { tags, summary: 'Create a macro (shared: admins; personal: any agent)', body: createMacroBody, response: { 201: macroDto } },
    },
    async (request, reply) => withIdempotency(request, reply, 201, () => createMacro(dbOf(request), contextOf(request), request.body)),
  );
  app.get(
    '/macros/:id',
    { config: { auth: 'agent' }, schema: { tags, summary: 'Get a macro', params: idParams, response: { 200: macroDto } } },
    async (request) => getMacro(dbOf(request), contextOf(request), request.params.id),
  );
  app.patch(
    '/macros/:id',
    { config: { auth: 'agent' }, schema: { tags, summary: 'Change a macro (shared: admins; personal: its owner)', params: idParams, body: updateMacroBody, response: { 200: macroDto } } },
    async (request) => updateMacro(dbOf(request), contextOf(request), request.params.id, request.body),
  );
  app.delete(
    '/macros/:id',
    { config: { auth: 'agent' }, schema: { tags, summary: 'Delete a macro (shared: admins; personal: its owner)', params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteMacro(dbOf(request), contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/tickets/:id/macros/:macroId/preview',
    {
      config: { auth: 'agent' },
      schema: {
        tags,
        summary: 'Render a macro for a ticket (text in the customer’s language, placeholders filled); changes nothing',
        params: macroParams,
        response: { 200: macroPreviewDto },
      },
    },
    async (request) => previewMacro(dbOf(request), contextOf(request), request.params.id, request.params.macroId),
  );
  app.post(
    '/tickets/:id/macros/:macroId/apply',
    {
      config: { auth: 'agent' },
      schema: {
        tags,
        summary: 'Apply a macro’s actions to a ticket (status, priority, assignee, team, tags)',
        description: 'The reply text is not sent: preview the macro, edit the text and send it as a message. Writes a `macro_applied` ticket event.',
        params: macroParams,
        response: { 200: ticketDto },
      },
    },
    async (request, reply) => withIdempotency(request, reply, 200, () => applyMacro(dbOf(request), contextOf(request), request.params.id, request.params.macroId)),
  );
}
