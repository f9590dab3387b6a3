import { z } from 'zod';
import { ticketPriorities, ticketStatuses, timestamp } from './common.ts';
import { customerRef, messageDto, ticketDto } from './tickets.ts';

/** Phone calls and in-person visits logged by agents (issue 4, item 7). */

export const contactDirections = z.enum(['inbound', 'outbound']);
export const callOutcomes = z.enum(['resolved', 'follow_up', 'callback_requested', 'voicemail', 'no_answer', 'busy']);
export const visitOutcomes = z.enum(['resolved', 'follow_up', 'no_show']);

const contactFields = {
  direction: contactDirections.describe('inbound: the customer called / walked in; outbound: the agent called / visited the customer'),
  duration_seconds: z.number().int().min(0).max(24 * 3600),
  branch_id: z.uuid().nullable().optional(),
  notes: z.string().trim().min(1).max(20_000).describe("The agent's notes: what was said and agreed"),
  reason: z.string().trim().min(1).max(2_000).optional().describe("What the customer asked, in a line (inbound); defaults to a summary line"),
  at: z.iso.datetime({ offset: true }).optional().describe('When the call or visit started; default: now minus the duration'),
  status: ticketStatuses.exclude(['closed']).optional().describe('Ticket status after the call (e.g. solved when it was settled)'),
};

const newTicketFields = {
  customer: customerRef,
  subject: z.string().trim().min(1).max(500),
  priority: ticketPriorities.default('normal'),
  team_id: z.uuid().nullable().optional(),
  assignee_id: z.uuid().nullable().optional(),
};

export const logCallBody = z.object({ ...contactFields, outcome: callOutcomes }).strict();
export const logVisitBody = z.object({ ...contactFields, outcome: visitOutcomes }).strict();
export const newCallBody = z.object({ ...contactFields, ...newTicketFields, outcome: callOutcomes }).strict();
export const newVisitBody = z.object({ ...contactFields, ...newTicketFields, outcome: visitOutcomes }).strict();

export const contactDetailsDto = z.object({
  id: z.uuid(),
  type: z.enum(['call', 'visit']),
  direction: contactDirections,
  duration_seconds: z.number().int(),
  outcome: z.string(),
  branch_id: z.uuid().nullable(),
  started_at: timestamp,
  ended_at: timestamp,
});

export const loggedContactDto = z.object({
  contact: contactDetailsDto,
  ticket: ticketDto,
  messages: z.array(messageDto).describe('The messages the call or visit was written as (see README: who speaks when)'),
});
export type LoggedContactDto = z.infer<typeof loggedContactDto>;
