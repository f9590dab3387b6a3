import { type Kysely, sql } from 'kysely';

/**
 * The analytics rollup (issue 7, "stays fast at scale"): ticket facts (0016) summed per local day
 * and per ISO week, per dimension value, so a 90-day request reads a few hundred small rows instead
 * of aggregating ~250k fact rows (a whole-table scan of `ticket_facts` at 1M tickets).
 *
 * - `analytics_rollup`: one row per (workspace, level, start, dim, key). `level` is 'day' or 'week'
 *   (the week row is the sum of its seven day rows); `start` the local date in the workspace's zone
 *   as recorded in `analytics_rollup_state`; `dim` one of the filter/grouping dimensions or 'all',
 *   `key` the dimension's value as text (null for none, like the SQL groups). `counts`: counters;
 *   `d_*`: mergeable duration distributions (distribution-rules.ts; names in rollup-rules.ts
 *   DISTRIBUTION_NAMES), one column each so a read fetches only those it needs (an agent's 90 days
 *   with all nine were 16 MB of JSON, with the one consistency needs under 2); `backlog_delta`: tickets opened minus closed that day, summed
 *   from the start of time for a backlog. A derived cache written only by the analytics module: no
 *   foreign keys, rows of a (workspace, level, start) always rewritten together.
 * - `analytics_rollup_dirty`: local days to rebuild, marked by the facts refresh for both the old and
 *   the new instants of every fact it rewrites; versioned like `ticket_facts_dirty` so a mark made
 *   while a rebuild runs is never lost.
 * - `analytics_rollup_state`: the zone the rollup's days are in and whether the workspace's rollup
 *   is complete (`ready`); until then, or when the workspace's zone changed, requests read the facts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Rebuilding a day loads the facts with an instant in it. Two instants had no bounded index:
  // next replies (the span from the first to the last one overlaps the day) and re-solves after a
  // reopen; before these, rebuilding any day scanned every ticket replied to since (1 s at 1M).
  // Next replies are in time order (the fold reads events in order), so the first is the earliest;
  // `least` only keeps the expression from failing (an empty range) if that were ever not so.
  await sql`
    create index ticket_facts_next_reply_span on ticket_facts using gist (tstzrange(least(next_reply_at[1], last_next_reply_at), last_next_reply_at, '[]'))
    where last_next_reply_at is not null`.execute(db);
  await sql`create index ticket_facts_solved_again on ticket_facts (workspace_id, solved_at) where reopened_at is not null`.execute(db);
  await sql`
    create table analytics_rollup (
      workspace_id uuid not null,
      level text not null check (level in ('day','week')),
      start date not null,
      dim text not null,
      key text,
      counts json not null,
      d_frc json, d_frb json, d_nrc json, d_nrb json, d_rsc json, d_rsb json, d_h json, d_sfc json, d_sfb json,
      backlog_delta integer not null default 0
    )`.execute(db);
  await sql`create index analytics_rollup_read on analytics_rollup (workspace_id, dim, level, start)`.execute(db);
  await sql`create index analytics_rollup_rewrite on analytics_rollup (workspace_id, level, start)`.execute(db);
  await sql`create sequence analytics_rollup_dirty_version`.execute(db);
  await sql`
    create table analytics_rollup_dirty (
      workspace_id uuid not null,
      day date not null,
      version bigint not null,
      primary key (workspace_id, day)
    )`.execute(db);
  await sql`
    create table analytics_rollup_state (
      workspace_id uuid primary key,
      time_zone text not null,
      ready boolean not null default false
    )`.execute(db);
}
