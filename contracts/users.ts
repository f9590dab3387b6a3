import { z } from 'zod';
import { locale, roles, timeZone, timestamp } from './common.ts';

export const userDto = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: roles,
  locale: z.string(),
  time_zone: z.string().nullable(),
  active: z.boolean(),
  is_instance_admin: z.boolean(),
  team_ids: z.array(z.uuid()),
  weekly_report: z.boolean().describe('Gets the weekly team report for teams this user leads (the user may turn it off)'),
  created_at: timestamp,
  updated_at: timestamp,
});
export type UserDto = z.infer<typeof userDto>;

export const createUserBody = z
  .object({
    email: z.email().max(320),
    name: z.string().trim().min(1).max(200),
    role: roles.default('agent'),
    password: z.string().min(8).max(1000).optional().describe('Omit to create an agent who cannot sign in with a password yet'),
    locale: locale.default('en'),
    time_zone: timeZone.nullable().optional(),
    team_ids: z.array(z.uuid()).max(100).default([]),
  })
  .strict();

export const updateUserBody = z
  .object({
    email: z.email().max(320),
    name: z.string().trim().min(1).max(200),
    role: roles,
    password: z.string().min(8).max(1000),
    locale: locale,
    time_zone: timeZone.nullable(),
    active: z.boolean(),
    team_ids: z.array(z.uuid()).max(100),
    weekly_report: z.boolean(),
  })
  .partial()
  .strict();

export const listUsersQuery = {
  q: z.string().max(200).optional().describe('Matches name or email'),
  role: roles.optional(),
  active: z.enum(['true', 'false']).optional(),
};
