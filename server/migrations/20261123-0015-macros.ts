import { type Kysely, sql } from 'kysely';

/**
 * Macros (issue 5): canned replies with placeholders and ticket actions.
 *
 * - `owner_user_id` null: a shared macro (admins manage it, every agent uses it); set: a personal
 *   macro of that agent only.
 * - `content` is `{ <locale>: { text, html? } }`: the reply per language, picked by the customer's
 *   locale when the macro is used. `actions` is the ticket changes (status, priority, assignee,
 *   team, tags to add/remove); ids in it are checked when the macro is applied, so a team deleted
 *   later makes that macro fail with `invalid_reference` rather than silently do less.
 * - Names are unique per scope (case-insensitive): among the shared macros, and among one agent's.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table macros (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id),
      owner_user_id uuid references users(id),
      name text not null,
      kind text check (kind in ('public_reply','internal_note')),
      content jsonb not null,
      actions jsonb not null default '{}',
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`
    create unique index macros_name on macros (workspace_id, coalesce(owner_user_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name))`.execute(db);
  await sql`create index macros_owner on macros (workspace_id, owner_user_id)`.execute(db);
}
