import { type Kysely, sql } from 'kysely';

/**
 * SLA recomputes (issue 3, item 8): one row per run of the `sla.recompute` job, so its progress
 * can be read through the API while it runs and its outcome afterwards.
 *
 * - `status`: queued → running → completed | failed (a failed run that pg-boss retries goes back
 *   to running). A policy or calendar change reuses a recompute still `queued` for the workspace
 *   instead of queuing another (server/modules/sla-recompute/README.md).
 * - `historical`: false recomputes tickets not closed, keeping fulfilled clocks as stored; true
 *   recomputes every ticket wholly from history under today's policies (an admin asks for it).
 * - `total` is the number of tickets the run found when it started; `processed` grows batch by
 *   batch (tickets created meanwhile can make it exceed `total`).
 * - `requested_by`: the user or API key that caused it; no foreign key (an API key may be revoked).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sla_recomputes (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id),
      reason text not null,
      historical boolean not null,
      status text not null check (status in ('queued','running','completed','failed')),
      total integer check (total >= 0),
      processed integer not null default 0 check (processed >= 0),
      error text,
      requested_by uuid,
      created_at timestamptz not null,
      started_at timestamptz,
      finished_at timestamptz
    )`.execute(db);
  // Newest first in the API (ids are UUIDv7, so by id); and the "is one queued already?" lookup of every policy change.
  await sql`create index sla_recomputes_workspace on sla_recomputes (workspace_id, id)`.execute(db);
  await sql`create index sla_recomputes_queued on sla_recomputes (workspace_id) where status = 'queued'`.execute(db);
}
