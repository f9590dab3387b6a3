import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, page, pageQuery } from '../../../contracts/common.ts';
import {
  createdInvitationDto,
  createInvitationBody,
  createStudyBody,
  createSurveyBody,
  invitationDto,
  listInvitationsQuery,
  listResponsesQuery,
  listSurveysQuery,
  responseDto,
  resultsDto,
  resultsQuery,
  studyDto,
  surveyDto,
  surveyPreviewQuery,
  ticketRatingDto,
  ticketRatingsQuery,
  surveyTypeParams,
  surveyVersionParams,
  updateSurveyBody,
} from '../../../contracts/surveys.ts';
import { contextOf, dbOf } from '../../http/context.ts';
import { responsesCsv, resultsCsv } from './export.service.ts';
import { createInvitation, launchStudy, listInvitations, listStudies } from './invitations.service.ts';
import { listSurveyResponses, ticketRatings } from './responses.service.ts';
import { previewSurveyPage } from './survey-page.service.ts';
import { surveyResults } from './results.service.ts';
import { createSurvey, deleteSurvey, getSurvey, getSurveyVersion, listSurveys, surveyDefaults, updateSurvey } from './surveys.service.ts';

/** `/api/v1/surveys`: admins define surveys and studies; supervisors read responses and results. */
export async function surveysRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['surveys'];
  const range = z.object({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() }).strict();

  app.get(
    '/survey-defaults/:type',
    { config: { auth: 'supervisor' }, schema: { tags, summary: 'The default definition and settings of a survey type, in all five languages', params: surveyTypeParams } },
    async (request) => surveyDefaults(request.params.type),
  );
  app.get(
    '/surveys',
    { config: { auth: 'supervisor' }, schema: { tags, summary: 'List surveys', querystring: listSurveysQuery, response: { 200: page(surveyDto) } } },
    async (request) => listSurveys(dbOf(request), contextOf(request), request.query),
  );
  app.post(
    '/surveys',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Create a survey (the default definition for its type unless one is given)', body: createSurveyBody, response: { 201: surveyDto } } },
    async (request, reply) => reply.status(201).send(await createSurvey(dbOf(request), contextOf(request), request.body)),
  );
  app.get(
    '/surveys/:id',
    { config: { auth: 'supervisor' }, schema: { tags, summary: 'A survey with its current definition', params: idParams, response: { 200: surveyDto } } },
    async (request) => getSurvey(dbOf(request), contextOf(request), request.params.id),
  );
  app.get(
    '/surveys/:id/versions/:version',
    { config: { auth: 'supervisor' }, schema: { tags, summary: 'One version of a survey definition', params: surveyVersionParams, response: { 200: surveyDto } } },
    async (request) => getSurveyVersion(dbOf(request), contextOf(request), request.params.id, request.params.version),
  );
  app.patch(
    '/surveys/:id',
    {
      config: { auth: 'admin' },
      schema: { tags, summary: 'Edit a survey; a new definition becomes a new version once the current one has responses', params: idParams, body: updateSurveyBody, response: { 200: surveyDto } },
    },
    async (request) => updateSurvey(dbOf(request), contextOf(request), request.params.id, request.body),
  );
  app.delete(
    '/surveys/:id',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Delete a survey (links already sent show "closed")', params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteSurvey(dbOf(request), contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/surveys/:id/invitations',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Invite one customer; the link is shown only in this response', params: idParams, body: createInvitationBody, response: { 201: createdInvitationDto } } },
    async (request, reply) =>
      reply.status(201).send(
        await createInvitation(dbOf(request), contextOf(request), request.params.id, request.body, { jobs: request.server.deps.jobs, publicUrl: request.server.deps.config.publicUrl }),
      ),
  );
  app.get(
    '/surveys/:id/invitations',
    { config: { auth: 'supervisor' }, schema: { tags, summary: 'Invitations of a survey (never their links)', params: idParams, querystring: listInvitationsQuery, response: { 200: page(invitationDto) } } },
    async (request) => listInvitations(dbOf(request), contextOf(request), request.params.id, request.query),
  );
  app.post(
    '/surveys/:id/studies',
    {
      config: { auth: 'admin' },
      schema: { tags, summary: 'Start a study: invite a sample of the audience until a date, one reminder to non-responders', params: idParams, body: createStudyBody, response: { 201: z.object({ id: z.uuid(), invited: z.number() }) } },
    },
    async (request, reply) => {
      const { study, invited } = await launchStudy(dbOf(request), contextOf(request), request.params.id, request.body, request.server.deps.jobs);
      return reply.status(201).send({ id: study.id, invited });
    },
  );
  app.get(
    '/surveys/:id/studies',
    { config: { auth: 'supervisor' }, schema: { tags, summary: 'Studies and scheduled runs with their progress (sent, opened, answered)', params: idParams, querystring: z.object(pageQuery).strict(), response: { 200: page(studyDto) } } },
    async (request) => listStudies(dbOf(request), contextOf(request), request.params.id, request.query),
  );
  app.get(
    '/surveys/:id/responses',
    { config: { auth: 'supervisor' }, schema: { tags, summary: 'Responses with their comments', params: idParams, querystring: listResponsesQuery, response: { 200: page(responseDto) } } },
    async (request) => listSurveyResponses(dbOf(request), contextOf(request), request.params.id, request.query),
  );
  app.get(
    '/surveys/:id/preview',
    {
      config: { auth: 'supervisor' },
      schema: { tags, summary: 'The response page of a version in one language, as customers see it (HTML, no link)', params: idParams, querystring: surveyPreviewQuery, produces: ['text/html'] },
    },
    async (request, reply) => {
      const html = await previewSurveyPage(dbOf(request), contextOf(request).workspaceId, request.params.id, request.query);
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        // Shown in an iframe of the web app only; its form goes nowhere.
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'self'; base-uri 'none'")
        .send(html);
    },
  );
  app.get(
    '/survey-responses',
    { config: { auth: 'agent' }, schema: { tags, summary: 'The ratings of one ticket (the ticket view); anonymous responses never show', querystring: ticketRatingsQuery, response: { 200: z.object({ data: z.array(ticketRatingDto) }) } } },
    async (request) => ({ data: await ticketRatings(dbOf(request), contextOf(request), request.query.ticket_id) }),
  );
  app.get(
    '/surveys/:id/results',
    { config: { auth: 'supervisor' }, schema: { tags, summary: 'Scores with intervals, overall and grouped', params: idParams, querystring: resultsQuery, response: { 200: resultsDto } } },
    async (request) => surveyResults(dbOf(request), contextOf(request), request.params.id, request.query),
  );
  app.get(
    '/surveys/:id/export/responses',
    { config: { auth: 'supervisor' }, schema: { tags, summary: 'CSV of the responses, one row per answer (streamed)', params: idParams, querystring: range, produces: ['text/csv'] } },
    async (request, reply) => {
      const rows = await responsesCsv(dbOf(request), contextOf(request), request.params.id, request.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="survey-${request.params.id}-responses.csv"`)
        .send(Readable.from(rows));
    },
  );
  app.get(
    '/surveys/:id/export/results',
    { config: { auth: 'supervisor' }, schema: { tags, summary: 'CSV of the results in long form (group, measure, value)', params: idParams, querystring: resultsQuery, produces: ['text/csv'] } },
    async (request, reply) => {
      const rows = await resultsCsv(dbOf(request), contextOf(request), request.params.id, request.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="survey-${request.params.id}-results.csv"`)
        .send(Readable.from(rows));
    },
  );
}
