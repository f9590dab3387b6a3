import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyWebsocket from '@fastify/websocket';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { registerAuth } from './auth.ts';
import type { AppDeps } from './context.ts';
import { errorHandler, sendProblem } from './problem.ts';
import { registerApiRoutes } from './routes.ts';
import { surveyPageRoutes } from '../modules/surveys/survey-page.routes.ts';
import { chatWidgetRoutes } from '../modules/channels/chat/widget.routes.ts';
import { MAX_CHAT_FRAME_BYTES } from '../../contracts/chat.ts';

export interface BuildAppOptions {
  /** pino logger options, or false for no logging (tests). */
  logger?: boolean | Record<string, unknown>;
}

/** Builds the Fastify app around already-created dependencies (no listening, no workers). */
export async function buildApp(deps: AppDeps, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? { level: deps.config.logLevel },
    bodyLimit: deps.config.bodyLimitBytes,
    trustProxy: deps.config.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    return503OnClosing: true,
  });
  app.decorate('deps', deps);
  // The API speaks JSON; other bodies get 415 (routes that take other types,
  // such as the NDJSON import, register their own parser).
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, 'not_found', `No route for ${request.method} ${request.url.split('?')[0]}`),
  );
  // Graceful shutdown: in-flight requests finish, and their keep-alive
  // connections are closed after the response so the server can stop.
  let draining = false;
  app.addHook('preClose', async () => {
    draining = true;
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (draining) reply.header('connection', 'close');
  });

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Gapwise API',
        version: '1',
        description:
          'Customer-service quality platform. Authenticate with the session cookie from POST /api/v1/session or with `Authorization: Bearer <api key>`. Errors are application/problem+json with a stable `code`. Lists use cursor pagination (`cursor`, `limit` ≤ 100).',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'gapwise_session' },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  registerAuth(app);
  // The docs UI's own routes (HTML, scripts) are public; the API they describe is not.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...(route.config ?? {}), auth: 'public' };
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());
  app.get('/healthz', { config: { auth: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { auth: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(deps.database.db);
      return { status: 'ready', engine: deps.database.engine };
    } catch {
      return sendProblem(reply, 'not_ready', 'The database is not reachable');
    }
  });

  // WebSocket support for the live chat (before the routes, whose upgrade it handles); /widget.js at the root.
  await app.register(fastifyWebsocket, { options: { maxPayload: MAX_CHAT_FRAME_BYTES } });
  await app.register(chatWidgetRoutes);
  await app.register(registerApiRoutes, { prefix: '/api/v1' });
  // Pages customers open from links (outside the API prefix): survey responses at /s/:token.
  await app.register(surveyPageRoutes);
  await app.register((await import('./web-app.ts')).webAppRoutes); // the agent web app at / (web/, built by Vite)
  return app;
}
