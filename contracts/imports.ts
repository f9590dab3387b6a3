import { z } from 'zod';
import { channels, customFields, page, pageQuery, ticketPriorities, ticketStatuses, timestamp } from './common.ts';
import { messageKinds } from './tickets.ts';

/**
 * Ticket history import: one JSON object per line (NDJSON), e.g. exported
 * from another help desk. Strict like every request body: an unknown field
 * is an error on that line, so a typo never silently drops data.
 */

const MAX_BODY = 256 * 1024;
const historicalTime = z.iso.datetime({ offset: true }).describe('RFC 3339 timestamp with Z or an offset');
const email = z.email().max(320);
const phone = z.string().trim().regex(/^\+?[0-9 ()./-]{4,40}$/, 'not a phone number');
const tag = z.string().trim().min(1).max(100).regex(/^[^\s,]+$/, 'no spaces or commas');
const name = z.string().trim().min(1).max(200);

export const importedMessage = z
  .object({
    kind: messageKinds,
    author_email: email.nullable().optional().describe('Agent (by user email) or, for customer messages, the writer if not the ticket’s customer'),
    body_text: z.string().max(MAX_BODY).nullable().optional(),
    body_html: z.string().max(MAX_BODY * 2).nullable().optional(),
    created_at: historicalTime,
  })
  .strict()
  .refine((m) => (m.body_text?.trim() ?? '') !== '' || (m.body_html?.trim() ?? '') !== '', {
    message: 'body_text or body_html is required',
    path: ['body_text'],
  });
export type ImportedMessage = z.output<typeof importedMessage>;

export const importedStatusChange = z
  .object({
    to: ticketStatuses,
    at: historicalTime,
    by_email: email.nullable().optional().describe('The agent who changed it; absent means the system'),
  })
  .strict();
export type ImportedStatusChange = z.output<typeof importedStatusChange>;

export const importedCustomer = z
  .object({
    email: email.nullable().optional(),
    phone: phone.nullable().optional(),
    name: name.nullable().optional(),
  })
  .strict()
  .refine((c) => Boolean(c.email) || Boolean(c.phone), { message: 'give the customer email or phone' });

export const importTicketLine = z
  .object({
    external_id: z.string().trim().min(1).max(200).describe('The ticket id in the old system; importing it twice is a no-op'),
    subject: z.string().trim().min(1).max(500),
    channel: channels,
    status: ticketStatuses.describe('Final status; the ticket ends in it'),
    priority: ticketPriorities.default('normal'),
    category: z.string().trim().max(100).nullable().optional(),
    tags: z.array(tag).max(50).default([]),
    created_at: historicalTime,
    customer: importedCustomer,
    assignee_email: email.nullable().optional(),
    team: name.nullable().optional().describe('Team name (case-insensitive)'),
    branch: name.nullable().optional().describe('Branch name (case-insensitive)'),
    custom_fields: customFields.default({}),
    messages: z.array(importedMessage).min(1).max(5000),
    status_changes: z.array(importedStatusChange).max(2000).default([]),
  })
  .strict()
  .superRefine((t, ctx) => {
    // History cannot start before the ticket does.
    const created = Date.parse(t.created_at);
    t.messages.forEach((m, i) => {
      if (Date.parse(m.created_at) < created) {
        ctx.addIssue({ code: 'custom', path: ['messages', i, 'created_at'], message: 'is before the ticket’s created_at' });
      }
    });
    t.status_changes.forEach((s, i) => {
      if (Date.parse(s.at) < created) {
        ctx.addIssue({ code: 'custom', path: ['status_changes', i, 'at'], message: 'is before the ticket’s created_at' });
      }
    });
  });
export type ImportTicketLine = z.output<typeof importTicketLine>;

export const importError = z.object({
  line: z.number().int().describe('1-based line number in the file'),
  code: z.string().describe('malformed_json, validation_failed, invalid_reference, conflict, line_too_long or internal_error'),
  message: z.string(),
});

export const importStatuses = z.enum(['running', 'completed', 'failed']);

export const importDto = z.object({
  id: z.uuid(),
  status: importStatuses,
  total_lines: z.number().int().describe('Non-blank lines (while running: lines read so far, unless known upfront)'),
  processed: z.number().int(),
  created: z.number().int(),
  skipped: z.number().int().describe('Lines whose external_id was already imported'),
  failed: z.number().int(),
  errors: z.array(importError).describe('The first 1,000 failed lines'),
  errors_truncated: z.boolean().describe('More lines failed than errors lists'),
  created_by: z.uuid().nullable(),
  created_at: timestamp,
  finished_at: timestamp.nullable(),
});
export type ImportDto = z.infer<typeof importDto>;

export const importPage = page(importDto);
export const listImportsQuery = z.object(pageQuery).strict();
