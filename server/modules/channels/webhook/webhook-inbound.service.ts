import type { Kysely, Selectable } from 'kysely';
import { inboundWebhookMessage } from '../../../../contracts/webhooks.ts';
import type { Config } from '../../../config.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import type { DB, WebhookChannelsTable } from '../../../platform/schema.ts';
import { secretBoxFor } from '../../../platform/secrets.ts';
import { customerSegment, findOrCreateCustomerByIdentity } from '../../customers/customers.service.ts';
import { refreshTicketClocks } from '../../sla-clocks/sla-clocks.service.ts';
import { appendMessage, openTicket } from '../../tickets/ticket-writer.ts';
import { parseTelegramUpdate } from './telegram-update.ts';
import { safeEqual, telegramPathToken, verifySignature } from './webhook-signature.ts';
import * as repo from './webhooks.repository.ts';

/**
 * Inbound messages of webhook channels. A generic call proves itself with the HMAC signature
 * (webhook-signature.ts); a Telegram call with the secret path token and Telegram's
 * `X-Telegram-Bot-Api-Secret-Token` header. Then, in one transaction: the replay receipt, the
 * customer by `social` identity `<channel kind>:<sender id>`, the conversation's open ticket (or a
 * new one) and the customer message. A failure rolls the receipt back too, so the sender's retry
 * is processed: nothing is lost, nothing stored twice.
 */

type Channel = Selectable<WebhookChannelsTable>;
type SecretConfig = Pick<Config, 'dataDir' | 'secretKey'>;

export interface NormalizedInbound {
  eventKey: string;
  conversationId: string;
  sender: { id: string; handle?: string | undefined; name?: string | undefined };
  text: string;
  attachments: Record<string, unknown>[];
  extra?: Record<string, unknown>;
}

export type InboundResult = { status: 'accepted'; ticket_id: string; message_id: string } | { status: 'duplicate' } | { status: 'ignored' };

async function loadChannel(db: Kysely<DB>, channelId: string, kind: Channel['kind']): Promise<Channel> {
  const channel = await repo.findPublicChannel(db, channelId);
  if (!channel || channel.kind !== kind || !channel.enabled) throw notFound('Webhook channel');
  return channel;
}

export async function receiveGenericWebhook(
  db: Kysely<DB>,
  config: SecretConfig,
  now: Date,
  channelId: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  rawBody: Buffer,
): Promise<InboundResult> {
  const channel = await loadChannel(db, channelId, 'generic');
  const secret = secretBoxFor(config).open(channel.secret_sealed);
  const check = verifySignature(secret, headers, rawBody, now);
  if (!check.ok) {
    if (check.reason === 'timestamp_stale') throw new AppError('webhook_timestamp_stale', 'X-Gapwise-Timestamp is more than 5 minutes away from our clock');
    throw new AppError('webhook_signature_invalid', 'X-Gapwise-Signature does not match HMAC-SHA256 of "<timestamp>.<body>" with the channel secret');
  }
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new AppError('malformed_json', 'The request body is not valid JSON');
  }
  const parsed = inboundWebhookMessage.safeParse(json);
  if (!parsed.success) {
    throw new AppError('validation_failed', 'The message is not valid', {
      issues: parsed.error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message })),
    });
  }
  const m = parsed.data;
  const result = await ingest(db, channel, now, {
    eventKey: m.event_id ? `event:${m.event_id}` : `sig:${check.signature}`,
    conversationId: m.conversation_id,
    sender: m.sender,
    text: m.text ?? '',
    attachments: m.attachments,
  });
  if (result.status === 'duplicate') throw new AppError('webhook_replayed', 'This event was received before');
  return result;
}

export async function receiveTelegramUpdate(
  db: Kysely<DB>,
  config: SecretConfig,
  now: Date,
  channelId: string,
  pathToken: string,
  secretHeader: string | undefined,
  rawBody: Buffer,
): Promise<InboundResult> {
  const channel = await loadChannel(db, channelId, 'telegram');
  const secret = secretBoxFor(config).open(channel.secret_sealed);
  if (!safeEqual(pathToken, telegramPathToken(secret)) || !secretHeader || !safeEqual(secretHeader, secret)) {
    throw new AppError('webhook_signature_invalid', 'The path token or X-Telegram-Bot-Api-Secret-Token does not match this channel');
  }
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new AppError('malformed_json', 'The request body is not valid JSON');
  }
  const update = parseTelegramUpdate(json);
  // Telegram retries anything but 2xx: updates we do not handle are acknowledged and dropped.
  if (update.kind === 'ignored') return { status: 'ignored' };
  const kindNote = update.attachments.map((a) => `[${a.kind}${a.filename ? `: ${a.filename}` : ''}]`).join(' ');
  const text = [update.edited ? '(edited) ' + update.text : update.text, kindNote].filter((s) => s.trim() !== '').join('\n');
  // Telegram redelivers the same update_id until it gets a 2xx: a repeat is answered 200, not 409.
  return ingest(db, channel, now, {
    eventKey: `update:${update.updateId}`,
    conversationId: update.chatId,
    sender: update.sender,
    text,
    attachments: update.attachments as unknown as Record<string, unknown>[],
    extra: { update_id: update.updateId, edited: update.edited },
  });
}

async function ingest(db: Kysely<DB>, channel: Channel, now: Date, m: NormalizedInbound): Promise<InboundResult> {
  return db.transaction().execute(async (trx) => {
    if (!(await repo.recordReceipt(trx, channel.workspace_id, channel.id, m.eventKey, now))) return { status: 'duplicate' as const };
    await repo.lockConversation(trx, channel.id, m.conversationId);
    const { customer } = await findOrCreateCustomerByIdentity(
      trx,
      channel.workspace_id,
      { kind: 'social', value: `${channel.kind}:${m.sender.id}` },
      { name: m.sender.name || m.sender.handle },
      now,
    );
    const actor = { actor_type: 'customer' as const, actor_id: customer.id };
    let ticket = await repo.findOpenThreadTicket(trx, channel.workspace_id, channel.id, m.conversationId);
    if (!ticket) {
      const segment = await customerSegment(trx, customer);
      const firstLine = m.text.split('\n').find((l) => l.trim() !== '')?.trim();
      ticket = await openTicket(trx, {
        workspaceId: channel.workspace_id,
        subject: (firstLine ?? `Message from ${m.sender.name || m.sender.handle || m.sender.id}`).slice(0, 120),
        customerId: customer.id,
        organizationId: segment.organizationId,
        tierId: segment.tierId,
        channel: channel.kind === 'telegram' ? 'social' : 'webhook',
        status: 'new',
        priority: 'normal',
        at: now,
        actor,
      });
      await repo.insertThread(trx, { ticket_id: ticket.id, workspace_id: channel.workspace_id, channel_id: channel.id, conversation_id: m.conversationId, created_at: now });
    }
    const { message, ticket: after } = await appendMessage(trx, ticket, {
      kind: 'customer',
      channel: ticket.channel,
      text: m.text.trim() === '' ? m.attachments.map((a) => `[${String(a.filename ?? a.kind ?? 'attachment')}]`).join(' ') : m.text,
      html: null,
      authorCustomerId: customer.id,
      metadata: {
        webhook: {
          channel_id: channel.id,
          kind: channel.kind,
          conversation_id: m.conversationId,
          sender: m.sender,
          event: m.eventKey,
          attachments: m.attachments,
          ...(m.extra ?? {}),
        },
      },
      at: now,
      actor,
    });
    await refreshTicketClocks(trx, after, now);
    return { status: 'accepted' as const, ticket_id: ticket.id, message_id: message.id };
  });
}
