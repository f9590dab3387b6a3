import type { z } from 'zod';

/**
 * A typed background job: a name, a zod schema for its payload and a
 * handler. Handlers must be idempotent (a job can run twice after a crash):
 * guard side effects with a dedupe key.
 */
export interface JobDefinition<P> {
  name: string;
  payload: z.ZodType<P>;
  handle(payload: P, meta: { jobId: string }): Promise<void>;
  retryLimit?: number;
  retryDelaySeconds?: number;
  /**
   * A cron expression (UTC) for jobs that run on their own, e.g. '0 * * * *'.
   * The schedule is stored in the database, so restarts and several
   * instances still produce one run per tick. The payload is `{}`.
   */
  schedule?: string;
}

export function defineJob<P>(definition: JobDefinition<P>): JobDefinition<P> {
  return definition;
}
