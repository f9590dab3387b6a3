import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { presenceBody, TicketPresenceDto } from '../../../contracts/presence.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { DB } from '../../platform/schema.ts';
import type { RequestContext } from '../auth/actor.ts';
import { findTicket } from '../tickets/tickets.repository.ts';
import { findUser } from '../users/users.repository.ts';
import { PRESENCE_TTL_SECONDS, type PresenceHub } from './presence-hub.ts';

async function assertTicket(db: Kysely<DB>, ctx: RequestContext, ticketId: string) {
  if (!(await findTicket(db, ctx.workspaceId, ticketId))) throw notFound('Ticket');
}

function agentOf(ctx: RequestContext): string {
  // Presence is about people: an API key has no one to show.
  if (!ctx.actor.userId) throw new AppError('forbidden', 'Presence is for signed-in agents');
  return ctx.actor.userId;
}

function dto(hub: PresenceHub, ctx: RequestContext, ticketId: string): TicketPresenceDto {
  return { ticket_id: ticketId, agents: hub.snapshot(ctx.workspaceId, ticketId), ttl_seconds: PRESENCE_TTL_SECONDS };
}

/** A tab's heartbeat: "I have this ticket open (and am typing a reply)". Answers who is there now. */
export async function heartbeat(
  db: Kysely<DB>,
  hub: PresenceHub,
  ctx: RequestContext,
  ticketId: string,
  input: z.output<typeof presenceBody>,
): Promise<TicketPresenceDto> {
  const userId = agentOf(ctx);
  await assertTicket(db, ctx, ticketId);
  const user = await findUser(db, ctx.workspaceId, userId);
  await hub.publish(db, {
    op: 'set',
    workspace_id: ctx.workspaceId,
    ticket_id: ticketId,
    client_id: input.client_id,
    user_id: userId,
    name: user?.name ?? '',
    state: input.state,
    expires_at: new Date(ctx.now.getTime() + PRESENCE_TTL_SECONDS * 1000).toISOString(),
  });
  return dto(hub, ctx, ticketId);
}

export async function leave(db: Kysely<DB>, hub: PresenceHub, ctx: RequestContext, ticketId: string, clientId: string): Promise<void> {
  const userId = agentOf(ctx);
  await assertTicket(db, ctx, ticketId);
  await hub.publish(db, { op: 'leave', workspace_id: ctx.workspaceId, ticket_id: ticketId, client_id: clientId, user_id: userId });
}

export async function getPresence(db: Kysely<DB>, hub: PresenceHub, ctx: RequestContext, ticketId: string): Promise<TicketPresenceDto> {
  await assertTicket(db, ctx, ticketId);
  return dto(hub, ctx, ticketId);
}
