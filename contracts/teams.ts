import { z } from 'zod';
import { timestamp } from './common.ts';

export const teamDto = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  calendar_id: z.uuid().nullable().describe('Business calendar of this team; null = the workspace default'),
  lead_user_id: z.uuid().nullable().describe('Team lead: gets the weekly team report (unless they opted out); null = no report'),
  created_at: timestamp,
  updated_at: timestamp,
});
export type TeamDto = z.infer<typeof teamDto>;

export const createTeamBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).nullable().optional(),
    calendar_id: z.uuid().nullable().optional().describe('Business calendar of this team (its working hours)'),
    lead_user_id: z.uuid().nullable().optional().describe('Team lead, an active user of the workspace; gets the weekly team report'),
  })
  .strict();

export const updateTeamBody = createTeamBody.partial().strict();
