import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, page, pageQuery } from '../../../../contracts/common.ts';
import {
  createWebhookChannelBody,
  telegramParams,
  updateWebhookChannelBody,
  webhookChannelDto,
  webhookChannelParams,
  webhookChannelWithSecretDto,
  webhookReceipt,
} from '../../../../contracts/webhooks.ts';
import { contextOf, dbOf } from '../../../http/context.ts';
import {
  createWebhookChannel,
  deleteWebhookChannel,
  getWebhookChannel,
  listWebhookChannels,
  rotateWebhookSecret,
  updateWebhookChannel,
} from './webhook-channels.service.ts';
import { receiveGenericWebhook, receiveTelegramUpdate } from './webhook-inbound.service.ts';

/** Admin CRUD of messaging webhook channels (admin role: they hold secrets). */
export async function webhookChannelsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['messaging webhooks'];
  app.get(
    '/webhook-channels',
    { config: { auth: 'admin' }, schema: { tags, summary: 'List webhook channels', querystring: z.object(pageQuery).strict(), response: { 200: page(webhookChannelDto) } } },
    async (request) => listWebhookChannels(dbOf(request), contextOf(request), request.query),
  );
  app.post(
    '/webhook-channels',
    {
      config: { auth: 'admin' },
      schema: { tags, summary: 'Create a webhook channel (the signing secret is shown once)', body: createWebhookChannelBody, response: { 201: webhookChannelWithSecretDto } },
    },
    async (request, reply) => reply.status(201).send(await createWebhookChannel(dbOf(request), contextOf(request), request.server.deps.config, request.body)),
  );
  app.get(
    '/webhook-channels/:id',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Get a webhook channel', params: idParams, response: { 200: webhookChannelDto } } },
    async (request) => getWebhookChannel(dbOf(request), contextOf(request), request.params.id),
  );
  app.patch(
    '/webhook-channels/:id',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Change a webhook channel', params: idParams, body: updateWebhookChannelBody, response: { 200: webhookChannelDto } } },
    async (request) => updateWebhookChannel(dbOf(request), contextOf(request), request.server.deps.config, request.params.id, request.body),
  );
  app.post(
    '/webhook-channels/:id/rotate-secret',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Replace the signing secret (shown once)', params: idParams, response: { 200: webhookChannelWithSecretDto } } },
    async (request) => rotateWebhookSecret(dbOf(request), contextOf(request), request.server.deps.config, request.params.id),
  );
  app.delete(
    '/webhook-channels/:id',
    { config: { auth: 'admin' }, schema: { tags, summary: 'Delete a webhook channel (its tickets stay)', params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteWebhookChannel(dbOf(request), contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}

const header = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * Public inbound routes. The signature covers the exact bytes received, so in this plugin's
 * scope JSON bodies arrive as a Buffer and are parsed only after the signature checks out.
 */
export async function publicWebhookRoutes(fastify: FastifyInstance) {
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['messaging webhooks'];
  app.post(
    '/public/webhooks/:channelId',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Inbound message of a generic webhook channel (signed; public)',
        description:
          'Headers: `X-Gapwise-Timestamp` (Unix seconds) and `X-Gapwise-Signature: sha256=<hex of HMAC-SHA256(secret, "<timestamp>.<raw body>")>`. Body: `{ event_id?, conversation_id, sender: { id, handle?, name? }, text?, attachments?: [{ url, filename?, content_type?, size? }] }`. 401 bad signature or stale timestamp, 409 replay.',
        params: webhookChannelParams,
        response: { 202: webhookReceipt },
      },
    },
    async (request, reply) => {
      const { config, clock } = request.server.deps;
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const result = await receiveGenericWebhook(dbOf(request), config, clock.now(), request.params.channelId, {
        timestamp: header(request.headers['x-gapwise-timestamp']),
        signature: header(request.headers['x-gapwise-signature']),
      }, raw);
      return reply.status(202).send(result);
    },
  );
  app.post(
    '/public/telegram/:channelId/:secretPathToken',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'Telegram Bot API webhook (public; set with setWebhook and secret_token)',
        params: telegramParams,
        response: { 200: webhookReceipt },
      },
    },
    async (request) => {
      const { config, clock } = request.server.deps;
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      return receiveTelegramUpdate(
        dbOf(request),
        config,
        clock.now(),
        request.params.channelId,
        request.params.secretPathToken,
        header(request.headers['x-telegram-bot-api-secret-token']),
        raw,
      );
    },
  );
}
