import { type Kysely, sql } from 'kysely';

/**
 * Business calendars (issue 3): a workspace's opening hours, shifts, breaks and
 * holidays in one IANA zone. `definition` holds the normalised definition of
 * server/modules/sla/calendar.ts (camelCase, overnight hours split, `24:00`
 * kept), so the SLA engine can compile it without translating. `time_zone`
 * mirrors definition.timeZone for listing. Branches and teams may name their
 * own calendar; a calendar in use cannot be deleted (the foreign keys say so too).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table calendars (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id),
      name text not null,
      time_zone text not null,
      definition jsonb not null,
      is_default boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index calendars_workspace_name on calendars (workspace_id, lower(name))`.execute(db);
  // At most one default per workspace; the service unsets the old one in the same transaction.
  await sql`create unique index calendars_workspace_default on calendars (workspace_id) where is_default`.execute(db);

  await sql`alter table branches add column calendar_id uuid references calendars(id)`.execute(db);
  await sql`alter table teams add column calendar_id uuid references calendars(id)`.execute(db);
  await sql`create index branches_calendar on branches (calendar_id) where calendar_id is not null`.execute(db);
  await sql`create index teams_calendar on teams (calendar_id) where calendar_id is not null`.execute(db);
}
