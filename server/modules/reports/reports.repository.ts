import type { Kysely, Updateable } from 'kysely';
import type { DB, TeamReportsTable } from '../../platform/schema.ts';

/** SQL of the weekly team reports (migration 0017). */

/** Workspaces with at least one team lead, and their zones: the only ones the sweep looks at. */
export function workspacesWithLeads(db: Kysely<DB>) {
  return db
    .selectFrom('workspaces')
    .select(['workspaces.id', 'workspaces.time_zone'])
    .where((eb) => eb.exists(eb.selectFrom('teams').select('teams.id').whereRef('teams.workspace_id', '=', 'workspaces.id').where('teams.lead_user_id', 'is not', null)))
    .orderBy('workspaces.id')
    .execute();
}

/** Teams whose lead (active, not opted out) has no report row for the week yet. */
export function teamsDueForReport(db: Kysely<DB>, workspaceId: string, weekStart: string) {
  return db
    .selectFrom('teams')
    .innerJoin('users', (join) => join.onRef('users.id', '=', 'teams.lead_user_id').onRef('users.workspace_id', '=', 'teams.workspace_id'))
    .select(['teams.id as team_id', 'users.id as lead_user_id'])
    .where('teams.workspace_id', '=', workspaceId)
    .where('users.active', '=', true)
    .where('users.weekly_report', '=', true)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('team_reports').select('team_reports.team_id').whereRef('team_reports.team_id', '=', 'teams.id').where('team_reports.week_start', '=', weekStart),
        ),
      ),
    )
    .orderBy('teams.id')
    .execute();
}

/**
 * Claims a team's week: true when this call inserted the row. On PostgreSQL a concurrent insert of
 * the same key waits for the first to commit and then does nothing, so only one sweep queues it.
 */
export async function insertTeamReport(
  db: Kysely<DB>,
  row: { workspace_id: string; team_id: string; week_start: string; lead_user_id: string; queued_at: Date },
): Promise<boolean> {
  const inserted = await db
    .insertInto('team_reports')
    .values({ ...row, status: 'queued' })
    .onConflict((oc) => oc.columns(['team_id', 'week_start']).doNothing())
    .returning('team_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export function findTeamReport(db: Kysely<DB>, workspaceId: string, teamId: string, weekStart: string) {
  return db
    .selectFrom('team_reports')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('team_id', '=', teamId)
    .where('week_start', '=', weekStart)
    .executeTakeFirst();
}

/**
 * Takes the send of a queued report (or of one whose sender's lease ran out, i.e. it crashed):
 * the row when this caller may send now, undefined otherwise.
 */
export function startSending(db: Kysely<DB>, workspaceId: string, teamId: string, weekStart: string, now: Date, leaseExpiredBefore: Date) {
  return db
    .updateTable('team_reports')
    .set({ status: 'sending', attempt_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('team_id', '=', teamId)
    .where('week_start', '=', weekStart)
    .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'sending'), eb('attempt_at', '<', leaseExpiredBefore)])]))
    .returningAll()
    .executeTakeFirst();
}

export async function updateTeamReport(
  db: Kysely<DB>,
  workspaceId: string,
  teamId: string,
  weekStart: string,
  changes: Updateable<TeamReportsTable>,
): Promise<void> {
  await db
    .updateTable('team_reports')
    .set(changes)
    .where('workspace_id', '=', workspaceId)
    .where('team_id', '=', teamId)
    .where('week_start', '=', weekStart)
    .execute();
}

/** The team, its workspace and its lead (when set), for building a report. */
export function findTeamForReport(db: Kysely<DB>, workspaceId: string, teamId: string) {
  return db
    .selectFrom('teams')
    .innerJoin('workspaces', 'workspaces.id', 'teams.workspace_id')
    .leftJoin('users', (join) => join.onRef('users.id', '=', 'teams.lead_user_id').onRef('users.workspace_id', '=', 'teams.workspace_id'))
    .select([
      'teams.id',
      'teams.name',
      'workspaces.name as workspace_name',
      'workspaces.time_zone',
      'users.id as lead_id',
      'users.name as lead_name',
      'users.email as lead_email',
      'users.locale as lead_locale',
      'users.active as lead_active',
      'users.weekly_report as lead_weekly_report',
    ])
    .where('teams.workspace_id', '=', workspaceId)
    .where('teams.id', '=', teamId)
    .executeTakeFirst();
}

export function findUserForReport(db: Kysely<DB>, workspaceId: string, userId: string) {
  return db.selectFrom('users').select(['id', 'name', 'email', 'locale']).where('workspace_id', '=', workspaceId).where('id', '=', userId).executeTakeFirst();
}

/** Names of users, by id (the flagged agents of a report). */
export async function userNames(db: Kysely<DB>, workspaceId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The sent-log rows of a workspace for a week (tests and support). */
export function listTeamReports(db: Kysely<DB>, workspaceId: string, weekStart: string) {
  return db.selectFrom('team_reports').selectAll().where('workspace_id', '=', workspaceId).where('week_start', '=', weekStart).orderBy('team_id').execute();
}
