import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { dbOf } from '../../http/context.ts';
import { type PageResult, showSurveyPage, submitSurveyPage } from './survey-page.service.ts';

/**
 * The customer's response page, outside the API: `GET /s/:token` shows it, `POST /s/:token`
 * answers (a form post from the page, or JSON). Public: the unguessable token is the only key.
 */
const tokenParams = z.object({ token: z.string().max(200) }).strict();

function sendPage(reply: FastifyReply, page: PageResult) {
  return reply
    .status(page.status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('x-robots-tag', 'noindex')
    .header('referrer-policy', 'no-referrer')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
    .send(page.html);
}

/** Form fields as strings, repeated names (checkboxes) as arrays. */
function parseForm(body: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

export async function surveyPageRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // Encapsulated: only these routes take form posts.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, parseForm(body as string));
  });
  // The chat widget answers the inline survey from the customer's own site: any origin may post
  // JSON here and read the answer. No cookies are involved (the link's token is the only key),
  // so this opens nothing a link holder could not already do.
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('access-control-allow-origin', '*');
    return payload;
  });
  app.options(
    '/s/:token',
    { config: { auth: 'public' }, schema: { hide: true, params: tokenParams } },
    async (_request, reply) =>
      reply
        .status(204)
        .header('access-control-allow-methods', 'POST')
        .header('access-control-allow-headers', 'content-type')
        .header('access-control-max-age', '600')
        .send(),
  );

  app.get(
    '/s/:token',
    { config: { auth: 'public' }, schema: { hide: true, params: tokenParams, querystring: z.object({ score: z.string().max(3).optional() }) } },
    async (request, reply) => {
      const page = await showSurveyPage(dbOf(request), request.server.deps.config, request.params.token, request.query, request.headers['accept-language'], request.server.deps.clock.now());
      return sendPage(reply, page);
    },
  );
  app.post(
    '/s/:token',
    { config: { auth: 'public' }, schema: { hide: true, params: tokenParams } },
    async (request, reply) => {
      const isForm = (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
      const body = (request.body ?? {}) as Record<string, unknown>;
      const result = await submitSurveyPage(
        dbOf(request),
        request.server.deps.config,
        request.params.token,
        isForm ? { form: body as Record<string, string | string[]> } : { json: body },
        request.headers['accept-language'],
        request.server.deps.clock.now(),
      );
      if (result.kind === 'json') return reply.status(result.status).send(result.body);
      return sendPage(reply, result.page);
    },
  );
}
