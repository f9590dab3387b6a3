import { z } from 'zod';

/** Shared building blocks for request/response contracts. */

export const id = z.uuid({ version: 'v7' }).or(z.uuid()).describe('UUID');
export const idParams = z.object({ id: z.uuid() }).strict();

export const MAX_PAGE_SIZE = 100;
export const pageQuery = {
  cursor: z.string().max(500).optional().describe('Opaque cursor from the previous page'),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(25),
};

export function page<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    next_cursor: z.string().nullable().describe('Pass as `cursor` to get the next page; null on the last page'),
  });
}

export const timestamp = z.string().describe('RFC 3339 timestamp (UTC)');
export const roles = z.enum(['owner', 'admin', 'supervisor', 'agent']);
export const ticketStatuses = z.enum(['new', 'open', 'pending', 'on_hold', 'solved', 'closed']);
export const ticketPriorities = z.enum(['low', 'normal', 'high', 'urgent']);
export const channels = z.enum(['email', 'web_form', 'chat', 'phone', 'visit', 'webhook', 'api', 'social', 'internal']);
export const identityKinds = z.enum(['email', 'phone', 'chat_visitor', 'social']);

/** IANA time zone name, checked against the runtime's zone database. */
export const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be an IANA time zone such as Asia/Bangkok' },
);

export const locale = z.enum(['en', 'th', 'vi', 'cs', 'ms']);
export const customFields = z.record(z.string().max(100), z.unknown()).describe('Free-form custom fields');
export const decimal = z
  .union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)])
  .transform((v) => String(v))
  .describe('Decimal number (string or number)');

export const problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  code: z.string(),
  detail: z.string().optional(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  request_id: z.string().optional(),
});

export const iso = (d: Date | string | null | undefined): string | null =>
  d === null || d === undefined ? null : new Date(d).toISOString();
