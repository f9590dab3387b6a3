import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { chatPage, chatTypingBody, listChatsQuery, presenceDto, ticketIdParams } from '../../../../contracts/chat.ts';
import { contextOf, dbOf } from '../../../http/context.ts';
import { sendProblem } from '../../../http/problem.ts';
import { AppError } from '../../../platform/errors.ts';
import { actorRef } from '../../auth/actor.ts';
import { findWorkspace, findWorkspaceBySlug } from '../../workspaces/workspaces.repository.ts';
import { AgentSocket } from './agent-socket.ts';
import { ChatHub } from './chat-hub.ts';
import { KeyedBuckets } from './chat-rate-limit.ts';
import { ChatSignals } from './chat-signals.ts';
import { assertChat, endChat, goAway, heartbeat, listChats } from './chat.service.ts';
import { VisitorSocket } from './visitor-socket.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const visitorSocketQuery = z.object({ workspace: z.string().min(1).max(100).describe('Workspace slug or id (the embed’s data-workspace)') }).strict();

function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** A plain GET of a socket URL: what to do instead. */
function upgradeRequired(_request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(reply.header('upgrade', 'websocket'), 'validation_failed', 'This endpoint speaks WebSocket; connect with an Upgrade: websocket request');
}

/**
 * Live chat routes (under /api/v1). @fastify/websocket is registered once on the root app
 * (server/http/app.ts); the socket routes use `wsHandler` + a plain `handler`, so they are
 * documented in the OpenAPI document like every other route.
 */
export async function chatRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database, clock, events, config } = app.deps;
  const presenceMs = config.chatPresenceSeconds * 1000;
  const signals = new ChatSignals(database);
  const hub = new ChatHub(events, signals);
  const messagesPerMinute = config.chatMessagesPerMinute;
  // Every socket of one client address together: a burst of 20, then twice one socket's rate.
  const perAddress = new KeyedBuckets(20, (2 * messagesPerMinute) / 60);
  const workspaceOf = new WeakMap<FastifyRequest, string>();
  app.addHook('onReady', async () => signals.start());
  app.addHook('onClose', async () => signals.stop());
  const tags = ['chat'];

  app.route({
    method: 'GET',
    url: '/public/chat/socket',
    config: { auth: 'public' },
    schema: {
      tags,
      summary: 'The chat widget’s WebSocket (visitor side)',
      description:
        'Upgrade to WebSocket. Frames are JSON: first `hello` {token?, page?}, answered by `welcome` {token, online, chat, messages}; then `message`, `typing`, `email`, `end`, `ping`. Invalid frames get an `error` frame. Frames over 16 KiB close the socket.',
      querystring: visitorSocketQuery,
    },
    preHandler: async (request) => {
      const ref = (request.query as z.infer<typeof visitorSocketQuery>).workspace;
      const workspace = UUID.test(ref) ? await findWorkspace(dbOf(request), ref) : await findWorkspaceBySlug(dbOf(request), ref);
      if (!workspace) throw new AppError('not_found', 'Workspace not found');
      workspaceOf.set(request, workspace.id);
    },
    handler: upgradeRequired,
    wsHandler: (socket: WebSocket, request: FastifyRequest) => {
      const workspaceId = workspaceOf.get(request);
      if (!workspaceId) return socket.close(1011);
      new VisitorSocket(socket, { db: database.db, clock, hub, signals, log: request.log, presenceMs, messagesPerMinute, perAddress }, workspaceId, request.ip);
    },
  });

  app.route({
    method: 'GET',
    url: '/chats/socket',
    config: { auth: 'agent' },
    schema: {
      tags,
      summary: 'Agents’ chat socket: visitor typing in, agent typing out; keeps the agent online',
      description: 'Upgrade to WebSocket. Send `{type:"typing", ticket_id, typing}`; receive `{type:"visitor_typing", ticket_id, typing}`. Stored events (messages, chat_started, …) come on GET /api/v1/events.',
    },
    preHandler: async (request) => {
      // A browser sends the session cookie with a cross-site WebSocket too: same-origin only.
      const origin = request.headers.origin;
      if (origin && request.headers.cookie && !sameHost(origin, request.headers.host)) {
        throw new AppError('csrf_failed', 'Cross-site sockets are not allowed');
      }
    },
    handler: upgradeRequired,
    wsHandler: (socket: WebSocket, request: FastifyRequest) => {
      new AgentSocket(socket, { db: database.db, clock, hub, signals, log: request.log, presenceMs }, contextOf(request));
    },
  });

  app.get(
    '/chats',
    { config: { auth: 'agent' }, schema: { tags, summary: 'Live chats (newest first), by state', querystring: listChatsQuery, response: { 200: chatPage } } },
    async (request) => listChats(dbOf(request), contextOf(request), request.query),
  );
  app.post(
    '/chats/presence',
    { config: { auth: 'agent' }, schema: { tags, summary: 'Presence heartbeat: the caller counts as online for GAPWISE_CHAT_PRESENCE_SECONDS', response: { 200: presenceDto } } },
    async (request) => heartbeat(dbOf(request), contextOf(request), presenceMs),
  );
  app.delete(
    '/chats/presence',
    { config: { auth: 'agent' }, schema: { tags, summary: 'Go offline now (chats started from now on become email tickets if nobody else is online)' } },
    async (request, reply) => {
      await goAway(dbOf(request), contextOf(request));
      return reply.code(204).send();
    },
  );
  app.post(
    '/chats/:ticketId/typing',
    { config: { auth: 'agent' }, schema: { tags, summary: 'Show or hide “agent is typing” in the visitor’s widget', params: ticketIdParams, body: chatTypingBody } },
    async (request, reply) => {
      const ctx = contextOf(request);
      await assertChat(dbOf(request), ctx.workspaceId, request.params.ticketId);
      await signals.send(dbOf(request), { workspace_id: ctx.workspaceId, ticket_id: request.params.ticketId, from: 'agent', typing: request.body.typing });
      return reply.code(204).send();
    },
  );
  app.post(
    '/chats/:ticketId/end',
    { config: { auth: 'agent' }, schema: { tags, summary: 'End a chat (records chat_ended; the ticket stays as it is)', params: ticketIdParams } },
    async (request, reply) => {
      const ctx = contextOf(request);
      await endChat(dbOf(request), ctx.workspaceId, request.params.ticketId, 'agent', actorRef(ctx.actor), ctx.now);
      return reply.code(204).send();
    },
  );
}
