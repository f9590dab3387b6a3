import type { Kysely } from 'kysely';
import type { JobQueue } from '../../jobs/queue.ts';
import type { MessageDeliveryDto } from '../../../contracts/tickets.ts';
import type { DB, Message, Ticket } from '../../platform/schema.ts';
import { recordAgentReply } from './chat/chat.service.ts';
import { emailDeliveries, queueEmailReply } from './email/email-outbound.service.ts';
import { queueWebhookReply, webhookDeliveries } from './webhook/webhook-reply.ts';
import { identitiesOf } from '../customers/customers.repository.ts';

/**
 * Where an agent's public reply goes once it is stored: back through the channel the customer
 * uses. tickets.service calls this in the reply's own transaction, and each channel queues its
 * own durable delivery job there, so a reply leaves exactly when it commits and a restart loses
 * none. Internal notes and customer messages go nowhere.
 *
 * One branch per channel; a channel that delivers nothing outward (phone, visit, api, internal)
 * has none.
 */
export interface ReplyToDeliver {
  ticket: Ticket;
  message: Message;
}

export async function deliverReply(db: Kysely<DB>, jobs: JobQueue, reply: ReplyToDeliver): Promise<void> {
  if (reply.message.kind !== 'public_reply') return;
  switch (reply.ticket.channel) {
    // Channel branches are added here by the channel modules (email, web_form, chat, webhook, social).
    case 'chat':
      // Greeting / end of hold recorded in this transaction; the reply reaches the visitor's
      // socket through its own message_added notice after commit (chat/chat-hub.ts). Once the
      // chat has ended the visitor is gone: a follow-up goes out by email, as Zendesk and
      // Freshdesk do, when the customer left an address (otherwise it waits for their return).
      if (await recordAgentReply(db, reply.ticket, reply.message)) return;
      if (await hasEmailIdentity(db, reply.ticket.customer_id)) return queueEmailReply(db, jobs, reply);
      return;
    case 'email':
    case 'web_form':
      // Web-form tickets have the customer's email: replies go out by mail (email/email-send.job.ts).
      return queueEmailReply(db, jobs, reply);
    case 'webhook':
    case 'social':
      // A signed POST to the channel's callback URL, or Telegram's sendMessage (webhook/webhook-reply.ts).
      return queueWebhookReply(db, jobs, reply);
    default:
      return;
  }
}

/** The ticket's customer (of the ticket's workspace by construction) has an email address. */
async function hasEmailIdentity(db: Kysely<DB>, customerId: string): Promise<boolean> {
  return (await identitiesOf(db, [customerId])).some((i) => i.kind === 'email');
}

/**
 * How each of these messages left through its channel (the `delivery` of the message DTO);
 * messages with no outbound delivery are absent. Channels with a delivery record add theirs here.
 */
export async function messageDeliveries(db: Kysely<DB>, workspaceId: string, messageIds: string[]): Promise<Map<string, MessageDeliveryDto>> {
  const email = await emailDeliveries(db, workspaceId, messageIds);
  for (const [id, delivery] of await webhookDeliveries(db, workspaceId, messageIds)) email.set(id, delivery);
  return email;
}
