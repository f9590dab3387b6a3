import path from 'node:path';
import { z } from 'zod';
import { parseMailbox } from './platform/mailer.ts';
import { parseSecretKey } from './platform/secrets.ts';

/**
 * Every setting Gapwise reads from the environment, parsed once at start.
 * The README's settings table mirrors this list; keep them together.
 */
const booleanFlag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  GAPWISE_DATA_DIR: z.string().min(1).default('./data'),
  GAPWISE_DEMO: booleanFlag.default(true),
  GAPWISE_ADMIN_EMAIL: z.email().default('admin@gapwise.local'),
  GAPWISE_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').default('gapwise-demo'),
  GAPWISE_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  GAPWISE_IMPORT_LIMIT_BYTES: z.coerce.number().int().min(1024).default(100 * 1_048_576),
  GAPWISE_SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  GAPWISE_SECURE_COOKIES: booleanFlag.default(false),
  GAPWISE_TRUST_PROXY: booleanFlag.default(false),
  GAPWISE_LOGIN_MAX_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  GAPWISE_LOGIN_MAX_PER_IP: z.coerce.number().int().min(1).default(50),
  GAPWISE_LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  GAPWISE_WORKERS: booleanFlag.default(true),
  GAPWISE_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  GAPWISE_SMTP_URL: z
    .string()
    .refine(isSmtpUrl, 'must be an smtp:// or smtps:// URL with a host, e.g. smtp://user:pass@mail.example.com:587')
    .optional(),
  GAPWISE_MAIL_FROM: z
    .string()
    .refine((v) => parseMailbox(v) !== undefined, 'must be one address, e.g. Gapwise <support@example.com>')
    .default('Gapwise <no-reply@localhost>'),
  GAPWISE_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  GAPWISE_SMTP_HOST: z.string().min(1).default('0.0.0.0'),
  GAPWISE_MAIL_DOMAIN: z
    .string()
    .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, 'must be a domain name, e.g. mail.example.com')
    .transform((v) => v.toLowerCase())
    .optional(),
  GAPWISE_EMAIL_MAX_MESSAGE_BYTES: z.coerce.number().int().min(10_240).default(25 * 1_048_576),
  GAPWISE_EMAIL_MAX_ATTACHMENT_BYTES: z.coerce.number().int().min(1024).default(10 * 1_048_576),
  GAPWISE_UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).default(10 * 1_048_576),
  GAPWISE_EMAIL_MAX_RECIPIENTS: z.coerce.number().int().min(1).max(10_000).default(100),
  GAPWISE_IMAP_POLL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(60),
  GAPWISE_SECRET_KEY: z
    .string()
    .refine((v) => parseSecretKey(v) !== undefined, 'must be 32 bytes as 64 hex digits or base64 (e.g. `openssl rand -base64 32`)')
    .optional(),
  GAPWISE_CHAT_PRESENCE_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  GAPWISE_CHAT_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  GAPWISE_PUBLIC_URL: z
    .string()
    .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), 'must be an http(s) URL, e.g. https://help.example.com')
    .optional(),
});

export type Config = Readonly<{
  port: number;
  host: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  dataDir: string;
  /** Key for secrets stored encrypted (platform/secrets.ts); undefined: a key file in the data dir. */
  secretKey: string | undefined;
  demo: boolean;
  adminEmail: string;
  adminPassword: string;
  bodyLimitBytes: number;
  importLimitBytes: number;
  sessionTtlMs: number;
  secureCookies: boolean;
  trustProxy: boolean;
  loginMaxPerAccount: number;
  loginMaxPerIp: number;
  loginWindowMs: number;
  workers: boolean;
  shutdownTimeoutMs: number;
  /** Outbound mail relay; undefined means mail is not sent (jobs record why). */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Inbound SMTP listener (channels/email); port 0 = off. */
  smtpPort: number;
  smtpHost: string;
  /** Instance mail domain: `<workspace slug>@<domain>` reaches a workspace. */
  mailDomain: string | undefined;
  emailMaxMessageBytes: number;
  emailMaxAttachmentBytes: number;
  /** Largest file an agent uploads (POST /uploads) to attach to a message. */
  uploadMaxBytes: number;
  emailMaxRecipients: number;
  imapPollSeconds: number;
  /** Live chat: an agent counts as online this long after a presence heartbeat (or while their chat socket is open). */
  chatPresenceSeconds: number;
  /** Live chat: sustained visitor messages per minute per socket (bursts of 5; twice that per client address). */
  chatMessagesPerMinute: number;
  logLevel: string;
  /** Base of links sent to customers (survey pages); default http://localhost:PORT. */
  publicUrl: string;
}>;

function isSmtpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws ConfigError naming every bad setting. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "not set" so `FOO= npm start` behaves like an unset FOO.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return Object.freeze({
    port: c.PORT,
    host: c.HOST,
    databaseUrl: c.DATABASE_URL,
    databasePoolSize: c.DATABASE_POOL_SIZE,
    dataDir: path.resolve(c.GAPWISE_DATA_DIR),
    secretKey: c.GAPWISE_SECRET_KEY,
    demo: c.GAPWISE_DEMO,
    adminEmail: c.GAPWISE_ADMIN_EMAIL.toLowerCase(),
    adminPassword: c.GAPWISE_ADMIN_PASSWORD,
    bodyLimitBytes: c.GAPWISE_BODY_LIMIT_BYTES,
    importLimitBytes: c.GAPWISE_IMPORT_LIMIT_BYTES,
    sessionTtlMs: c.GAPWISE_SESSION_TTL_HOURS * 3_600_000,
    secureCookies: c.GAPWISE_SECURE_COOKIES,
    trustProxy: c.GAPWISE_TRUST_PROXY,
    loginMaxPerAccount: c.GAPWISE_LOGIN_MAX_PER_ACCOUNT,
    loginMaxPerIp: c.GAPWISE_LOGIN_MAX_PER_IP,
    loginWindowMs: c.GAPWISE_LOGIN_WINDOW_MINUTES * 60_000,
    workers: c.GAPWISE_WORKERS,
    shutdownTimeoutMs: c.GAPWISE_SHUTDOWN_TIMEOUT_MS,
    smtpUrl: c.GAPWISE_SMTP_URL,
    mailFrom: c.GAPWISE_MAIL_FROM,
    smtpPort: c.GAPWISE_SMTP_PORT,
    smtpHost: c.GAPWISE_SMTP_HOST,
    mailDomain: c.GAPWISE_MAIL_DOMAIN,
    emailMaxMessageBytes: c.GAPWISE_EMAIL_MAX_MESSAGE_BYTES,
    emailMaxAttachmentBytes: c.GAPWISE_EMAIL_MAX_ATTACHMENT_BYTES,
    uploadMaxBytes: c.GAPWISE_UPLOAD_MAX_BYTES,
    emailMaxRecipients: c.GAPWISE_EMAIL_MAX_RECIPIENTS,
    imapPollSeconds: c.GAPWISE_IMAP_POLL_SECONDS,
    chatPresenceSeconds: c.GAPWISE_CHAT_PRESENCE_SECONDS,
    chatMessagesPerMinute: c.GAPWISE_CHAT_MESSAGES_PER_MINUTE,
    logLevel: c.LOG_LEVEL,
    publicUrl: (c.GAPWISE_PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, ''),
  });
}
