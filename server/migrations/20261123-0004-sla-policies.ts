import { type Kysely, sql } from 'kysely';

/**
 * SLA policies (issue 3, item 4): an ordered list per workspace; the first
 * active policy whose conditions match a ticket sets its clocks' targets
 * (ties in `position` go to the older policy, i.e. the smaller UUIDv7 id).
 *
 * `conditions`, `targets`, `pause_statuses` and `escalation_rules` are jsonb in
 * the shapes of server/modules/sla-policies/policy-types.ts, validated by the
 * API (contracts/sla-policies.ts) before they are stored. Ids inside them
 * (tiers, calendars, teams …) have no foreign keys: a policy that names
 * something deleted since is not applied (see policy-resolver.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sla_policies (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id),
      name text not null,
      position integer not null,
      active boolean not null default true,
      conditions jsonb not null default '{}',
      targets jsonb not null default '{}',
      pause_statuses jsonb not null default '{}',
      solve_while_waiting text not null default 'fulfil' check (solve_while_waiting in ('fulfil','cancel')),
      escalation_rules jsonb not null default '[]',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index sla_policies_workspace_name on sla_policies (workspace_id, lower(name))`.execute(db);
  await sql`create index sla_policies_workspace_position on sla_policies (workspace_id, position, id)`.execute(db);
}
