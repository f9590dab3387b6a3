/**
 * Request and response types of the API, inferred from the shared zod contracts
 * (type-only imports: no zod code reaches the browser bundle).
 */
import type { z } from 'zod';
import type { customerDto } from '../../../contracts/customers.ts';
import type { loginBody, sessionInfo } from '../../../contracts/session.ts';
import type { TicketClockDto } from '../../../contracts/sla.ts';
import type { createMessageBody, messageDto, ticketDto, ticketListItemDto, updateTicketBody } from '../../../contracts/tickets.ts';
import type { teamDto } from '../../../contracts/teams.ts';
import type { branchDto } from '../../../contracts/branches.ts';
import type { tierDto } from '../../../contracts/tiers.ts';
import type { organizationDto } from '../../../contracts/organizations.ts';
import type { updateUserBody, userDto } from '../../../contracts/users.ts';
import type { locale, ticketPriorities, ticketStatuses, channels } from '../../../contracts/common.ts';

export type Page<T> = { data: T[]; next_cursor: string | null };
export type Session = z.infer<typeof sessionInfo>;
export type LoginBody = z.input<typeof loginBody>;
export type Ticket = z.infer<typeof ticketDto>;
export type TicketListItem = z.infer<typeof ticketListItemDto>;
export type TicketPatch = z.input<typeof updateTicketBody>;
export type Message = z.infer<typeof messageDto>;
export type NewMessage = z.input<typeof createMessageBody>;
export type Clock = TicketClockDto;
export type Customer = z.infer<typeof customerDto>;
export type User = z.infer<typeof userDto>;
export type UserPatch = z.input<typeof updateUserBody>;
export type Team = z.infer<typeof teamDto>;
export type Branch = z.infer<typeof branchDto>;
export type Tier = z.infer<typeof tierDto>;
export type Organization = z.infer<typeof organizationDto>;
export type Locale = z.infer<typeof locale>;
export type TicketStatus = z.infer<typeof ticketStatuses>;
export type TicketPriority = z.infer<typeof ticketPriorities>;
export type Channel = z.infer<typeof channels>;

/** Mirrors contracts/common.ts enums as values (the contracts are imported as types only). */
export const LOCALES = ['en', 'th', 'vi', 'cs', 'ms'] as const satisfies readonly Locale[];
export const STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const satisfies readonly TicketStatus[];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const satisfies readonly TicketPriority[];
export const CHANNELS = ['email', 'web_form', 'chat', 'phone', 'visit', 'webhook', 'api', 'social', 'internal'] as const satisfies readonly Channel[];

// Fails to compile when a contract gains a value these lists do not have.
type Complete<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
export const LISTS_ARE_COMPLETE: [
  Complete<Locale, (typeof LOCALES)[number]>,
  Complete<TicketStatus, (typeof STATUSES)[number]>,
  Complete<TicketPriority, (typeof PRIORITIES)[number]>,
  Complete<Channel, (typeof CHANNELS)[number]>,
] = [true, true, true, true];
