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
}

export function defineJob<P>(definition: JobDefinition<P>): JobDefinition<P> {
  return definition;
}
