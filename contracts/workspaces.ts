import { z } from 'zod';
import { locale, timeZone, timestamp } from './common.ts';

export const workspaceDto = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  default_locale: z.string(),
  time_zone: z.string(),
  mail_domain: z.string().nullable(),
  created_at: timestamp,
  updated_at: timestamp,
});
export type WorkspaceDto = z.infer<typeof workspaceDto>;

const slug = z
  .string()
  .min(2)
  .max(63)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'lowercase letters, digits and dashes');

export const createWorkspaceBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    slug,
    default_locale: locale.default('en'),
    time_zone: timeZone.default('UTC'),
    mail_domain: z.string().max(253).nullable().optional(),
    owner: z
      .object({
        email: z.email().max(320),
        name: z.string().trim().min(1).max(200),
        password: z.string().min(8).max(1000),
      })
      .strict(),
  })
  .strict();

export const updateWorkspaceBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    default_locale: locale,
    time_zone: timeZone,
    mail_domain: z.string().max(253).nullable(),
  })
  .partial()
  .strict();
