import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { MessageDeliveryDto } from '../../../../contracts/tickets.ts';
import type { Config } from '../../../config.ts';
import { defineJob } from '../../../jobs/job.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { DB, Message, Ticket } from '../../../platform/schema.ts';
import { secretBoxFor } from '../../../platform/secrets.ts';
import { appendEvent } from '../../tickets/ticket-writer.ts';
import * as deliveries from './channel-deliveries.repository.ts';
import { splitForTelegram } from './telegram-update.ts';
import { signedHeaders } from './webhook-signature.ts';
import * as repo from './webhooks.repository.ts';

/**
 * Agent replies on tickets of a webhook conversation leave through the channel: a signed POST to
 * the generic channel's callback URL, or Telegram's sendMessage. Queued by reply-delivery.ts in
 * the reply's transaction; the job retries with backoff; when it gives up (a 4xx other than
 * 408/429, no callback URL, channel gone, or the last attempt) the delivery row says `failed` and
 * the ticket gets a `webhook_delivery_failed` event.
 */

export const WEBHOOKS_REPLY = 'webhooks.reply';
const MAX_ATTEMPTS = 6;
const TIMEOUT_MS = 10_000;

export const webhooksReplyPayload = z.object({ workspace_id: z.uuid(), message_id: z.uuid() }).strict();

/** Called from reply-delivery.ts for `webhook` and `social` tickets. */
export async function queueWebhookReply(db: Kysely<DB>, jobs: JobQueue, reply: { ticket: Ticket; message: Message }): Promise<void> {
  // A ticket made through the API with channel `social` has no conversation to answer in.
  const thread = await repo.findThreadByTicket(db, reply.ticket.workspace_id, reply.ticket.id);
  if (!thread) return;
  await deliveries.insertDelivery(db, {
    message_id: reply.message.id,
    workspace_id: reply.ticket.workspace_id,
    ticket_id: reply.ticket.id,
    kind: 'webhook_reply',
    created_at: reply.message.created_at,
  });
  await jobs.send(db, WEBHOOKS_REPLY, { workspace_id: reply.ticket.workspace_id, message_id: reply.message.id }, { singletonKey: reply.message.id });
}

class DeliveryFailure extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

export type Fetch = typeof fetch;

async function post(fetchImpl: Fetch, url: string, body: string, headers: Record<string, string>, redact: string[]): Promise<void> {
  const clean = (s: string) => redact.reduce((acc, r) => (r ? acc.split(r).join('***') : acc), s);
  let res: Response;
  try {
    res = await fetchImpl(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new DeliveryFailure(clean(`request failed: ${(error as Error).message}${cause ? ` (${cause})` : ''}`), false);
  }
  if (res.ok) {
    await res.body?.cancel();
    return;
  }
  const text = clean((await res.text().catch(() => '')).slice(0, 300));
  const permanent = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
  throw new DeliveryFailure(`HTTP ${res.status}${text ? `: ${text}` : ''}`, permanent);
}

export interface WebhookReplyDeps {
  db: Kysely<DB>;
  config: Pick<Config, 'dataDir' | 'secretKey'>;
  fetch?: Fetch;
}

export async function deliverWebhookReply(
  deps: WebhookReplyDeps,
  workspaceId: string,
  messageId: string,
  now: Date,
): Promise<'sent' | 'done_before' | 'failed' | 'gone'> {
  const { db } = deps;
  const fetchImpl = deps.fetch ?? fetch;
  const delivery = await deliveries.findDelivery(db, workspaceId, messageId);
  if (!delivery) return 'gone';
  if (delivery.status !== 'pending') return 'done_before';
  const message = await deliveries.findMessage(db, workspaceId, messageId);
  const thread = message ? await repo.findThreadByTicket(db, workspaceId, message.ticket_id) : undefined;
  const channel = thread ? await repo.findChannel(db, workspaceId, thread.channel_id) : undefined;
  if (!message) return 'gone';
  const fail = async (reason: string) => {
    await db.transaction().execute(async (trx) => {
      await deliveries.recordAttempt(trx, workspaceId, messageId, { status: 'failed', error: reason });
      await appendEvent(trx, { id: message.ticket_id, workspace_id: workspaceId }, 'webhook_delivery_failed', { actor_type: 'system', actor_id: null }, {
        message_id: messageId,
        channel_id: thread?.channel_id ?? null,
        reason,
        attempts: delivery.attempts + 1,
      }, now);
    });
    return 'failed' as const;
  };
  if (!thread || !channel) return fail('the webhook channel of this conversation was deleted');
  if (!channel.enabled) return fail('the webhook channel is disabled');
  const box = secretBoxFor(deps.config);
  let partsSent = delivery.parts_sent;
  try {
    if (channel.kind === 'generic') {
      if (!channel.callback_url) return await fail('the channel has no callback_url');
      const author = message.author_user_id ? await repo.userName(db, workspaceId, message.author_user_id) : undefined;
      const body = JSON.stringify({
        type: 'reply',
        event_id: message.id,
        conversation_id: thread.conversation_id,
        ticket_id: message.ticket_id,
        message: { id: message.id, text: message.body_text, html: message.body_html, created_at: message.created_at.toISOString() },
        agent: { name: author?.name ?? null },
      });
      await post(fetchImpl, channel.callback_url, body, signedHeaders(box.open(channel.secret_sealed), now, body), []);
    } else {
      const token = channel.bot_token_sealed ? box.open(channel.bot_token_sealed) : null;
      if (!token) return await fail('the telegram channel has no bot token');
      const url = `${channel.api_base_url ?? 'https://api.telegram.org'}/bot${token}/sendMessage`;
      const parts = splitForTelegram(message.body_text);
      // Parts already accepted by Telegram are not sent again after a retry.
      for (let i = partsSent; i < parts.length; i++) {
        await post(fetchImpl, url, JSON.stringify({ chat_id: thread.conversation_id, text: parts[i] }), {}, [token]);
        partsSent = i + 1;
        await deliveries.recordPartsSent(db, workspaceId, messageId, partsSent);
      }
    }
  } catch (error) {
    const failure = error instanceof DeliveryFailure ? error : new DeliveryFailure(String(error), false);
    if (!failure.permanent && delivery.attempts + 1 < MAX_ATTEMPTS) {
      await deliveries.recordAttempt(db, workspaceId, messageId, { status: 'pending', error: failure.message, partsSent });
      throw failure;
    }
    return fail(failure.message);
  }
  await deliveries.recordAttempt(db, workspaceId, messageId, { status: 'sent', error: null, sentAt: now, partsSent });
  return 'sent';
}

export function webhooksReplyJob(deps: { db: Kysely<DB>; clock: Clock; config: Pick<Config, 'dataDir' | 'secretKey'> }) {
  return defineJob({
    name: WEBHOOKS_REPLY,
    payload: webhooksReplyPayload,
    retryLimit: MAX_ATTEMPTS,
    retryDelaySeconds: 15,
    handle: async (p) => {
      await deliverWebhookReply({ db: deps.db, config: deps.config }, p.workspace_id, p.message_id, deps.clock.now());
    },
  });
}

/** The `delivery` of replies sent through webhook channels (see reply-delivery.ts messageDeliveries). */
export async function webhookDeliveries(db: Kysely<DB>, workspaceId: string, messageIds: string[]): Promise<Map<string, MessageDeliveryDto>> {
  const rows = await deliveries.replyDeliveriesOf(db, workspaceId, messageIds);
  return new Map(
    rows.map((r) => [
      r.message_id,
      {
        channel: 'webhook',
        status: r.status === 'pending' ? 'queued' : r.status,
        attempts: r.attempts,
        error: r.last_error,
        updated_at: (r.sent_at ?? r.created_at).toISOString(),
      },
    ]),
  );
}
