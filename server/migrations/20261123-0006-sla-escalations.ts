import { type Kysely, sql } from 'kysely';

/**
 * SLA warnings and escalations (issue 3, item 6), and the notifications they send.
 *
 * `sla_escalations`: one row per firing of an escalation rule — the rule being
 * (metric, offset_minutes) of the clock's policy — for one clock instance and one due
 * time. The unique key (ticket, metric, instance, offset, due_at) is the spec's "at most
 * once per (ticket, metric, instance, rule, due_at)"; `state` moves scheduled → fired or
 * scheduled → cancelled (and cancelled → scheduled when the due time comes back to the
 * same instant). Written by server/modules/sla-escalations whenever a ticket's clocks are
 * refreshed, fired by the `sla.escalations.sweep` job. `policy_id` has no foreign key, as
 * in ticket_clocks.
 *
 * `notifications`: what was sent to a user, per channel. In-app rows are the user's inbox
 * (`read_at`); email rows are rendered messages for the email channel to deliver
 * (`sent_at` stays null until it exists). `dedupe_key` makes a retried job write once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sla_escalations (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id),
      ticket_id uuid not null references tickets(id),
      metric text not null,
      instance integer not null check (instance >= 1),
      offset_minutes integer not null,
      policy_id uuid,
      due_at timestamptz not null,
      fire_at timestamptz not null,
      state text not null check (state in ('scheduled','fired','cancelled')),
      scheduled_at timestamptz not null,
      fired_at timestamptz,
      cancelled_at timestamptz,
      unique (ticket_id, metric, instance, offset_minutes, due_at)
    )`.execute(db);
  // The sweeper's question: what is due now?
  await sql`create index sla_escalations_due on sla_escalations (fire_at, id) where state = 'scheduled'`.execute(db);

  await sql`
    create table notifications (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id),
      user_id uuid not null references users(id),
      ticket_id uuid references tickets(id),
      kind text not null,
      channel text not null check (channel in ('in_app','email')),
      subject text not null,
      body text not null,
      data jsonb not null default '{}',
      dedupe_key text unique,
      created_at timestamptz not null,
      read_at timestamptz,
      sent_at timestamptz
    )`.execute(db);
  await sql`create index notifications_inbox on notifications (workspace_id, user_id, channel, id)`.execute(db);
}
