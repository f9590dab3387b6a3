import { z } from 'zod';
import { roles, timestamp } from './common.ts';

export const loginBody = z
  .object({
    email: z.string().trim().min(3).max(320),
    password: z.string().min(1).max(1000),
    workspace: z.string().max(100).optional().describe('Workspace slug; needed only when the email is in several'),
  })
  .strict();

export const sessionInfo = z.object({
  user_id: z.uuid(),
  workspace_id: z.uuid(),
  role: roles,
  is_instance_admin: z.boolean(),
  expires_at: timestamp.nullable(),
});
