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
  min_tickets_per_year: z.number().int().nullable(),
  auto_assign: z.boolean().describe('Customers are put in this tier when they meet every threshold it sets'),
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
    min_tickets_per_year: z.number().int().min(0).max(1_000_000_000).nullable().optional().describe('Tickets filed in the last 365 days'),
    auto_assign: z
      .boolean()
      .optional()
      .describe(
        'Assign this tier by value: the highest-ranked auto-assign tier whose every set threshold the customer meets. ' +
          'Tiers set by hand on a customer are never overridden. Default false.',
      ),
  })
  .strict();

export const updateTierBody = createTierBody.partial().strict();

/** A queued recompute of every customer's tier in the workspace. */
export const tierRecomputeDto = z.object({ job_id: z.string() });
export type TierRecomputeDto = z.infer<typeof tierRecomputeDto>;
