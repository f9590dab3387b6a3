import { type Kysely, sql } from 'kysely';

/**
 * Surveys (issue 6): definitions and their versions, studies (audience runs), invitations with
 * hashed tokens, and responses with the ticket snapshot analytics slices by.
 *
 * - `surveys.current_version` points into `survey_versions`; editing a survey whose current
 *   version has responses adds a version (responses keep theirs).
 * - `surveys.deleted_at`: a deleted survey stays as a row so that links already sent show a clear
 *   "closed" page instead of "not found", and its responses stay readable by id.
 * - `survey_invitation_tokens`: only SHA-256 hashes of the link tokens; an invitation may have
 *   several (the first email, a reminder, a link made by hand), all pointing to one invitation.
 * - `survey_invitations` carries the ticket snapshot (team, agent, …) so the response rate can be
 *   grouped like the responses; `(survey_id, ticket_id)` is unique: at most once per ticket.
 * - `survey_responses.invitation_id` is unique (one response per invitation); anonymous responses
 *   leave it null and the invitation keeps a sealed pointer (`response_ref`) only while the
 *   answer may still be edited.
 * - The headline scores (`csat`, `ces`, `nps`) are columns so that results over 500k responses
 *   are a grouped count on a covering index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table surveys (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id),
      name text not null,
      type text not null check (type in ('csat','ces','nps','servqual','kano','custom')),
      active boolean not null default true,
      current_version integer not null default 1,
      settings jsonb not null default '{}',
      dispatch_since timestamptz,
      next_run_at timestamptz,
      deleted_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index surveys_workspace on surveys (workspace_id, id) where deleted_at is null`.execute(db);

  await sql`
    create table survey_versions (
      workspace_id uuid not null references workspaces(id),
      survey_id uuid not null references surveys(id),
      version integer not null check (version >= 1),
      definition jsonb not null,
      created_at timestamptz not null,
      primary key (survey_id, version)
    )`.execute(db);

  await sql`
    create table survey_studies (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id),
      survey_id uuid not null references surveys(id),
      kind text not null check (kind in ('study','schedule')),
      audience jsonb not null default '{}',
      closes_at timestamptz,
      remind_after_days integer,
      created_by text,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index survey_studies_survey on survey_studies (workspace_id, survey_id, id)`.execute(db);

  await sql`
    create table survey_invitations (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id),
      survey_id uuid not null references surveys(id),
      study_id uuid references survey_studies(id),
      customer_id uuid references customers(id),
      ticket_id uuid references tickets(id),
      locale text,
      delivery text not null check (delivery in ('email','chat_inline','link','no_address')),
      status text not null check (status in ('pending','sent','failed')),
      error text,
      team_id uuid,
      agent_id uuid,
      branch_id uuid,
      channel text,
      tier_id uuid,
      organization_id uuid,
      sent_at timestamptz,
      opened_at timestamptz,
      responded_at timestamptz,
      reminded_at timestamptz,
      expires_at timestamptz not null,
      response_ref text,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create unique index survey_invitations_ticket_once on survey_invitations (survey_id, ticket_id) where ticket_id is not null`.execute(db);
  await sql`create index survey_invitations_survey on survey_invitations (workspace_id, survey_id, id)`.execute(db);
  // Response rate per period: invitations sent in a range.
  await sql`create index survey_invitations_sent on survey_invitations (survey_id, sent_at) include (responded_at, team_id, agent_id, branch_id, channel, tier_id, organization_id)`.execute(db);
  await sql`create index survey_invitations_customer on survey_invitations (workspace_id, customer_id, created_at)`.execute(db);
  // The reminder sweep: study invitations sent, not answered, not yet reminded.
  await sql`create index survey_invitations_remind on survey_invitations (sent_at) where study_id is not null and responded_at is null and reminded_at is null`.execute(db);

  await sql`
    create table survey_invitation_tokens (
      token_hash text primary key,
      workspace_id uuid not null references workspaces(id),
      invitation_id uuid not null references survey_invitations(id),
      created_at timestamptz not null
    )`.execute(db);

  await sql`
    create table survey_responses (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id),
      survey_id uuid not null references surveys(id),
      version integer not null,
      invitation_id uuid unique references survey_invitations(id),
      customer_id uuid references customers(id),
      ticket_id uuid references tickets(id),
      agent_id uuid,
      team_id uuid,
      branch_id uuid,
      channel text,
      tier_id uuid,
      organization_id uuid,
      sla_first_reply text,
      sla_resolution text,
      locale text,
      csat smallint,
      ces smallint,
      nps smallint,
      answers jsonb not null default '{}',
      comment text,
      flags text[] not null default '{}',
      followup_ticket_id uuid references tickets(id),
      submitted_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  // Results: a range of one survey, grouped by a snapshot column, counting headline scores —
  // answered from this index alone (index-only scan) on PostgreSQL.
  await sql`
    create index survey_responses_results on survey_responses (survey_id, submitted_at)
      include (csat, ces, nps, team_id, agent_id, branch_id, channel, tier_id, organization_id)`.execute(db);
  await sql`create index survey_responses_survey_id on survey_responses (survey_id, id)`.execute(db);
  await sql`create index survey_responses_ticket on survey_responses (workspace_id, ticket_id) where ticket_id is not null`.execute(db);
}
