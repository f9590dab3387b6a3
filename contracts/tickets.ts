import { z } from 'zod';
import { channels, customFields, identityKinds, page, pageQuery, ticketPriorities, ticketStatuses, timestamp } from './common.ts';
import { slaListFilters, ticketSlaDto, ticketSlaSummaryDto, ticketSorts } from './sla.ts';

export const attachmentMeta = z
  .object({
    filename: z.string().min(1).max(255),
    content_type: z.string().min(1).max(255),
    size: z.number().int().min(0),
    storage_key: z.string().max(500).optional(),
    content_id: z.string().max(500).optional(),
  })
  .strict();

export const ticketDto = z.object({
  id: z.uuid(),
  number: z.number().int(),
  subject: z.string(),
  status: ticketStatuses,
  priority: ticketPriorities,
  channel: z.string(),
  category: z.string().nullable(),
  tags: z.array(z.string()),
  assignee_id: z.uuid().nullable(),
  team_id: z.uuid().nullable(),
  branch_id: z.uuid().nullable(),
  customer_id: z.uuid(),
  organization_id: z.uuid().nullable(),
  tier_id: z.uuid().nullable(),
  custom_fields: z.record(z.string(), z.unknown()),
  external_id: z.string().nullable(),
  created_at: timestamp,
  updated_at: timestamp,
  solved_at: timestamp.nullable(),
  closed_at: timestamp.nullable(),
  sla: ticketSlaDto,
});
export type TicketDto = z.infer<typeof ticketDto>;
/** In lists, the SLA summary without the clocks. */
export const ticketListItemDto = ticketDto.extend({ sla: ticketSlaSummaryDto });
export type TicketListItemDto = z.infer<typeof ticketListItemDto>;

export const messageKinds = z.enum(['customer', 'public_reply', 'internal_note']);

/** How an agent's public reply left through its channel (email today); null for messages that are not sent anywhere. */
export const messageDelivery = z.object({
  channel: z.string(),
  status: z.enum(['queued', 'sent', 'failed', 'not_sent']),
  attempts: z.number().int(),
  error: z.string().nullable().describe('Why the last attempt failed'),
  updated_at: timestamp,
});
export type MessageDeliveryDto = z.infer<typeof messageDelivery>;

export const messageDto = z.object({
  id: z.uuid(),
  ticket_id: z.uuid(),
  kind: messageKinds,
  author_type: z.enum(['customer', 'user', 'system']),
  author_user_id: z.uuid().nullable(),
  author_customer_id: z.uuid().nullable(),
  channel: z.string(),
  body_text: z.string(),
  body_html: z.string().nullable(),
  attachments: z.array(attachmentMeta),
  metadata: z.record(z.string(), z.unknown()).describe('Channel details, e.g. `call` (direction, duration, outcome) or `webhook` (sender, conversation)'),
  delivery: messageDelivery.nullable().describe('Delivery of a public reply through the ticket channel (e.g. email): queued, sent, failed, not_sent'),
  created_at: timestamp,
});
export type MessageDto = z.infer<typeof messageDto>;

export const eventDto = z.object({
  id: z.uuid(),
  seq: z.number().int(),
  ticket_id: z.uuid(),
  type: z.string(),
  actor_type: z.string(),
  actor_id: z.uuid().nullable(),
  data: z.record(z.string(), z.unknown()),
  occurred_at: timestamp,
});
export type EventDto = z.infer<typeof eventDto>;

const MAX_BODY = 256 * 1024;
const tag = z.string().trim().min(1).max(100).regex(/^[^\s,]+$/, 'no spaces or commas');

const messageInput = z
  .object({
    kind: messageKinds.default('customer'),
    body_text: z.string().max(MAX_BODY).optional(),
    body_html: z.string().max(MAX_BODY * 2).optional(),
    attachments: z.array(attachmentMeta).max(100).default([]),
  })
  .strict()
  .refine((m) => (m.body_text?.trim() ?? '') !== '' || (m.body_html?.trim() ?? '') !== '', {
    message: 'body_text or body_html is required',
    path: ['body_text'],
  });

export const createMessageBody = z
  .object({
    kind: messageKinds.default('public_reply'),
    body_text: z.string().max(MAX_BODY).optional(),
    body_html: z.string().max(MAX_BODY * 2).optional(),
    attachments: z.array(attachmentMeta).max(100).default([]),
    status: ticketStatuses.optional().describe('Set the ticket status together with the reply (e.g. pending)'),
  })
  .strict()
  .refine((m) => (m.body_text?.trim() ?? '') !== '' || (m.body_html?.trim() ?? '') !== '', {
    message: 'body_text or body_html is required',
    path: ['body_text'],
  });

export const customerRef = z
  .object({
    id: z.uuid().optional(),
    email: z.email().max(320).optional(),
    phone: z.string().max(40).optional(),
    name: z.string().trim().max(200).optional(),
  })
  .strict()
  .refine((c) => c.id !== undefined || c.email !== undefined || c.phone !== undefined, {
    message: 'give the customer id, email or phone',
  });

export const createTicketBody = z
  .object({
    subject: z.string().trim().min(1).max(500),
    customer: customerRef,
    message: messageInput,
    channel: channels.default('api'),
    status: ticketStatuses.exclude(['closed']).optional(),
    priority: ticketPriorities.default('normal'),
    category: z.string().trim().max(100).nullable().optional(),
    tags: z.array(tag).max(50).default([]),
    assignee_id: z.uuid().nullable().optional(),
    team_id: z.uuid().nullable().optional(),
    branch_id: z.uuid().nullable().optional(),
    custom_fields: customFields.default({}),
  })
  .strict();

export const updateTicketBody = z
  .object({
    subject: z.string().trim().min(1).max(500),
    status: ticketStatuses,
    priority: ticketPriorities,
    category: z.string().trim().max(100).nullable(),
    tags: z.array(tag).max(50),
    assignee_id: z.uuid().nullable(),
    team_id: z.uuid().nullable(),
    branch_id: z.uuid().nullable(),
    custom_fields: customFields,
  })
  .partial()
  .strict();

const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .max(500)
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(item).min(1).max(20));

export const listTicketsQuery = z
  .object({
    ...pageQuery,
    status: csv(ticketStatuses).optional().describe('Comma-separated statuses'),
    priority: csv(ticketPriorities).optional(),
    channel: csv(channels).optional(),
    assignee_id: z.union([z.uuid(), z.literal('none')]).optional().describe('An agent id, or `none` for unassigned'),
    team_id: z.uuid().optional(),
    branch_id: z.uuid().optional(),
    tier_id: z.uuid().optional(),
    customer_id: z.uuid().optional(),
    organization_id: z.uuid().optional(),
    tag: z.string().max(100).optional(),
    updated_since: z.iso.datetime({ offset: true }).optional(),
    q: z.string().trim().min(1).max(200).optional().describe('Full-text search over subjects and messages; substring match, works for Thai and Vietnamese'),
    sla: slaListFilters.optional().describe('imminent: past a warning, nothing overdue; breaching: a clock past due; breached: a clock past due or fulfilled late'),
    sort: ticketSorts.default('updated_at').describe('updated_at: newest activity first; sla_due: next SLA due time first, tickets without one last'),
  })
  .strict();

export const ticketPage = page(ticketListItemDto);
export const identityKind = identityKinds;

/** Merge (POST /tickets/:id/merge): the sources are closed into the target. */
export const mergeTicketsBody = z
  .object({
    source_ticket_ids: z
      .array(z.uuid())
      .min(1)
      .max(50)
      .refine((ids) => new Set(ids).size === ids.length, 'each ticket once')
      .describe('Tickets to merge into this one (at most 50); each is closed with a `merged` event'),
  })
  .strict();

export const mergeResultDto = z.object({
  ticket: ticketDto.describe('The target after the merge'),
  merged: z.array(z.object({ ticket_id: z.uuid(), number: z.number().int() })),
  warnings: z
    .array(z.object({ code: z.enum(['different_customer']), ticket_id: z.uuid() }))
    .describe('Merged anyway: e.g. a source ticket of another customer (the target keeps its own customer)'),
});
export type MergeResultDto = z.infer<typeof mergeResultDto>;

/** Bulk changes (POST /tickets/bulk): the same changes applied to each ticket through the PATCH path. */
export const bulkChanges = z
  .object({
    status: ticketStatuses,
    priority: ticketPriorities,
    assignee_id: z.uuid().nullable(),
    team_id: z.uuid().nullable(),
    add_tags: z.array(tag).min(1).max(50),
    remove_tags: z.array(tag).min(1).max(50),
  })
  .partial()
  .strict()
  .refine((c) => Object.keys(c).length > 0, 'give at least one change');

export const bulkUpdateBody = z
  .object({
    ticket_ids: z
      .array(z.uuid())
      .min(1)
      .max(100)
      .refine((ids) => new Set(ids).size === ids.length, 'each ticket once'),
    changes: bulkChanges,
  })
  .strict();

export const bulkResultDto = z.object({
  results: z.array(
    z.object({
      ticket_id: z.uuid(),
      outcome: z.enum(['updated', 'unchanged', 'failed']),
      error: z.object({ code: z.string(), detail: z.string() }).nullable().describe('Why this ticket was not changed (e.g. not_found, conflict)'),
    }),
  ),
  updated: z.number().int(),
  unchanged: z.number().int(),
  failed: z.number().int(),
});
export type BulkResultDto = z.infer<typeof bulkResultDto>;
