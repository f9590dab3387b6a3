import { z } from 'zod';
import { decimal, timestamp } from './common.ts';

/** A customer segment (Standard, Gold, Platinum, …); a higher rank is a more valuable segment. */
export const tierDto = z.object({
  id: z.uuid(),
  name: z.string(),
  rank: z.number().int(),
  description: z.string().nullable(),
  min_annual_revenue: z.string().nullable().describe('Decimal as a string'),
  min_margin: z.string().nullable().describe('Decimal as a string'),
  created_at: timestamp,
  updated_at: timestamp,
});
export type TierDto = z.infer<typeof tierDto>;

export const createTierBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    rank: z.number().int().min(-1_000_000).max(1_000_000).describe('Higher = more valuable; lists are ordered by rank, highest first'),
    description: z.string().max(2000).nullable().optional(),
    min_annual_revenue: decimal.nullable().optional(),
    min_margin: decimal.nullable().optional(),
  })
  .strict();

export const updateTierBody = createTierBody.partial().strict();
