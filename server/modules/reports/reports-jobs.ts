import type { Kysely } from 'kysely';
import { z } from 'zod';
import { defineJob } from '../../jobs/job.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Mailer } from '../../platform/mailer.ts';
import type { DB } from '../../platform/schema.ts';
import { deliverTeamReport, REPORTS_TEAM_SEND, sweepTeamReports } from './reports.service.ts';

export const REPORTS_SWEEP = 'reports.sweep';

/**
 * Every ten minutes (pg-boss cron, stored in the database: one run per tick whatever the number of
 * instances, and it survives restarts): queues the weekly report of every team whose last ended
 * week (in its workspace's zone) has none yet. Weeks end at different instants in different zones
 * (and at :30 / :45 in some), so the sweep runs through the day rather than once on Monday; a
 * report goes out at most ten minutes after its week ends. No retry: the next tick is the retry.
 */
export function reportsSweepJob(deps: { db: Kysely<DB>; clock: Clock; jobs: JobQueue }) {
  return defineJob({
    name: REPORTS_SWEEP,
    payload: z.object({}),
    schedule: '*/10 * * * *',
    retryLimit: 0,
    handle: async () => {
      await sweepTeamReports({ db: deps.db, jobs: deps.jobs }, deps.clock.now());
    },
  });
}

export const teamReportPayload = z
  .object({ workspace_id: z.uuid(), team_id: z.uuid(), week_start: z.iso.date(), recipient_user_id: z.uuid().optional() })
  .strict();

/** One team's report for one week: a failure retries this team only (temporary relay errors, with backoff). */
export function reportsTeamSendJob(deps: { db: Kysely<DB>; clock: Clock; mailer: Mailer; publicUrl: string }) {
  return defineJob({
    name: REPORTS_TEAM_SEND,
    payload: teamReportPayload,
    retryLimit: 5,
    retryDelaySeconds: 60,
    handle: async (payload) => {
      await deliverTeamReport({ db: deps.db, mailer: deps.mailer, publicUrl: deps.publicUrl }, payload, deps.clock.now());
    },
  });
}
