import type { Kysely } from 'kysely';
import type { DB } from '../platform/schema.ts';

/**
 * Durable background jobs. Implemented on pg-boss (see pg-boss-queue.ts);
 * this interface is what the rest of the code depends on.
 */
export interface JobQueue {
  /** Queues a job; pass a transaction so the job exists only if it commits. */
  send<P>(db: Kysely<DB> | null, name: string, payload: P, options?: { singletonKey?: string; startAfter?: Date }): Promise<string | null>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
