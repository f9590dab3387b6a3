import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { Clock } from '../platform/clock.ts';
import type { Database } from '../platform/db.ts';
import type { Mailer } from '../platform/mailer.ts';
import { maintenancePruneJob } from './maintenance-prune.job.ts';
import { tiersRecomputeJob } from '../modules/tiers/tiers-recompute.job.ts';
import { slaRecomputeJob } from '../modules/sla-recompute/sla-recompute.job.ts';
import { slaEscalationsSweepJob } from '../modules/sla-escalations/sla-escalations-sweep.job.ts';
import { notificationsEmailJob } from '../modules/notifications/notifications-email.job.ts';
import { surveysInvitationEmailJob, surveysSweepJob } from '../modules/surveys/surveys-jobs.ts';
import { emailSendJob } from '../modules/channels/email/email-send.job.ts';
import { formsAcknowledgeJob } from '../modules/channels/form/form-acknowledgement.ts';
import { webhooksReplyJob } from '../modules/channels/webhook/webhook-reply.ts';
import { analyticsFactsRefreshJob } from '../modules/analytics/ticket-facts.job.ts';
import { reportsSweepJob, reportsTeamSendJob } from '../modules/reports/reports-jobs.ts';
import type { PgBossQueue } from './pg-boss-queue.ts';

export interface JobDeps {
  database: Database;
  clock: Clock;
  logger: FastifyBaseLogger;
  mailer: Mailer;
  config: Config;
}

/** Every job the server knows. Add a line per job definition. */
export function registerJobs(queue: PgBossQueue, deps: JobDeps): void {
  queue.register(maintenancePruneJob({ db: deps.database.db, clock: deps.clock }));
  queue.register(tiersRecomputeJob({ db: deps.database.db, clock: deps.clock }));
  queue.register(slaEscalationsSweepJob({ db: deps.database.db, clock: deps.clock, jobs: queue, logger: deps.logger }));
  queue.register(notificationsEmailJob({ db: deps.database.db, clock: deps.clock, mailer: deps.mailer }));
  queue.register(slaRecomputeJob({ db: deps.database.db, clock: deps.clock }));
  queue.register(formsAcknowledgeJob({ db: deps.database.db, clock: deps.clock, mailer: deps.mailer }));
  queue.register(webhooksReplyJob({ db: deps.database.db, clock: deps.clock, config: deps.config }));
  queue.register(emailSendJob({ db: deps.database.db, clock: deps.clock, mailer: deps.mailer, config: deps.config }));
  queue.register(surveysSweepJob({ db: deps.database.db, clock: deps.clock, jobs: queue }));
  queue.register(surveysInvitationEmailJob({ db: deps.database.db, clock: deps.clock, mailer: deps.mailer, publicUrl: deps.config.publicUrl }));
  queue.register(reportsSweepJob({ db: deps.database.db, clock: deps.clock, jobs: queue }));
  queue.register(reportsTeamSendJob({ db: deps.database.db, clock: deps.clock, mailer: deps.mailer, publicUrl: deps.config.publicUrl }));
  queue.register(analyticsFactsRefreshJob({ db: deps.database.db, clock: deps.clock }));
}
