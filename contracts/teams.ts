import { z } from 'zod';
import { timestamp } from './common.ts';

export const teamDto = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  created_at: timestamp,
  updated_at: timestamp,
});
export type TeamDto = z.infer<typeof teamDto>;

export const createTeamBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).nullable().optional(),
  })
  .strict();

export const updateTeamBody = createTeamBody.partial().strict();
