import type { Kysely } from 'kysely';
import { z } from 'zod';
import { defineJob } from '../../jobs/job.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Mailer } from '../../platform/mailer.ts';
import type { DB } from '../../platform/schema.ts';
import { deliverInvitation, SURVEYS_INVITATION_EMAIL } from './invitations.service.ts';
import { sweepSurveys } from './survey-dispatch.service.ts';

export const SURVEYS_SWEEP = 'surveys.sweep';

/**
 * Every minute (pg-boss cron, one run per minute whatever the number of instances): invitations
 * after solved tickets, scheduled NPS runs, study reminders (survey-dispatch.service.ts). No
 * retry: the next minute is the retry.
 */
export function surveysSweepJob(deps: { db: Kysely<DB>; clock: Clock; jobs: JobQueue }) {
  return defineJob({
    name: SURVEYS_SWEEP,
    payload: z.object({}),
    schedule: '* * * * *',
    retryLimit: 0,
    handle: async () => {
      await sweepSurveys({ db: deps.db, jobs: deps.jobs }, deps.clock.now());
    },
  });
}

export const surveysInvitationEmailPayload = z.object({ workspace_id: z.uuid(), invitation_id: z.uuid(), reminder: z.boolean() }).strict();

/** One invitation (or reminder) email; temporary relay failures are retried with backoff. */
export function surveysInvitationEmailJob(deps: { db: Kysely<DB>; clock: Clock; mailer: Mailer; publicUrl: string }) {
  return defineJob({
    name: SURVEYS_INVITATION_EMAIL,
    payload: surveysInvitationEmailPayload,
    retryLimit: 5,
    retryDelaySeconds: 60,
    handle: async (payload) => {
      await deliverInvitation(deps.db, { mailer: deps.mailer, publicUrl: deps.publicUrl }, payload, deps.clock.now());
    },
  });
}
