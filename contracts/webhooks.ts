import { z } from 'zod';
import { timestamp } from './common.ts';

/** Messaging webhook channels: generic signed webhooks and the Telegram Bot API adapter (issue 4, item 8). */

const httpUrl = z
  .string()
  .max(2000)
  .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), 'must be an http(s) URL');

export const webhookKinds = z.enum(['generic', 'telegram']);

export const createWebhookChannelBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    kind: webhookKinds,
    enabled: z.boolean().default(true),
    callback_url: httpUrl.nullable().optional().describe('generic: agent replies are POSTed here, signed like inbound calls'),
    bot_token: z.string().trim().min(10).max(200).optional().describe('telegram: the bot token from @BotFather (stored encrypted, never shown again)'),
    api_base_url: httpUrl.optional().describe('telegram: Bot API base URL; default https://api.telegram.org'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.kind === 'telegram' && !v.bot_token) ctx.addIssue({ code: 'custom', message: 'a telegram channel needs bot_token', path: ['bot_token'] });
    if (v.kind === 'generic' && (v.bot_token || v.api_base_url)) ctx.addIssue({ code: 'custom', message: 'bot_token and api_base_url are for telegram channels', path: ['kind'] });
  });

export const updateWebhookChannelBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    enabled: z.boolean(),
    callback_url: httpUrl.nullable(),
    bot_token: z.string().trim().min(10).max(200),
    api_base_url: httpUrl,
  })
  .partial()
  .strict();

export const webhookChannelDto = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: webhookKinds,
  enabled: z.boolean(),
  callback_url: z.string().nullable(),
  api_base_url: z.string().nullable(),
  has_bot_token: z.boolean(),
  inbound_path: z.string().nullable().describe('generic: where to POST signed messages; telegram: shown only with the secret'),
  created_at: timestamp,
  updated_at: timestamp,
});
export type WebhookChannelDto = z.infer<typeof webhookChannelDto>;

export const webhookChannelWithSecretDto = webhookChannelDto.extend({
  signing_secret: z.string().describe('Shown once. generic: the HMAC-SHA256 key; telegram: the secret_token to pass to setWebhook'),
  telegram_webhook_path: z.string().nullable().describe('telegram: the path to give setWebhook (contains a secret token; shown once)'),
});

/** What a generic inbound webhook carries (the raw body is signed; see README). */
export const inboundWebhookMessage = z
  .object({
    event_id: z.string().trim().min(1).max(200).optional().describe('Your id of the event; a repeat is refused (409). Default: the signature'),
    conversation_id: z.string().trim().min(1).max(200).describe('The external conversation (chat, thread); messages of one conversation share a ticket until it is closed'),
    sender: z
      .object({
        id: z.string().trim().min(1).max(200),
        handle: z.string().trim().max(200).optional(),
        name: z.string().trim().max(200).optional(),
      })
      .strict(),
    text: z.string().max(64 * 1024).optional(),
    attachments: z
      .array(
        z
          .object({
            url: httpUrl,
            filename: z.string().max(255).optional(),
            content_type: z.string().max(255).optional(),
            size: z.number().int().min(0).optional(),
          })
          .strict(),
      )
      .max(20)
      .default([]),
  })
  .strict()
  .refine((m) => (m.text?.trim() ?? '') !== '' || m.attachments.length > 0, { message: 'text or attachments is required', path: ['text'] });
export type InboundWebhookMessage = z.output<typeof inboundWebhookMessage>;

export const webhookReceipt = z.object({
  status: z.enum(['accepted', 'duplicate', 'ignored']),
  ticket_id: z.uuid().optional(),
  message_id: z.uuid().optional(),
});

export const webhookChannelParams = z.object({ channelId: z.uuid() }).strict();
export const telegramParams = z.object({ channelId: z.uuid(), secretPathToken: z.string().min(1).max(200) }).strict();
