import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../platform/clock.ts';
import type { Database } from '../platform/db.ts';
import type { Mailer } from '../platform/mailer.ts';
import { maintenancePruneJob } from './maintenance-prune.job.ts';
import { tiersRecomputeJob } from '../modules/tiers/tiers-recompute.job.ts';
import { slaRecomputeJob } from '../modules/sla-recompute/sla-recompute.job.ts';
import { slaEscalationsSweepJob } from '../modules/sla-escalations/sla-escalations-sweep.job.ts';
import { notificationsEmailJob } from '../modules/notifications/notifications-email.job.ts';
import type { PgBossQueue } from './pg-boss-queue.ts';

export interface JobDeps {
  database: Database;
  clock: Clock;
  logger: FastifyBaseLogger;
  mailer: Mailer;
}

/** Every job the server knows. Add a line per job definition. */
export function registerJobs(queue: PgBossQueue, deps: JobDeps): void {
  queue.register(maintenancePruneJob({ db: deps.database.db, clock: deps.clock }));
  queue.register(tiersRecomputeJob({ db: deps.database.db, clock: deps.clock }));
  queue.register(slaEscalationsSweepJob({ db: deps.database.db, clock: deps.clock, jobs: queue, logger: deps.logger }));
  queue.register(notificationsEmailJob({ db: deps.database.db, clock: deps.clock, mailer: deps.mailer }));
  queue.register(slaRecomputeJob({ db: deps.database.db, clock: deps.clock }));
}
