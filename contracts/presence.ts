import { z } from 'zod';

/**
 * Who else has a ticket open ("someone else is viewing / replying"). Ephemeral: kept by a
 * heartbeat, never stored; changes also arrive on GET /events as `event: presence` (no id).
 */
export const presenceStates = z.enum(['viewing', 'replying']);

export const presenceBody = z
  .object({
    client_id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).describe('A random id per browser tab, so two tabs of one agent count separately'),
    state: presenceStates,
  })
  .strict();

export const presenceLeaveQuery = z.object({ client_id: presenceBody.shape.client_id }).strict();

export const ticketPresenceDto = z.object({
  ticket_id: z.uuid(),
  agents: z.array(z.object({ user_id: z.uuid(), name: z.string(), state: presenceStates })).describe('One entry per agent (replying wins over viewing), by name; includes the caller'),
  ttl_seconds: z.number().int().describe('A heartbeat must come within this long, or the agent is gone'),
});
export type TicketPresenceDto = z.infer<typeof ticketPresenceDto>;
