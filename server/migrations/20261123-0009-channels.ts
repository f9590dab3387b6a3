import { type Kysely, sql } from 'kysely';

/**
 * Web form, phone/visit log, messaging webhooks and customer merge (issue 4, items 5, 7, 8, 9).
 *
 * - `messages.metadata`: channel details of a message (a call's direction, duration and outcome;
 *   a webhook message's sender and conversation). Free-form JSON, `{}` when there is nothing.
 * - `web_forms`: public forms; `spam_blocked` counts honeypot hits.
 * - `form_rate_limits`: submissions per form, client IP and fixed window, in the database so the
 *   limit holds across app instances.
 * - `webhook_channels`: generic or Telegram inbound channels; secrets sealed with SecretBox.
 * - `webhook_receipts`: replay protection (an event id or signature seen once per channel).
 * - `webhook_threads`: which ticket carries which external conversation (a ticket per
 *   conversation until it is closed, then a new one).
 * - `channel_deliveries`: outbound side effects of these channels (form acknowledgements, webhook
 *   replies), one row per message, so a job that runs twice sends once and failures are visible.
 * - `customer_merges`: a merged customer is deleted; this row says where it went, so a later
 *   lookup of the old id can answer with `merged_into` (see customers/customer-merge.service.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table messages add column metadata jsonb not null default '{}'`.execute(db);

  await sql`
    create table web_forms (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id),
      name text not null,
      enabled boolean not null default true,
      locale text not null default 'en',
      fields jsonb not null,
      category text,
      team_id uuid references teams(id),
      priority text not null default 'normal' check (priority in ('low','normal','high','urgent')),
      tags text[] not null default '{}',
      max_per_ip_per_hour integer not null default 10,
      spam_blocked integer not null default 0,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index web_forms_workspace on web_forms (workspace_id, id)`.execute(db);

  await sql`
    create table form_rate_limits (
      workspace_id uuid not null references workspaces(id),
      form_id uuid not null references web_forms(id) on delete cascade,
      ip text not null,
      window_start timestamptz not null,
      count integer not null,
      primary key (form_id, ip, window_start)
    )`.execute(db);

  await sql`
    create table webhook_channels (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id),
      name text not null,
      kind text not null check (kind in ('generic','telegram')),
      enabled boolean not null default true,
      secret_sealed text not null,
      callback_url text,
      bot_token_sealed text,
      api_base_url text,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index webhook_channels_workspace on webhook_channels (workspace_id, id)`.execute(db);

  await sql`
    create table webhook_receipts (
      workspace_id uuid not null references workspaces(id),
      channel_id uuid not null references webhook_channels(id) on delete cascade,
      key text not null,
      received_at timestamptz not null,
      primary key (channel_id, key)
    )`.execute(db);

  await sql`
    create table webhook_threads (
      ticket_id uuid primary key references tickets(id),
      workspace_id uuid not null references workspaces(id),
      channel_id uuid not null references webhook_channels(id) on delete cascade,
      conversation_id text not null,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index webhook_threads_conversation on webhook_threads (channel_id, conversation_id, created_at desc)`.execute(db);

  await sql`
    create table channel_deliveries (
      message_id uuid primary key references messages(id),
      workspace_id uuid not null references workspaces(id),
      ticket_id uuid not null references tickets(id),
      kind text not null check (kind in ('form_acknowledgement','webhook_reply')),
      status text not null check (status in ('pending','sent','failed','not_sent')),
      attempts integer not null default 0,
      parts_sent integer not null default 0,
      last_error text,
      sent_at timestamptz,
      created_at timestamptz not null
    )`.execute(db);

  await sql`
    create table customer_merges (
      source_customer_id uuid primary key,
      workspace_id uuid not null references workspaces(id),
      target_customer_id uuid not null references customers(id),
      merged_by uuid,
      merged_at timestamptz not null
    )`.execute(db);
  await sql`create index customer_merges_target on customer_merges (workspace_id, target_customer_id)`.execute(db);
}
