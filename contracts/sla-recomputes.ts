import { z } from 'zod';
import { timestamp } from './common.ts';

/**
 * SLA recomputes (issue 3, item 8): the background job that recomputes tickets' clocks after a
 * policy or calendar change, or when an admin asks. See server/modules/sla-recompute/README.md.
 */

export const createSlaRecomputeBody = z
  .object({
    historical: z
      .boolean()
      .optional()
      .describe(
        'true: every ticket, closed ones included, wholly from history under today’s policies (fulfilled clocks are recomputed too). ' +
          'Default false: tickets not closed, fulfilled clocks kept as stored.',
      ),
  })
  .strict();

export const slaRecomputeDto = z.object({
  id: z.uuid(),
  reason: z.string().describe('What queued it: `requested`, or the change (e.g. `sla_policy.updated`, `calendar.updated`)'),
  historical: z.boolean(),
  status: z.enum(['queued', 'running', 'completed', 'failed']),
  total: z.number().int().nullable().describe('Tickets to recompute, counted when the run started; null while queued'),
  processed: z.number().int().describe('Tickets recomputed so far'),
  error: z.string().nullable().describe('Why the last attempt failed (the job is retried)'),
  requested_by: z.uuid().nullable().describe('The user or API key whose request or change queued it'),
  created_at: timestamp,
  started_at: timestamp.nullable(),
  finished_at: timestamp.nullable(),
});
export type SlaRecomputeDto = z.infer<typeof slaRecomputeDto>;
