import { type Kysely, sql } from 'kysely';

/**
 * Ticket facts (issue 7, "stays fast at scale"): one row per ticket with what the analytics read —
 * the ticket's dimensions as they are now, and the instants, durations, counts and SLA outcomes of
 * its history — so an analytics request aggregates one narrow row per ticket instead of folding
 * tickets, ticket_events, messages, ticket_clocks and survey_responses at request time.
 *
 * - A cache written only by server/modules/analytics (`ticket-facts.*`), built by a pure fold
 *   (`buildTicketFact`) from the raw rows; no foreign keys (like ticket_clocks since 0012).
 * - `ticket_facts_dirty`: the queue of tickets to rebuild. Every ticket event, every clock
 *   recompute and every survey response linked to a ticket marks its ticket in the same
 *   transaction (an upsert that bumps `version`). The refresh takes rows `for update skip locked`
 *   (several instances never work on the same ticket) and deletes a row only if its version is
 *   still the one it read, so a mark made while it ran is never lost.
 * - `sla_recheck_at`: the earliest due time of the ticket's running clocks that the fact does not
 *   count as breached yet. A running clock past due is breached without any new event, so the
 *   refresh job marks tickets whose recheck time has passed.
 * - Every existing ticket is marked dirty here; the refresh job builds their facts in the
 *   background (or `rebuildTicketFacts` at once).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table ticket_facts (
      ticket_id uuid primary key,
      workspace_id uuid not null,
      tier_id uuid,
      organization_id uuid,
      channel text not null,
      priority text not null,
      category text,
      team_id uuid,
      branch_id uuid,
      assignee_id uuid,
      tags text[] not null default '{}',
      status text not null,
      excluded boolean not null default false,
      created_at timestamptz not null,
      first_reply_at timestamptz,
      first_reply_s double precision,
      first_reply_business_s double precision,
      next_reply_at timestamptz[] not null default '{}',
      next_reply_s double precision[] not null default '{}',
      next_reply_business_s double precision[] not null default '{}',
      last_next_reply_at timestamptz,
      first_solved_at timestamptz,
      solved_at timestamptz,
      reopened_at timestamptz,
      reopens integer not null default 0,
      resolution_s double precision,
      resolution_business_s double precision,
      agent_replies integer not null default 0,
      handle_s double precision not null default 0,
      sla_achieved text[] not null default '{}',
      sla_breached text[] not null default '{}',
      sla_slack_ratio double precision,
      sla_recheck_at timestamptz,
      csat smallint,
      ces smallint,
      refreshed_at timestamptz not null
    )`.execute(db);
  await sql`create index ticket_facts_created on ticket_facts (workspace_id, created_at)`.execute(db);
  await sql`create index ticket_facts_first_solved on ticket_facts (workspace_id, first_solved_at)`.execute(db);
  await sql`create index ticket_facts_first_reply on ticket_facts (workspace_id, first_reply_at)`.execute(db);
  // Next replies are counted in the period of each reply: tickets with a reply at or after `from`.
  await sql`create index ticket_facts_next_reply on ticket_facts (workspace_id, last_next_reply_at) where last_next_reply_at is not null`.execute(db);
  // Backlog: tickets open at some period end — never solved yet, or reopened (small sets).
  await sql`create index ticket_facts_unsolved on ticket_facts (workspace_id, created_at) where first_solved_at is null`.execute(db);
  await sql`create index ticket_facts_reopened on ticket_facts (workspace_id, reopened_at) where reopened_at is not null`.execute(db);
  await sql`create index ticket_facts_recheck on ticket_facts (sla_recheck_at) where sla_recheck_at is not null`.execute(db);

  await sql`create sequence ticket_facts_dirty_version`.execute(db);
  await sql`
    create table ticket_facts_dirty (
      ticket_id uuid primary key,
      workspace_id uuid not null,
      version bigint not null
    )`.execute(db);
  await sql`
    insert into ticket_facts_dirty (ticket_id, workspace_id, version)
    select id, workspace_id, nextval('ticket_facts_dirty_version') from tickets`.execute(db);
}
