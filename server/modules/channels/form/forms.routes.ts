import fastifyFormbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, page, pageQuery } from '../../../../contracts/common.ts';
import { createFormBody, embedQuery, formDto, formParams, formReceipt, formSubmission, updateFormBody } from '../../../../contracts/forms.ts';
import { contextOf, dbOf } from '../../../http/context.ts';
import { AppError, errorCodes } from '../../../platform/errors.ts';
import type { FormField } from '../../../../contracts/forms.ts';
import { renderErrorPage, renderFormPage, renderThanksPage } from './form-page.ts';
import { formTexts } from './form-texts.ts';
import { loadPublicForm, pickLocale, submitForm } from './form-submit.service.ts';
import { createForm, deleteForm, getForm, listForms, publicFormPath, updateForm } from './forms.service.ts';
import type { SubmittedValue } from './form-submission.ts';

/** Admin CRUD of web forms. */
export async function formsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['web forms'];
  app.get(
    '/forms',
    { config: { auth: 'agent' }, schema: { tags, summary: 'List web forms', querystring: z.object(pageQuery).strict(), response: { 200: page(formDto) } } },
    async (request) => listForms(dbOf(request), contextOf(request), request.query),
  );
  app.post(
    '/forms',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Create a web form', body: createFormBody, response: { 201: formDto } } },
    async (request, reply) => reply.status(201).send(await createForm(dbOf(request), contextOf(request), request.body)),
  );
  app.get(
    '/forms/:id',
    { config: { auth: 'agent' }, schema: { tags, summary: 'Get a web form', params: idParams, response: { 200: formDto } } },
    async (request) => getForm(dbOf(request), contextOf(request), request.params.id),
  );
  app.patch(
    '/forms/:id',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Change a web form', params: idParams, body: updateFormBody, response: { 200: formDto } } },
    async (request) => updateForm(dbOf(request), contextOf(request), request.params.id, request.body),
  );
  app.delete(
    '/forms/:id',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Delete a web form (its tickets stay)', params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteForm(dbOf(request), contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}

/** A browser posting the embedded form gets pages back; API clients get JSON / problem+json. */
function wantsHtml(request: FastifyRequest): boolean {
  const type = String(request.headers['content-type'] ?? '');
  return type.startsWith('application/x-www-form-urlencoded') && String(request.headers.accept ?? '').includes('text/html');
}

const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'";

function sendPage(reply: FastifyReply, status: number, html: string) {
  return reply.status(status).header('content-security-policy', PAGE_CSP).type('text/html; charset=utf-8').send(html);
}

/**
 * The public side: submit (JSON or url-encoded) and the embeddable page. Url-encoded bodies are
 * accepted here only (@fastify/formbody is registered in this plugin's scope).
 */
export async function publicFormsRoutes(fastify: FastifyInstance) {
  await fastify.register(fastifyFormbody, { bodyLimit: 256 * 1024 });
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['web forms'];
  app.post(
    '/public/forms/:formId',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Submit a web form (public; JSON or application/x-www-form-urlencoded)',
        description: 'Creates a web_form ticket for the submitter (found by email) and mails an acknowledgement. A filled honeypot (`website`) is accepted and dropped. 429 over the per-IP limit.',
        params: formParams,
        body: formSubmission,
        response: { 201: formReceipt },
      },
    },
    async (request, reply) => {
      const html = wantsHtml(request);
      const values = request.body as Record<string, SubmittedValue>;
      const { clock, jobs } = request.server.deps;
      try {
        const outcome = await submitForm(dbOf(request), jobs, clock.now(), request.params.formId, request.ip, values);
        if (html) return sendPage(reply, 201, renderThanksPage(outcome.locale));
        return reply.status(201).send({ status: 'received' as const });
      } catch (error) {
        if (!html || !(error instanceof AppError)) throw error;
        const locale = pickLocale(values?.locale, 'en');
        const lines =
          error.code === 'rate_limited'
            ? [formTexts(locale).tooMany]
            : (error.details.issues ?? []).map((i) => `${i.path.replace(/^body\./, '')}: ${i.message}`);
        if (error.details.retryAfterSeconds) reply.header('retry-after', String(error.details.retryAfterSeconds));
        return sendPage(reply, errorCodes[error.code], renderErrorPage(locale, lines.length > 0 ? lines : [error.message]));
      }
    },
  );
  app.get(
    '/public/forms/:formId/embed',
    {
      config: { auth: 'public' },
      schema: { tags, summary: 'The form as an embeddable HTML page (public)', params: formParams, querystring: embedQuery },
    },
    async (request, reply) => {
      const form = await loadPublicForm(dbOf(request), request.params.formId);
      const locale = pickLocale(request.query.locale, form.locale);
      const fields = form.fields as unknown as FormField[];
      return sendPage(reply, 200, renderFormPage({ id: form.id, name: form.name, fields }, locale, publicFormPath(form.id)));
    },
  );
}
