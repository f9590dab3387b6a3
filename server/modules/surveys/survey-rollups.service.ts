import type { Kysely } from 'kysely';
import type { DB } from '../../platform/schema.ts';
import { invitationDeltas, localDate, type RollupKeys, type RollupScores, responseDeltas } from './survey-rollup.ts';
import * as repo from './survey-rollups.repository.ts';

/**
 * Keeps the results rollup (migration 0013) in step with the raw rows, inside the caller's
 * transaction: a response recorded or edited, an invitation sent or answered. While a survey's
 * rollup is stale (never built, or the workspace's zone changed) writes leave it alone and the
 * results read the raw rows; the minute sweeper rebuilds it (`rebuildStaleRollups`).
 */

export async function rollupResponse(
  trx: Kysely<DB>,
  r: { workspaceId: string; surveyId: string; keys: RollupKeys; submittedAt: Date; after: RollupScores; before: RollupScores | null },
) {
  const zone = await repo.writableZone(trx, r.workspaceId, r.surveyId);
  if (!zone) return;
  await repo.applyDeltas(trx, r.workspaceId, r.surveyId, responseDeltas(r.keys, localDate(zone, r.submittedAt), r.after, r.before));
}

type InvitationLike = RollupKeys & { workspace_id: string; survey_id: string; sent_at: Date | null; responded_at: Date | null };

/** An invitation was just sent (`sent_at` set now): counts it, and its answer if it already has one. */
export async function rollupInvitationSent(trx: Kysely<DB>, invitation: InvitationLike, sentAt: Date) {
  const zone = await repo.writableZone(trx, invitation.workspace_id, invitation.survey_id);
  if (!zone) return;
  const measures: ('sent' | 'responded')[] = invitation.responded_at ? ['sent', 'responded'] : ['sent'];
  await repo.applyDeltas(trx, invitation.workspace_id, invitation.survey_id, invitationDeltas(invitation, localDate(zone, sentAt), measures));
}

/** An invitation was answered for the first time: counted by the day it was sent (unsent ones are not in the response rate). */
export async function rollupInvitationResponded(trx: Kysely<DB>, invitation: InvitationLike) {
  if (!invitation.sent_at) return;
  const zone = await repo.writableZone(trx, invitation.workspace_id, invitation.survey_id);
  if (!zone) return;
  await repo.applyDeltas(trx, invitation.workspace_id, invitation.survey_id, invitationDeltas(invitation, localDate(zone, invitation.sent_at), ['responded']));
}

/** Recounts one survey's rollup in its workspace's current zone. */
export async function rebuildRollup(db: Kysely<DB>, workspaceId: string, surveyId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const zone = await repo.lockForRebuild(trx, workspaceId, surveyId);
    if (zone) await repo.rebuild(trx, workspaceId, surveyId, zone);
  });
}

/** The sweeper's part: rebuilds rollups that are stale (a few per run; each is one transaction). */
export async function rebuildStaleRollups(db: Kysely<DB>, limit = 5): Promise<number> {
  const stale = await repo.staleRollups(db, limit);
  for (const s of stale) await rebuildRollup(db, s.workspace_id, s.id);
  return stale.length;
}
