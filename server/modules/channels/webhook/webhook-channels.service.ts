import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { iso } from '../../../../contracts/common.ts';
import type { createWebhookChannelBody, updateWebhookChannelBody, WebhookChannelDto } from '../../../../contracts/webhooks.ts';
import type { Config } from '../../../config.ts';
import { decodeCursor, toPage } from '../../../platform/cursor.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import type { DB, WebhookChannelsTable } from '../../../platform/schema.ts';
import { secretBoxFor } from '../../../platform/secrets.ts';
import type { RequestContext } from '../../auth/actor.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { newSigningSecret, telegramPathToken } from './webhook-signature.ts';
import * as repo from './webhooks.repository.ts';

/**
 * Admin side of the messaging webhook channels. Secrets (the signing secret, a Telegram bot
 * token) are sealed with the instance SecretBox; the signing secret is shown once, on create and
 * on rotation, and never again (audit rows never carry them).
 */

type Channel = Selectable<WebhookChannelsTable>;
type SecretConfig = Pick<Config, 'dataDir' | 'secretKey'>;

export const TELEGRAM_DEFAULT_API = 'https://api.telegram.org';
export const genericInboundPath = (id: string) => `/api/v1/public/webhooks/${id}`;
export const telegramInboundPath = (id: string, token: string) => `/api/v1/public/telegram/${id}/${token}`;

export function toWebhookChannelDto(c: Channel): WebhookChannelDto {
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    enabled: c.enabled,
    callback_url: c.callback_url,
    api_base_url: c.kind === 'telegram' ? (c.api_base_url ?? TELEGRAM_DEFAULT_API) : null,
    has_bot_token: c.bot_token_sealed !== null,
    inbound_path: c.kind === 'generic' ? genericInboundPath(c.id) : null,
    created_at: iso(c.created_at) as string,
    updated_at: iso(c.updated_at) as string,
  };
}

function withSecret(c: Channel, secret: string) {
  return {
    ...toWebhookChannelDto(c),
    signing_secret: secret,
    telegram_webhook_path: c.kind === 'telegram' ? telegramInboundPath(c.id, telegramPathToken(secret)) : null,
  };
}

export async function createWebhookChannel(db: Kysely<DB>, ctx: RequestContext, config: SecretConfig, input: z.output<typeof createWebhookChannelBody>) {
  const box = secretBoxFor(config);
  const secret = newSigningSecret();
  return db.transaction().execute(async (trx) => {
    const channel = await repo.insertChannel(trx, {
      id: newId(ctx.now.getTime()),
      workspace_id: ctx.workspaceId,
      name: input.name,
      kind: input.kind,
      enabled: input.enabled,
      secret_sealed: box.seal(secret),
      callback_url: input.kind === 'generic' ? (input.callback_url ?? null) : null,
      bot_token_sealed: input.bot_token ? box.seal(input.bot_token) : null,
      api_base_url: input.kind === 'telegram' ? (input.api_base_url ?? TELEGRAM_DEFAULT_API).replace(/\/+$/, '') : null,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    await recordAudit(trx, ctx, 'webhook_channel.created', { type: 'webhook_channel', id: channel.id }, { name: channel.name, kind: channel.kind });
    return withSecret(channel, secret);
  });
}

export async function getWebhookChannel(db: Kysely<DB>, ctx: RequestContext, id: string) {
  const c = await repo.findChannel(db, ctx.workspaceId, id);
  if (!c) throw notFound('Webhook channel');
  return toWebhookChannelDto(c);
}

export async function listWebhookChannels(db: Kysely<DB>, ctx: RequestContext, query: { cursor?: string | undefined; limit: number }) {
  const after = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
  const rows = await repo.listChannels(db, ctx.workspaceId, after, query.limit);
  return toPage(rows, query.limit, (r) => [r.id], toWebhookChannelDto);
}

export async function updateWebhookChannel(
  db: Kysely<DB>,
  ctx: RequestContext,
  config: SecretConfig,
  id: string,
  input: z.output<typeof updateWebhookChannelBody>,
) {
  return db.transaction().execute(async (trx) => {
    const before = await repo.findChannel(trx, ctx.workspaceId, id);
    if (!before) throw notFound('Webhook channel');
    if (before.kind === 'generic' && (input.bot_token !== undefined || input.api_base_url !== undefined)) {
      throw new AppError('validation_failed', 'bot_token and api_base_url are for telegram channels', { issues: [{ path: 'body.bot_token', message: 'telegram only' }] });
    }
    if (before.kind === 'telegram' && input.callback_url !== undefined) {
      throw new AppError('validation_failed', 'Telegram replies go to the Bot API; callback_url is for generic channels', { issues: [{ path: 'body.callback_url', message: 'generic only' }] });
    }
    const { bot_token, api_base_url, ...rest } = input;
    const c = await repo.updateChannel(trx, ctx.workspaceId, id, {
      ...rest,
      ...(bot_token !== undefined ? { bot_token_sealed: secretBoxFor(config).seal(bot_token) } : {}),
      ...(api_base_url !== undefined ? { api_base_url: api_base_url.replace(/\/+$/, '') } : {}),
      updated_at: ctx.now,
    });
    if (!c) throw notFound('Webhook channel');
    await recordAudit(trx, ctx, 'webhook_channel.updated', { type: 'webhook_channel', id }, { ...rest, ...(api_base_url ? { api_base_url } : {}), ...(bot_token ? { bot_token: '[changed]' } : {}) });
    return toWebhookChannelDto(c);
  });
}

/** A new signing secret (the old one stops working at once); shown once. */
export async function rotateWebhookSecret(db: Kysely<DB>, ctx: RequestContext, config: SecretConfig, id: string) {
  const secret = newSigningSecret();
  return db.transaction().execute(async (trx) => {
    const c = await repo.updateChannel(trx, ctx.workspaceId, id, { secret_sealed: secretBoxFor(config).seal(secret), updated_at: ctx.now });
    if (!c) throw notFound('Webhook channel');
    await recordAudit(trx, ctx, 'webhook_channel.secret_rotated', { type: 'webhook_channel', id });
    return withSecret(c, secret);
  });
}

export async function deleteWebhookChannel(db: Kysely<DB>, ctx: RequestContext, id: string) {
  await db.transaction().execute(async (trx) => {
    if (!(await repo.deleteChannel(trx, ctx.workspaceId, id))) throw notFound('Webhook channel');
    await recordAudit(trx, ctx, 'webhook_channel.deleted', { type: 'webhook_channel', id });
  });
}
