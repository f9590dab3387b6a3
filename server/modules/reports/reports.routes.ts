import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams } from '../../../contracts/common.ts';
import { reportPreviewBody, reportPreviewDto, reportSendBody, reportSendDto } from '../../../contracts/reports.ts';
import { contextOf, dbOf } from '../../http/context.ts';
import { previewTeamReport, sendTeamReportNow } from './reports.service.ts';

export async function reportsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['reports'];

  app.post(
    '/teams/:id/report/preview',
    {
      config: { auth: 'supervisor' },
      schema: { tags, summary: 'The weekly team report for a week, rendered as it would be mailed (not sent)', params: idParams, body: reportPreviewBody, response: { 200: reportPreviewDto } },
    },
    async (request) => previewTeamReport(dbOf(request), contextOf(request), request.server.deps.config.publicUrl, request.params.id, request.body),
  );
  app.post(
    '/teams/:id/report/send',
    {
      config: { auth: 'admin' },
      schema: { tags, summary: 'Send the weekly team report now, to the lead or to you (a test: the scheduled report still goes out)', params: idParams, body: reportSendBody, response: { 202: reportSendDto } },
    },
    async (request, reply) => reply.status(202).send(await sendTeamReportNow(dbOf(request), request.server.deps.jobs, contextOf(request), request.params.id, request.body)),
  );
}
