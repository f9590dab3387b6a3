import { type Insertable, type Kysely, sql } from 'kysely';
import type { DB, SlaRecomputesTable } from '../../platform/schema.ts';

export function insertRecompute(db: Kysely<DB>, row: Insertable<SlaRecomputesTable>) {
  return db.insertInto('sla_recomputes').values(row).returningAll().executeTakeFirstOrThrow();
}

/**
 * A recompute of the workspace not started yet that covers the request (a historical one covers
 * an open-tickets one too), locked until the transaction ends so the job cannot start it before
 * the change that reuses it has committed.
 */
export function findQueuedRecompute(db: Kysely<DB>, workspaceId: string, historical: boolean) {
  let q = db.selectFrom('sla_recomputes').selectAll().where('workspace_id', '=', workspaceId).where('status', '=', 'queued');
  if (historical) q = q.where('historical', '=', true);
  return q.orderBy('historical', 'desc').orderBy('id').limit(1).forUpdate().executeTakeFirst();
}

export function findRecompute(db: Kysely<DB>, workspaceId: string, id: string) {
  return db.selectFrom('sla_recomputes').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/** Newest first; `before` is the id of the last row of the previous page. */
export function listRecomputes(db: Kysely<DB>, workspaceId: string, before: string | undefined, limit: number) {
  let q = db.selectFrom('sla_recomputes').selectAll().where('workspace_id', '=', workspaceId);
  if (before) q = q.where('id', '<', before);
  return q.orderBy('id', 'desc').limit(limit + 1).execute();
}

/**
 * Claims the run: queued (or left running or failed by an earlier attempt of the same job) →
 * running. Undefined when it is completed already (the job ran twice) or does not exist.
 */
export function startRecompute(db: Kysely<DB>, workspaceId: string, id: string, now: Date) {
  return db
    .updateTable('sla_recomputes')
    .set({ status: 'running', started_at: now, finished_at: null, error: null, processed: 0, total: null })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running', 'failed'])
    .returningAll()
    .executeTakeFirst();
}

/** Batches may finish out of order: progress never goes back. */
export async function setProgress(db: Kysely<DB>, workspaceId: string, id: string, progress: { processed: number; total: number }): Promise<void> {
  await db
    .updateTable('sla_recomputes')
    .set({
      processed: sql<number>`greatest(processed, ${progress.processed})`,
      total: sql<number>`greatest(coalesce(total, 0), ${progress.total}, ${progress.processed})`,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function finishRecompute(
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  outcome: { status: 'completed' | 'failed'; error: string | null; finished_at: Date },
): Promise<void> {
  await db.updateTable('sla_recomputes').set(outcome).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}
