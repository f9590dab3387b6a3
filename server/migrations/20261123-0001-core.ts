import { type Kysely, sql } from 'kysely';

/**
 * The core help-desk model. Every row carries workspace_id (the tenant
 * boundary and the future distribution column). Timestamps are timestamptz.
 * Ids are UUIDv7 made by the application, so id order is creation order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);

  await sql`
    create table workspaces (
      id uuid primary key,
      slug text not null unique,
      name text not null,
      default_locale text not null default 'en',
      time_zone text not null default 'UTC',
      mail_domain text,
      ticket_seq integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table users (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id),
      email text not null,
      name text not null,
      role text not null check (role in ('owner','admin','supervisor','agent')),
      password_hash text,
      locale text not null default 'en',
      time_zone text,
      is_instance_admin boolean not null default false,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index users_workspace_email on users (workspace_id, lower(email))`.execute(db);
  await sql`create index users_email on users (lower(email))`.execute(db);

  await sql`
    create table teams (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id),
      name text not null,
      description text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index teams_workspace_name on teams (workspace_id, lower(name))`.execute(db);

  await sql`
    create table team_members (
      workspace_id uuid not null references workspaces(id),
      team_id uuid not null references teams(id) on delete cascade,
      user_id uuid not null references users(id),
      primary key (team_id, user_id)
    )`.execute(db);
  await sql`create index team_members_user on team_members (user_id)`.execute(db);

  await sql`
    create table branches (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id),
      name text not null,
      code text,
      time_zone text not null,
      address text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index branches_workspace_name on branches (workspace_id, lower(name))`.execute(db);

  await sql`
    create table tiers (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id),
      name text not null,
      rank integer not null,
      description text,
      min_annual_revenue numeric,
      min_margin numeric,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index tiers_workspace_name on tiers (workspace_id, lower(name))`.execute(db);

  await sql`
    create table organizations (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id),
      name text not null,
      domains text[] not null default '{}',
      tier_id uuid references tiers(id),
      annual_revenue numeric,
      margin numeric,
      notes text,
      custom_fields jsonb not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index organizations_workspace_name on organizations (workspace_id, lower(name))`.execute(db);

  await sql`
    create table customers (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id),
      name text not null,
      organization_id uuid references organizations(id),
      tier_id uuid references tiers(id),
      locale text,
      time_zone text,
      annual_revenue numeric,
      margin numeric,
      notes text,
      custom_fields jsonb not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index customers_workspace on customers (workspace_id, id)`.execute(db);
  await sql`create index customers_name_trgm on customers using gin (name gin_trgm_ops)`.execute(db);

  await sql`
    create table customer_identities (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id),
      customer_id uuid not null references customers(id) on delete cascade,
      kind text not null check (kind in ('email','phone','chat_visitor','social')),
      value text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index customer_identities_unique on customer_identities (workspace_id, kind, value)`.execute(db);
  await sql`create index customer_identities_customer on customer_identities (customer_id)`.execute(db);

  await sql`
    create table tickets (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id),
      number integer not null,
      subject text not null,
      status text not null check (status in ('new','open','pending','on_hold','solved','closed')),
      priority text not null check (priority in ('low','normal','high','urgent')),
      channel text not null,
      category text,
      tags text[] not null default '{}',
      assignee_id uuid references users(id),
      team_id uuid references teams(id),
      branch_id uuid references branches(id),
      customer_id uuid not null references customers(id),
      organization_id uuid references organizations(id),
      tier_id uuid references tiers(id),
      custom_fields jsonb not null default '{}',
      external_id text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      solved_at timestamptz,
      closed_at timestamptz
    )`.execute(db);
  await sql`create unique index tickets_workspace_number on tickets (workspace_id, number)`.execute(db);
  await sql`create unique index tickets_workspace_external on tickets (workspace_id, external_id) where external_id is not null`.execute(db);
  await sql`create index tickets_inbox on tickets (workspace_id, updated_at desc, id desc)`.execute(db);
  await sql`create index tickets_status on tickets (workspace_id, status, updated_at desc)`.execute(db);
  await sql`create index tickets_assignee on tickets (workspace_id, assignee_id)`.execute(db);
  await sql`create index tickets_customer on tickets (workspace_id, customer_id)`.execute(db);
  await sql`create index tickets_tags on tickets using gin (tags)`.execute(db);
  await sql`create index tickets_subject_trgm on tickets using gin (subject gin_trgm_ops)`.execute(db);

  await sql`
    create table messages (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id),
      ticket_id uuid not null references tickets(id),
      kind text not null check (kind in ('customer','public_reply','internal_note')),
      author_type text not null check (author_type in ('customer','user','system')),
      author_user_id uuid references users(id),
      author_customer_id uuid references customers(id),
      channel text not null,
      body_text text not null,
      body_html text,
      attachments jsonb not null default '[]',
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index messages_ticket on messages (ticket_id, created_at, id)`.execute(db);
  await sql`create index messages_body_trgm on messages using gin (body_text gin_trgm_ops)`.execute(db);

  await sql`
    create table ticket_events (
      id uuid primary key,
      seq bigint generated always as identity,
      workspace_id uuid not null references workspaces(id),
      ticket_id uuid not null references tickets(id),
      type text not null,
      actor_type text not null check (actor_type in ('user','customer','system','api_key')),
      actor_id uuid,
      data jsonb not null default '{}',
      occurred_at timestamptz not null,
      recorded_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index ticket_events_ticket on ticket_events (ticket_id, occurred_at, seq)`.execute(db);
  await sql`create index ticket_events_workspace_seq on ticket_events (workspace_id, seq)`.execute(db);

  await sql`
    create table audit_log (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id),
      actor_type text not null,
      actor_id uuid,
      action text not null,
      entity_type text not null,
      entity_id uuid,
      changes jsonb not null default '{}',
      ip text,
      occurred_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index audit_log_workspace on audit_log (workspace_id, id desc)`.execute(db);

  await sql`
    create table sessions (
      id uuid primary key,
      token_hash text not null unique,
      workspace_id uuid not null references workspaces(id),
      user_id uuid not null references users(id),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      last_seen_at timestamptz not null default now(),
      revoked_at timestamptz,
      ip text,
      user_agent text
    )`.execute(db);

  await sql`
    create table api_keys (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id),
      name text not null,
      prefix text not null,
      key_hash text not null unique,
      role text not null check (role in ('admin','supervisor','agent')),
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      expires_at timestamptz,
      revoked_at timestamptz
    )`.execute(db);

  // Login throttling happens before we know the workspace, so this table is
  // instance-wide: the one table without workspace_id.
  await sql`
    create table login_attempts (
      id bigint generated always as identity primary key,
      key text not null,
      attempted_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index login_attempts_key on login_attempts (key, attempted_at)`.execute(db);

  await sql`
    create table idempotency_keys (
      workspace_id uuid not null references workspaces(id),
      principal text not null,
      key text not null,
      request_hash text not null,
      status_code integer,
      response jsonb,
      created_at timestamptz not null default now(),
      primary key (workspace_id, principal, key)
    )`.execute(db);

  await sql`
    create table imports (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id),
      created_by uuid references users(id),
      status text not null check (status in ('running','completed','failed')),
      total_lines integer not null default 0,
      processed integer not null default 0,
      created integer not null default 0,
      skipped integer not null default 0,
      failed integer not null default 0,
      errors jsonb not null default '[]',
      created_at timestamptz not null default now(),
      finished_at timestamptz
    )`.execute(db);
}
