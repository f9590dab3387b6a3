import { type Kysely, sql } from 'kysely';

/**
 * The SLA summary moves off `tickets` into its own narrow table, and the clock cache loses its
 * foreign keys: both to make recomputing clocks cheap (issue 3, recompute benchmark).
 *
 * - A ticket row carries ten indexes, two of them GIN (subject trigrams, tags). Rewriting its SLA
 *   columns could never be a HOT update (`sla_next_due_at` was indexed), so every recompute
 *   inserted into all ten indexes per ticket — the largest cost of a recompute after the clock
 *   rows themselves. `ticket_sla` has two small indexes, and only its rows are rewritten.
 * - `ticket_clocks` and `ticket_sla` are caches of what `ticket_events` say, written only by
 *   server/modules/sla-clocks in the transaction of the ticket change (tickets are never deleted;
 *   a workspace is never deleted with its tickets). Their foreign keys checked, per clock row, what
 *   the writer guarantees by construction, and cost about half of every clock insert.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table ticket_sla (
      ticket_id uuid primary key,
      workspace_id uuid not null,
      sla_next_due_at timestamptz,
      sla_next_warning_at timestamptz,
      sla_status text check (sla_status in ('breached','breaching','imminent','pending','paused','achieved','cancelled')),
      sla_error text
    )`.execute(db);
  // Inbox sorted by next due (nulls last), and the imminent/breaching filters.
  await sql`create index ticket_sla_due on ticket_sla (workspace_id, sla_next_due_at, ticket_id)`.execute(db);
  await sql`
    insert into ticket_sla (ticket_id, workspace_id, sla_next_due_at, sla_next_warning_at, sla_status, sla_error)
    select id, workspace_id, sla_next_due_at, sla_next_warning_at, sla_status, sla_error from tickets`.execute(db);
  await sql`drop index tickets_sla_due`.execute(db);
  await sql`alter table tickets drop column sla_next_due_at, drop column sla_next_warning_at, drop column sla_status, drop column sla_error`.execute(db);

  await sql`alter table ticket_clocks drop constraint ticket_clocks_workspace_id_fkey`.execute(db);
  await sql`alter table ticket_clocks drop constraint ticket_clocks_ticket_id_fkey`.execute(db);
}
