import { type Kysely, sql } from 'kysely';

/**
 * Weekly team reports (issue 7, item 7).
 *
 * - `teams.lead_user_id`: who gets the team's weekly report (an active user of the workspace when
 *   set; checked by the teams service). Users are deactivated, never deleted, so the reference holds;
 *   a lead deactivated later simply gets no report.
 * - `users.weekly_report`: the user's own opt-out (default on).
 * - `team_reports`: one row per team and report week (the week's local Monday in the workspace's
 *   zone). The row is inserted with the send job in one transaction, and its primary key lets only
 *   one of several sweeps (instances, restarts) queue a week's report; the send job moves `status`
 *   and stamps `sent_at` once the relay accepted the mail. `attempt_at` is the lease of a send in
 *   progress, so a job run again after a crash does not send beside a live one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table teams add column lead_user_id uuid references users(id)`.execute(db);
  await sql`create index teams_lead on teams (workspace_id, lead_user_id) where lead_user_id is not null`.execute(db);
  await sql`alter table users add column weekly_report boolean not null default true`.execute(db);
  await sql`
    create table team_reports (
      team_id uuid not null references teams(id) on delete cascade,
      week_start date not null,
      workspace_id uuid not null references workspaces(id),
      lead_user_id uuid not null references users(id),
      status text not null check (status in ('queued','sending','sent','skipped','rejected','not_sent')),
      queued_at timestamptz not null,
      attempt_at timestamptz,
      sent_at timestamptz,
      message_id text,
      error text,
      primary key (team_id, week_start)
    )`.execute(db);
  await sql`create index team_reports_workspace on team_reports (workspace_id, week_start)`.execute(db);
}
