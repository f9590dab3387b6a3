import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { notifyEvent } from '../../platform/realtime.ts';
import type { ActorType, Attachment, DB, MessageKind, Ticket, TicketPriority, TicketStatus } from '../../platform/schema.ts';
import { nextTicketNumber } from '../workspaces/workspaces.repository.ts';
import * as repo from './tickets.repository.ts';
import { canChangeStatus, resolutionStamps, statusAfterMessage } from './ticket-status.ts';

/**
 * The one way tickets, messages and ticket_events are written. Live API
 * calls, channels, the importer and the demo seeder all come through here,
 * with their own timestamps and authors, so history looks the same however
 * it arrived. Call inside a transaction: a change and its events commit together.
 */

export interface EventActor {
  actor_type: ActorType;
  actor_id: string | null;
}

export async function appendEvent(
  db: Kysely<DB>,
  ticket: Pick<Ticket, 'id' | 'workspace_id'>,
  type: string,
  actor: EventActor,
  data: Record<string, unknown>,
  at: Date,
) {
  const event = await repo.insertEvent(db, {
    id: newId(at.getTime()),
    workspace_id: ticket.workspace_id,
    ticket_id: ticket.id,
    type,
    ...actor,
    data,
    occurred_at: at,
  });
  await notifyEvent(db, {
    seq: event.seq,
    id: event.id,
    workspace_id: event.workspace_id,
    ticket_id: event.ticket_id,
    type: event.type,
    actor_type: event.actor_type,
    actor_id: event.actor_id,
    occurred_at: event.occurred_at.toISOString(),
  });
  return event;
}

export interface OpenTicketSpec {
  workspaceId: string;
  subject: string;
  customerId: string;
  organizationId: string | null;
  tierId: string | null;
  channel: string;
  status: TicketStatus;
  priority: TicketPriority;
  category?: string | null | undefined;
  tags?: string[] | undefined;
  assigneeId?: string | null | undefined;
  teamId?: string | null | undefined;
  branchId?: string | null | undefined;
  customFields?: Record<string, unknown> | undefined;
  externalId?: string | null | undefined;
  at: Date;
  actor: EventActor;
}

export async function openTicket(db: Kysely<DB>, spec: OpenTicketSpec): Promise<Ticket> {
  const number = await nextTicketNumber(db, spec.workspaceId);
  const stamps = resolutionStamps(spec.status, spec.at, { solved_at: null, closed_at: null });
  const ticket = await repo.insertTicket(db, {
    id: newId(spec.at.getTime()),
    workspace_id: spec.workspaceId,
    number,
    subject: spec.subject,
    status: spec.status,
    priority: spec.priority,
    channel: spec.channel,
    category: spec.category ?? null,
    tags: dedupeTags(spec.tags ?? []),
    assignee_id: spec.assigneeId ?? null,
    team_id: spec.teamId ?? null,
    branch_id: spec.branchId ?? null,
    customer_id: spec.customerId,
    organization_id: spec.organizationId,
    tier_id: spec.tierId,
    custom_fields: JSON.stringify(spec.customFields ?? {}),
    external_id: spec.externalId ?? null,
    created_at: spec.at,
    updated_at: spec.at,
    ...stamps,
  });
  await appendEvent(db, ticket, 'created', spec.actor, {
    number,
    subject: ticket.subject,
    channel: ticket.channel,
    status: ticket.status,
    priority: ticket.priority,
    customer_id: ticket.customer_id,
    tier_id: ticket.tier_id,
    assignee_id: ticket.assignee_id,
    team_id: ticket.team_id,
    branch_id: ticket.branch_id,
    // What SLA policy conditions read (the clock engine rebuilds the ticket from its events).
    organization_id: ticket.organization_id,
    category: ticket.category,
    tags: ticket.tags,
    custom_fields: ticket.custom_fields,
  }, spec.at);
  return ticket;
}

export interface MessageSpec {
  kind: MessageKind;
  channel: string;
  text: string;
  html: string | null;
  attachments?: Attachment[] | undefined;
  authorUserId?: string | null | undefined;
  authorCustomerId?: string | null | undefined;
  /** Status the agent chose together with the reply. */
  requestedStatus?: TicketStatus | undefined;
  /** Channel details stored with the message (a call's direction and outcome, a webhook sender). */
  metadata?: Record<string, unknown> | undefined;
  at: Date;
  actor: EventActor;
}

export async function appendMessage(db: Kysely<DB>, ticket: Ticket, spec: MessageSpec) {
  if (ticket.status === 'closed') throw new AppError('conflict', 'The ticket is closed; open a follow-up ticket instead');
  const authorType = spec.kind === 'customer' ? 'customer' : spec.authorUserId ? 'user' : 'system';
  const message = await repo.insertMessage(db, {
    id: newId(spec.at.getTime()),
    workspace_id: ticket.workspace_id,
    ticket_id: ticket.id,
    kind: spec.kind,
    author_type: authorType,
    author_user_id: spec.authorUserId ?? null,
    author_customer_id: spec.authorCustomerId ?? null,
    channel: spec.channel,
    body_text: spec.text,
    body_html: spec.html,
    attachments: JSON.stringify(spec.attachments ?? []),
    metadata: JSON.stringify(spec.metadata ?? {}),
    created_at: spec.at,
  });
  await appendEvent(db, ticket, 'message_added', spec.actor, {
    message_id: message.id,
    kind: message.kind,
    channel: message.channel,
    author_type: authorType,
    attachments: (spec.attachments ?? []).length,
  }, spec.at);
  const nextStatus = statusAfterMessage(ticket.status, spec.kind, spec.requestedStatus);
  const updated = await applyChanges(db, ticket, nextStatus === ticket.status ? {} : { status: nextStatus }, spec.actor, spec.at, {
    touch: true,
  });
  return { message, ticket: updated };
}

export interface TicketChanges {
  subject?: string | undefined;
  status?: TicketStatus | undefined;
  priority?: TicketPriority | undefined;
  category?: string | null | undefined;
  tags?: string[] | undefined;
  assignee_id?: string | null | undefined;
  team_id?: string | null | undefined;
  branch_id?: string | null | undefined;
  custom_fields?: Record<string, unknown> | undefined;
}

/** Event type written for each changed field. */
const EVENT_FOR_FIELD: Record<keyof TicketChanges, string> = {
  subject: 'subject_changed',
  status: 'status_changed',
  priority: 'priority_changed',
  category: 'category_changed',
  tags: 'tags_changed',
  assignee_id: 'assigned',
  team_id: 'team_changed',
  branch_id: 'branch_changed',
  custom_fields: 'custom_fields_changed',
};

/**
 * Applies field changes, writing one event per field that really changed
 * (with from/to). `touch` bumps updated_at even when no field changed
 * (a new message is activity).
 */
export async function applyChanges(
  db: Kysely<DB>,
  ticket: Ticket,
  changes: TicketChanges,
  actor: EventActor,
  at: Date,
  options: { touch?: boolean } = {},
): Promise<Ticket> {
  const set: Record<string, unknown> = {};
  const events: { type: string; data: Record<string, unknown> }[] = [];
  for (const field of Object.keys(EVENT_FOR_FIELD) as (keyof TicketChanges)[]) {
    const to = field === 'tags' && changes.tags ? dedupeTags(changes.tags) : changes[field];
    if (to === undefined) continue;
    const from = ticket[field];
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    if (field === 'status' && !canChangeStatus(ticket.status, to as TicketStatus)) {
      throw new AppError('conflict', 'A closed ticket cannot change status');
    }
    set[field] = field === 'custom_fields' ? JSON.stringify(to) : to;
    events.push({ type: EVENT_FOR_FIELD[field], data: { from, to } });
  }
  if (changes.status && changes.status !== ticket.status) Object.assign(set, resolutionStamps(changes.status, at, ticket));
  if (events.length === 0 && !options.touch) return ticket;
  // Imported history can arrive out of order; updated_at never moves back.
  set.updated_at = at > ticket.updated_at ? at : ticket.updated_at;
  const updated = await repo.updateTicket(db, ticket.workspace_id, ticket.id, set);
  for (const e of events) await appendEvent(db, ticket, e.type, actor, e.data, at);
  return updated;
}

function dedupeTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim().toLowerCase()).filter(Boolean))];
}
