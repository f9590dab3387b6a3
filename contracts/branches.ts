import { z } from 'zod';
import { timeZone, timestamp } from './common.ts';

/** A branch is a physical location (shop, plant, service centre) with its own time zone. */
export const branchDto = z.object({
  id: z.uuid(),
  name: z.string(),
  code: z.string().nullable(),
  time_zone: z.string(),
  address: z.string().nullable(),
  calendar_id: z.uuid().nullable().describe('Business calendar of this branch; null = the workspace default'),
  created_at: timestamp,
  updated_at: timestamp,
});
export type BranchDto = z.infer<typeof branchDto>;

export const createBranchBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    code: z.string().trim().min(1).max(50).nullable().optional().describe('Short internal code, e.g. BKK-01'),
    time_zone: timeZone.describe('IANA time zone, e.g. Asia/Bangkok'),
    address: z.string().max(2000).nullable().optional(),
    calendar_id: z.uuid().nullable().optional().describe('Business calendar of this branch (its opening hours)'),
  })
  .strict();

export const updateBranchBody = createBranchBody.partial().strict();
