import { type Kysely, sql } from 'kysely';

/**
 * Saved inbox views (issue 5, item 2): a name, a ticket-list filter and a sort, either personal
 * (only `owner_user_id` sees it) or shared with the workspace (`shared`; supervisors and above
 * manage those, `owner_user_id` is then who created it).
 *
 * - `filters`: the ticket list filter as JSON (contracts/views.ts `viewFilters`, checked by the
 *   API on every write; `assignee_id: "me"` means whoever looks at the view).
 * - Names are unique per owner among personal views and per workspace among shared ones
 *   (case-insensitive), so the view nav never shows two entries it cannot tell apart.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table saved_views (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id),
      owner_user_id uuid not null references users(id),
      shared boolean not null default false,
      name text not null check (length(name) between 1 and 100),
      filters jsonb not null default '{}',
      sort text not null default 'updated_at' check (sort in ('updated_at','sla_due')),
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  // The view nav's query: a user's personal views and the workspace's shared ones.
  await sql`create index saved_views_owner on saved_views (workspace_id, owner_user_id)`.execute(db);
  await sql`create unique index saved_views_personal_name on saved_views (workspace_id, owner_user_id, lower(name)) where not shared`.execute(db);
  await sql`create unique index saved_views_shared_name on saved_views (workspace_id, lower(name)) where shared`.execute(db);
}
