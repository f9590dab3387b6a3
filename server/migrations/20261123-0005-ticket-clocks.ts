import { type Kysely, sql } from 'kysely';

/**
 * Stored SLA clocks (issue 3, items 5 and 7). `ticket_clocks` caches what the
 * clock engine (server/modules/sla/clocks) derives from a ticket's events and
 * the policies in force: one row per (ticket, metric, instance), rewritten by
 * server/modules/sla-clocks whenever the ticket changes. A recompute from
 * history gives the same rows.
 *
 * - `elapsed_ms` is in the target's measure (business time in business mode)
 *   as of `computed_at`; readers extrapolate running clocks to "now".
 * - `warning_at` is the first warning instant of a running clock (null without
 *   warning rules), so "imminent" can be answered without the policy.
 * - `policy_id` and `calendar_id` carry no foreign keys: a stored clock is a
 *   record of what was promised, and must not stop an admin from deleting a
 *   policy or calendar (the recompute job rewrites the clocks afterwards).
 *
 * On `tickets`, the summary the inbox filters and sorts on:
 * - `sla_next_due_at`: the earliest due time of the running clocks (a running
 *   clock that already breached counts at its breach instant);
 * - `sla_next_warning_at`: the earliest instant one of them becomes imminent;
 * - `sla_status`: the worst display status as of the last computation;
 * - `sla_error`: why the clocks could not be computed (the ticket is flagged,
 *   and keeps the clocks it had).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table ticket_clocks (
      workspace_id uuid not null references workspaces(id),
      ticket_id uuid not null references tickets(id),
      metric text not null,
      instance integer not null check (instance >= 1),
      policy_id uuid,
      target_seconds integer not null check (target_seconds >= 0),
      mode text not null check (mode in ('business','calendar')),
      calendar_id uuid,
      state text not null check (state in ('active','paused','fulfilled','cancelled')),
      started_at timestamptz not null,
      due_at timestamptz,
      warning_at timestamptz,
      elapsed_ms bigint not null check (elapsed_ms >= 0),
      fulfilled_at timestamptz,
      cancelled_at timestamptz,
      outcome text check (outcome in ('achieved','breached')),
      breached_at timestamptz,
      computed_at timestamptz not null,
      primary key (ticket_id, metric, instance)
    )`.execute(db);
  // The SLA report reads fulfilled clocks by fulfilment time and running ones by due time.
  await sql`create index ticket_clocks_fulfilled on ticket_clocks (workspace_id, fulfilled_at) where state = 'fulfilled'`.execute(db);
  await sql`create index ticket_clocks_due on ticket_clocks (workspace_id, due_at) where state = 'active'`.execute(db);

  await sql`alter table tickets add column sla_next_due_at timestamptz`.execute(db);
  await sql`alter table tickets add column sla_next_warning_at timestamptz`.execute(db);
  await sql`
    alter table tickets add column sla_status text
      check (sla_status in ('breached','breaching','imminent','pending','paused','achieved','cancelled'))`.execute(db);
  await sql`alter table tickets add column sla_error text`.execute(db);
  // Inbox sorted by next due (nulls last), and the imminent/breaching filters.
  await sql`create index tickets_sla_due on tickets (workspace_id, sla_next_due_at, id)`.execute(db);
}
