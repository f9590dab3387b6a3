import { type Kysely, sql } from 'kysely';

/**
 * Live chat (issue 4, item 6).
 *
 * - `chat_visitors`: one per browser (the widget's localStorage token `v1.<id>.<secret>`); only the
 *   sha256 of the secret is stored. Created with the visitor's first message, never on a mere page
 *   view. `id` is also the value of the customer's `chat_visitor` identity; `customer_id` is who
 *   the visitor is now (it moves to the email's customer when the visitor leaves a known email).
 * - `chat_sessions`: one per chat, keyed by its ticket (channel `chat`). `state` is what agents
 *   filter on (waiting for an agent, active, ended); `greeted_at` / `waiting_since` are what the
 *   greet and hold durations recorded as ticket events are measured from.
 * - `chat_agent_presence`: an agent (user or API key) is online while a heartbeat is younger than
 *   the presence window (GAPWISE_CHAT_PRESENCE_SECONDS).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table chat_visitors (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id),
      secret_hash text not null,
      customer_id uuid not null references customers(id),
      email text,
      created_at timestamptz not null,
      last_seen_at timestamptz not null
    )`.execute(db);
  await sql`create index chat_visitors_customer on chat_visitors (workspace_id, customer_id)`.execute(db);

  await sql`
    create table chat_sessions (
      ticket_id uuid primary key references tickets(id),
      workspace_id uuid not null references workspaces(id),
      visitor_id uuid not null references chat_visitors(id),
      state text not null check (state in ('waiting','active','ended')),
      page_url text,
      started_at timestamptz not null,
      greeted_at timestamptz,
      waiting_since timestamptz,
      last_message_at timestamptz not null,
      ended_at timestamptz,
      visitor_seen_at timestamptz not null
    )`.execute(db);
  // The agents' live list (by state, newest first) and "the visitor's open chat".
  await sql`create index chat_sessions_state on chat_sessions (workspace_id, state, ticket_id)`.execute(db);
  await sql`create index chat_sessions_visitor on chat_sessions (workspace_id, visitor_id, ticket_id)`.execute(db);

  await sql`
    create table chat_agent_presence (
      workspace_id uuid not null references workspaces(id),
      agent_id uuid not null,
      last_seen_at timestamptz not null,
      primary key (workspace_id, agent_id)
    )`.execute(db);
}
