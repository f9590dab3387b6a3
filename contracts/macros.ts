import { z } from 'zod';
import { locale, pageQuery, ticketPriorities, ticketStatuses, timestamp } from './common.ts';

/**
 * Macros: canned replies with placeholders ({{ticket.number}}, {{customer.name}}, …) that can also
 * change the ticket (status, priority, assignee, team, tags). Shared macros (owner_user_id null)
 * are managed by admins and seen by every agent; personal macros belong to one agent, who alone
 * sees and manages them.
 */

const tag = z.string().trim().min(1).max(100).regex(/^[^\s,]+$/, 'no spaces or commas');
const MAX_TEXT = 64 * 1024;

/** The reply in one language: plain text, and optionally HTML (sanitised when the reply is sent). */
export const macroText = z
  .object({
    text: z.string().max(MAX_TEXT),
    html: z.string().max(MAX_TEXT * 2).nullable().optional(),
  })
  .strict();

/** Text per language; the one for the customer's locale is used, else the workspace's, else English, else any. */
export const macroContent = z
  .partialRecord(locale, macroText)
  .refine((c) => Object.values(c).some((t) => t !== undefined && t.text.trim() !== ''), { message: 'give the text in at least one language' })
  .describe('Reply text per language (en, th, vi, cs, ms)');

export const macroActions = z
  .object({
    status: ticketStatuses.exclude(['closed']).optional(),
    priority: ticketPriorities.optional(),
    assignee_id: z.union([z.uuid(), z.literal('me'), z.null()]).optional().describe('An agent id, `me` (whoever applies the macro) or null to unassign'),
    team_id: z.uuid().nullable().optional(),
    add_tags: z.array(tag).max(20).optional(),
    remove_tags: z.array(tag).max(20).optional(),
  })
  .strict();
export type MacroActions = z.infer<typeof macroActions>;

export const macroKinds = z.enum(['public_reply', 'internal_note']);

export const macroDto = z.object({
  id: z.uuid(),
  name: z.string(),
  scope: z.enum(['shared', 'personal']),
  owner_user_id: z.uuid().nullable(),
  kind: macroKinds.nullable().describe('The kind of message the text is for; null leaves it to the agent'),
  content: z.partialRecord(locale, macroText),
  actions: macroActions,
  created_at: timestamp,
  updated_at: timestamp,
});
export type MacroDto = z.infer<typeof macroDto>;

export const createMacroBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    scope: z.enum(['shared', 'personal']).default('shared').describe('shared: every agent sees it (admins only); personal: only you'),
    kind: macroKinds.nullable().default(null),
    content: macroContent,
    actions: macroActions.default({}),
  })
  .strict();

export const updateMacroBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    kind: macroKinds.nullable(),
    content: macroContent,
    actions: macroActions,
  })
  .partial()
  .strict();

export const listMacrosQuery = z
  .object({
    ...pageQuery,
    q: z.string().trim().min(1).max(200).optional().describe('Part of the name'),
    scope: z.enum(['shared', 'personal']).optional(),
  })
  .strict();

export const macroParams = z.object({ id: z.uuid(), macroId: z.uuid() }).strict();

/** The macro rendered for one ticket: what goes into the reply box, and what applying it changes. */
export const macroPreviewDto = z.object({
  macro_id: z.uuid(),
  name: z.string(),
  kind: macroKinds.nullable(),
  locale: locale.describe('The language whose text was used'),
  body_text: z.string(),
  body_html: z.string().nullable(),
  unknown_placeholders: z.array(z.string()).describe('Placeholders the server does not know; left in the text as written'),
  actions: macroActions.describe('The actions, with `me` resolved to the agent'),
});
export type MacroPreviewDto = z.infer<typeof macroPreviewDto>;

/** The placeholders a macro can use (also listed in GET /macros/placeholders). */
export const MACRO_PLACEHOLDERS = [
  'ticket.id',
  'ticket.number',
  'ticket.subject',
  'ticket.status',
  'ticket.priority',
  'ticket.custom_fields.<key>',
  'customer.name',
  'customer.first_name',
  'customer.email',
  'agent.name',
  'agent.first_name',
  'agent.email',
  'workspace.name',
] as const;
