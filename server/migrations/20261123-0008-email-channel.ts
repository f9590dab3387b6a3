import { type Kysely, sql } from 'kysely';

/**
 * The email channel (issue 4, items 1–4; server/modules/channels/email).
 *
 * - `email_messages`: every mail of a ticket, both ways. Inbound rows point at the ticket message
 *   they became; outbound rows are agent replies (`reply`, pointing at the reply message) and
 *   acknowledgements (`ack`, no message; the Message-ID is fixed by the first send attempt, so a
 *   retry carries the same one). `rfc_message_id` is unique per workspace: it is how a
 *   reply finds its ticket (In-Reply-To / References) and how the same mail delivered twice is
 *   stored once. Mail without a Message-ID is deduplicated by `content_hash` (sha256 of the raw
 *   message) instead. Outbound rows carry the delivery state the send job keeps
 *   (queued → sent | failed | not_sent, with attempts and the last error).
 * - `email_mailboxes`: IMAP mailboxes polled for a workspace. The password is sealed with the
 *   instance SecretBox (AES-256-GCM); `uid_validity`/`last_uid` say how far the poller read;
 *   `lease_owner`/`lease_until` keep one app instance polling a mailbox at a time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table email_messages (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id),
      ticket_id uuid not null references tickets(id),
      message_id uuid references messages(id),
      direction text not null check (direction in ('in','out')),
      kind text not null check (kind in ('customer','reply','ack')),
      rfc_message_id text,
      content_hash text,
      in_reply_to text,
      reference_ids text[] not null default '{}',
      from_address text,
      to_addresses text[] not null default '{}',
      subject text not null default '',
      auto_kind text check (auto_kind in ('auto_reply','bounce','bulk')),
      auto_reason text,
      raw_key text,
      source text check (source in ('smtp','imap')),
      mailbox_id uuid,
      status text not null check (status in ('received','queued','sent','failed','not_sent')),
      attempts integer not null default 0,
      error text,
      sent_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check (direction = 'out' or rfc_message_id is not null or content_hash is not null)
    )`.execute(db);
  await sql`create unique index email_messages_rfc_id on email_messages (workspace_id, rfc_message_id) where rfc_message_id is not null`.execute(db);
  await sql`create unique index email_messages_hash on email_messages (workspace_id, content_hash) where content_hash is not null`.execute(db);
  await sql`create index email_messages_ticket on email_messages (workspace_id, ticket_id, id)`.execute(db);
  await sql`create index email_messages_message on email_messages (workspace_id, message_id) where message_id is not null`.execute(db);
  await sql`create index email_messages_acks on email_messages (workspace_id, created_at) where kind = 'ack'`.execute(db);

  await sql`
    create table email_mailboxes (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id),
      name text not null,
      host text not null,
      port integer not null check (port between 1 and 65535),
      secure boolean not null,
      username text not null,
      password_sealed text not null,
      folder text not null default 'INBOX',
      active boolean not null default true,
      import_existing boolean not null default false,
      uid_validity text,
      last_uid bigint not null default 0,
      last_polled_at timestamptz,
      last_error text,
      lease_owner text,
      lease_until timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create unique index email_mailboxes_account on email_mailboxes (workspace_id, lower(host), lower(username), folder)`.execute(db);
  await sql`create index email_mailboxes_active on email_mailboxes (active, lease_until)`.execute(db);
  // Every SMTP recipient is looked up by its domain.
  await sql`create index workspaces_mail_domain on workspaces (lower(mail_domain)) where mail_domain is not null`.execute(db);
}
