import { z } from 'zod';
import { page, pageQuery, timestamp } from './common.ts';

/**
 * Live chat (issue 4, item 6): the frames of the visitor's WebSocket (the widget) and of the
 * agents' chat socket, and the agents' REST contracts. Every frame a client sends is parsed
 * with these schemas; a frame that does not parse gets an `error` frame, never a crash.
 */

/** Longest visitor message, in characters (UTF-16 units, like the widget's textarea). */
export const MAX_CHAT_TEXT = 4000;
/** Largest WebSocket frame the server accepts, in bytes; bigger ones close the socket (1009). */
export const MAX_CHAT_FRAME_BYTES = 16 * 1024;

/** `v1.<visitor id>.<secret>`: the widget keeps it in localStorage; the server stores a hash of the secret. */
export const visitorToken = z.string().regex(/^v1\.[0-9a-f-]{36}\.[A-Za-z0-9_-]{32,64}$/);

// ---- visitor → server --------------------------------------------------------------------------

export const visitorHelloFrame = z
  .object({
    type: z.literal('hello'),
    token: z.string().max(200).optional().describe('The token of an earlier welcome; a missing or unknown one gets a new visitor'),
    page: z.string().max(2000).optional().describe('The page the visitor is on (shown to agents)'),
  })
  .strict();

export const visitorMessageFrame = z
  .object({
    type: z.literal('message'),
    text: z.string().max(MAX_CHAT_TEXT),
    client_id: z.string().max(64).optional().describe('Echoed in the ack, so the widget can match its optimistic bubble'),
  })
  .strict();

export const visitorTypingFrame = z.object({ type: z.literal('typing'), typing: z.boolean() }).strict();
export const visitorEmailFrame = z
  .object({ type: z.literal('email'), email: z.email().max(320), name: z.string().trim().max(200).optional() })
  .strict();
export const visitorEndFrame = z.object({ type: z.literal('end') }).strict();
export const pingFrame = z.object({ type: z.literal('ping') }).strict();

export const visitorFrame = z.discriminatedUnion('type', [
  visitorHelloFrame,
  visitorMessageFrame,
  visitorTypingFrame,
  visitorEmailFrame,
  visitorEndFrame,
  pingFrame,
]);
export type VisitorFrame = z.infer<typeof visitorFrame>;

// ---- server → visitor (typed for the widget; the server builds them, it does not parse them) ----

export interface ChatMessageFrameBody {
  id: string;
  from: 'visitor' | 'agent';
  agent_name: string | null;
  text: string;
  at: string;
}

export type ChatState = 'waiting' | 'active' | 'ended';

export type ServerFrame =
  | { type: 'welcome'; token: string; visitor_id: string; online: boolean; email: string | null; chat: { ticket_id: string; state: ChatState } | null; messages: ChatMessageFrameBody[] }
  | { type: 'message'; message: ChatMessageFrameBody }
  | { type: 'ack'; client_id: string | null; message_id: string; ticket_id: string }
  | { type: 'typing'; typing: boolean }
  | { type: 'state'; state: ChatState; online: boolean }
  /** No agent is online: the message became an email ticket; replies come by email. */
  | { type: 'offline_ticket'; ticket_id: string; email: string }
  | { type: 'email_saved'; email: string }
  | { type: 'error'; code: ChatErrorCode; message: string }
  /** The chat ended: the satisfaction question, answered in the widget (JSON POST to `path`) or on the page at `path`. */
  | { type: 'survey'; survey: ChatSurveyPrompt }
  | { type: 'pong' };

/** The inline survey of an ended chat, in the visitor's language (server/modules/surveys/chat-survey.service.ts). */
export interface ChatSurveyPrompt {
  invitation_id: string;
  /** `/s/<token>`: the response page; a JSON POST `{answers, version}` to it records the answer. */
  path: string;
  version: number;
  locale: string;
  title: string;
  question: { id: string; text: string; choices: { value: number; label: string }[] };
  comment: { id: string; text: string } | null;
  texts: { submit: string; thank_you: string; open_full: string };
}

export type ChatErrorCode =
  | 'bad_frame'
  | 'hello_first'
  | 'rate_limited'
  | 'email_required'
  | 'empty_message'
  | 'chat_closed'
  | 'unknown_workspace'
  | 'internal_error';

// ---- agents' socket ------------------------------------------------------------------------------

export const agentSocketFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('typing'), ticket_id: z.uuid(), typing: z.boolean() }).strict(),
  pingFrame,
]);
export type AgentSocketFrame = z.infer<typeof agentSocketFrame>;

export type AgentServerFrame =
  | { type: 'visitor_typing'; ticket_id: string; typing: boolean }
  | { type: 'error'; code: 'bad_frame' | 'rate_limited' | 'not_found'; message: string }
  | { type: 'pong' };

// ---- REST ----------------------------------------------------------------------------------------

export const chatStates = z.enum(['waiting', 'active', 'ended']);

export const listChatsQuery = z
  .object({
    state: chatStates.optional().describe('waiting: the visitor waits for an agent (not greeted yet, or on hold); active: answered; ended'),
    ...pageQuery,
  })
  .strict();

export const chatDto = z.object({
  ticket_id: z.uuid(),
  ticket_number: z.number().int(),
  ticket_status: z.string(),
  customer_id: z.uuid(),
  visitor_id: z.uuid(),
  email: z.string().nullable(),
  state: chatStates,
  page_url: z.string().nullable(),
  started_at: timestamp,
  greeted_at: timestamp.nullable(),
  waiting_since: timestamp.nullable().describe('When the current wait for an agent began (chat start before the greeting); null when answered'),
  last_message_at: timestamp,
  ended_at: timestamp.nullable(),
  visitor_seen_at: timestamp.describe('Last sign of life of the visitor’s socket'),
});
export type ChatDto = z.infer<typeof chatDto>;
export const chatPage = page(chatDto);

export const chatTypingBody = z.object({ typing: z.boolean() }).strict();
export const ticketIdParams = z.object({ ticketId: z.uuid() }).strict();

export const presenceDto = z.object({
  online_agents: z.number().int().describe('Agents with a heartbeat within the presence window'),
  presence_seconds: z.number().int().describe('How long one heartbeat keeps an agent online'),
});
