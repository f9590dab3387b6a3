import { z } from 'zod';
import { timestamp } from './common.ts';

/** IMAP mailboxes polled for a workspace (server/modules/channels/email). The password is write-only. */
export const mailboxDto = z.object({
  id: z.uuid(),
  name: z.string(),
  host: z.string(),
  port: z.number().int(),
  secure: z.boolean().describe('TLS from the start (IMAPS, usually port 993); false: STARTTLS when the server offers it'),
  username: z.string(),
  folder: z.string(),
  active: z.boolean(),
  import_existing: z.boolean().describe('On the first poll, import the mail already in the folder (false: only mail that arrives later)'),
  has_password: z.literal(true).describe('The password is stored encrypted and never returned'),
  last_polled_at: timestamp.nullable(),
  last_error: z.string().nullable().describe('Why the last poll failed; null after a good one'),
  created_at: timestamp,
  updated_at: timestamp,
});
export type MailboxDto = z.infer<typeof mailboxDto>;

const hostName = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$/i, 'must be a host name or an IP address');

export const createMailboxBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    host: hostName,
    port: z.number().int().min(1).max(65535).default(993),
    secure: z.boolean().default(true),
    username: z.string().trim().min(1).max(320),
    password: z.string().min(1).max(1000),
    folder: z.string().trim().min(1).max(200).default('INBOX'),
    active: z.boolean().default(true),
    import_existing: z.boolean().default(false),
  })
  .strict();

export const updateMailboxBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    host: hostName,
    port: z.number().int().min(1).max(65535),
    secure: z.boolean(),
    username: z.string().trim().min(1).max(320),
    password: z.string().min(1).max(1000),
    folder: z.string().trim().min(1).max(200),
    active: z.boolean(),
    import_existing: z.boolean(),
  })
  .partial()
  .strict();
