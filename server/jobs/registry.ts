import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../platform/clock.ts';
import type { Database } from '../platform/db.ts';
import { maintenancePruneJob } from './maintenance-prune.job.ts';
import { tiersRecomputeJob } from '../modules/tiers/tiers-recompute.job.ts';
import type { PgBossQueue } from './pg-boss-queue.ts';

export interface JobDeps {
  database: Database;
  clock: Clock;
  logger: FastifyBaseLogger;
}

/** Every job the server knows. Add a line per job definition. */
export function registerJobs(queue: PgBossQueue, deps: JobDeps): void {
  queue.register(maintenancePruneJob({ db: deps.database.db, clock: deps.clock }));
  queue.register(tiersRecomputeJob({ db: deps.database.db, clock: deps.clock }));
}
