import { type Kysely, sql } from 'kysely';

/**
 * Survey results rollup (issue 6, results speed): counts per local day of the workspace, per
 * dimension, kept in the transaction of each response and each invitation sent or answered
 * (server/modules/surveys/survey-rollups.service.ts).
 *
 * - One row per (survey, dimension, key, day, measure, score): `dimension` is '' (everything),
 *   team, agent, branch, channel or tier, and `key` the id/value ('' for none). Measures:
 *   `responses` (score 0), `csat`/`ces`/`nps` (the score), `sent` and `responded` (invitations by
 *   their sent day, score 0). One rollup per dimension rather than one over all of them: on
 *   realistic data every (team, agent, channel, tier) combination is nearly unique per day, so a
 *   combined rollup would hold about as many rows as the responses.
 * - `surveys.rollup_time_zone`: the zone the rollup's days were counted in. The results read the
 *   rollup only while it equals the workspace's zone; new surveys start with it set, existing ones
 *   (and any survey after a zone change) are rebuilt from the raw rows by the minute sweeper.
 * - No foreign keys: a cache written only by the surveys module (like ticket_clocks, 0012).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table surveys add column rollup_time_zone text`.execute(db);
  await sql`
    create table survey_rollups (
      workspace_id uuid not null,
      survey_id uuid not null,
      dimension text not null check (dimension in ('', 'team', 'agent', 'branch', 'channel', 'tier')),
      key text not null,
      day date not null,
      measure text not null check (measure in ('responses', 'csat', 'ces', 'nps', 'sent', 'responded')),
      score smallint not null,
      n integer not null,
      primary key (survey_id, dimension, day, key, measure, score)
    )`.execute(db);
  await sql`create index survey_rollups_workspace on survey_rollups (workspace_id, survey_id)`.execute(db);
}
