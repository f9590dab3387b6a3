import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { NormalizedCalendarDefinition } from '../modules/sla/calendar.ts';
import type { EscalationRule, PolicyConditions, PolicyPauseStatuses, PolicyTargets } from '../modules/sla-policies/policy-types.ts';

/** Typed mirror of the tables created by server/migrations. Keep in step. */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | T | undefined, string | T>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
/** numeric columns come back as strings on both engines (exact decimals). */
type Numeric = ColumnType<string | null, string | number | null | undefined, string | number | null>;

export type Role = 'owner' | 'admin' | 'supervisor' | 'agent';
export type TicketStatus = 'new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed';
export type TicketPriority = 'low' | 'normal' | 'high' | 'urgent';
export type MessageKind = 'customer' | 'public_reply' | 'internal_note';
export type ActorType = 'user' | 'customer' | 'system' | 'api_key';
export type IdentityKind = 'email' | 'phone' | 'chat_visitor' | 'social';
/** Who set a customer's tier: by hand (rules never override it), by value rules, or from the organization. */
export type TierSource = 'manual' | 'rule' | 'organization';

export interface WorkspacesTable {
  id: string;
  slug: string;
  name: string;
  default_locale: Generated<string>;
  time_zone: Generated<string>;
  mail_domain: string | null;
  ticket_seq: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface UsersTable {
  id: string;
  workspace_id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string | null;
  locale: Generated<string>;
  time_zone: string | null;
  is_instance_admin: Generated<boolean>;
  active: Generated<boolean>;
  /** Wants the weekly team report when leading a team (migration 0017). */
  weekly_report: Generated<boolean>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface TeamsTable {
  id: string;
  workspace_id: string;
  name: string;
  description: string | null;
  calendar_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Who gets the team's weekly report (migration 0017). */
  lead_user_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface TeamMembersTable {
  workspace_id: string;
  team_id: string;
  user_id: string;
}

export interface BranchesTable {
  id: string;
  workspace_id: string;
  name: string;
  code: string | null;
  time_zone: string;
  address: string | null;
  calendar_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface TiersTable {
  id: string;
  workspace_id: string;
  name: string;
  rank: number;
  description: string | null;
  min_annual_revenue: Numeric;
  min_margin: Numeric;
  min_tickets_per_year: number | null;
  auto_assign: Generated<boolean>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface OrganizationsTable {
  id: string;
  workspace_id: string;
  name: string;
  domains: TextArray;
  tier_id: string | null;
  annual_revenue: Numeric;
  margin: Numeric;
  notes: string | null;
  custom_fields: Json<Record<string, unknown>>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface CustomersTable {
  id: string;
  workspace_id: string;
  name: string;
  organization_id: string | null;
  tier_id: string | null;
  tier_source: Generated<TierSource>;
  locale: string | null;
  time_zone: string | null;
  annual_revenue: Numeric;
  margin: Numeric;
  notes: string | null;
  custom_fields: Json<Record<string, unknown>>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface CustomerIdentitiesTable {
  id: string;
  workspace_id: string;
  customer_id: string;
  kind: IdentityKind;
  value: string;
  created_at: GeneratedTimestamp;
}

export interface TicketsTable {
  id: string;
  workspace_id: string;
  number: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  channel: string;
  category: string | null;
  tags: TextArray;
  assignee_id: string | null;
  team_id: string | null;
  branch_id: string | null;
  customer_id: string;
  organization_id: string | null;
  tier_id: string | null;
  custom_fields: Json<Record<string, unknown>>;
  external_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  solved_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** A ticket's SLA summary, kept by server/modules/sla-clocks (migrations 0005, 0012). */
export interface TicketSlaTable {
  ticket_id: string;
  workspace_id: string;
  sla_next_due_at: Date | null;
  sla_next_warning_at: Date | null;
  sla_status: SlaDisplayStatus | null;
  sla_error: string | null;
}

export interface Attachment {
  filename: string;
  content_type: string;
  size: number;
  storage_key?: string;
  content_id?: string;
}

export interface MessagesTable {
  id: string;
  workspace_id: string;
  ticket_id: string;
  kind: MessageKind;
  author_type: 'customer' | 'user' | 'system';
  author_user_id: string | null;
  author_customer_id: string | null;
  channel: string;
  body_text: string;
  body_html: string | null;
  attachments: Json<Attachment[]>;
  /** Channel details (a call's direction and outcome, a webhook sender); migration 0009. */
  metadata: Json<Record<string, unknown>>;
  created_at: Timestamp;
}

export interface TicketEventsTable {
  id: string;
  seq: Generated<number>;
  workspace_id: string;
  ticket_id: string;
  type: string;
  actor_type: ActorType;
  actor_id: string | null;
  data: Json<Record<string, unknown>>;
  occurred_at: Timestamp;
  recorded_at: GeneratedTimestamp;
}

export interface AuditLogTable {
  id: string;
  workspace_id: string;
  actor_type: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  changes: Json<Record<string, unknown>>;
  ip: string | null;
  occurred_at: GeneratedTimestamp;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  workspace_id: string;
  user_id: string;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
  last_seen_at: GeneratedTimestamp;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiKeysTable {
  id: string;
  workspace_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  role: Exclude<Role, 'owner'>;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  last_used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  key: string;
  attempted_at: GeneratedTimestamp;
}

export interface IdempotencyKeysTable {
  workspace_id: string;
  principal: string;
  key: string;
  request_hash: string;
  status_code: number | null;
  response: Json<unknown> | null;
  created_at: GeneratedTimestamp;
}

export interface ImportError {
  line: number;
  code: string;
  message: string;
}

export interface ImportsTable {
  id: string;
  workspace_id: string;
  created_by: string | null;
  status: 'running' | 'completed' | 'failed';
  total_lines: Generated<number>;
  processed: Generated<number>;
  created: Generated<number>;
  skipped: Generated<number>;
  failed: Generated<number>;
  errors: Json<ImportError[]>;
  created_at: GeneratedTimestamp;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface CalendarsTable {
  id: string;
  workspace_id: string;
  name: string;
  time_zone: string;
  /** NormalizedCalendarDefinition of server/modules/sla/calendar.ts. */
  definition: Json<NormalizedCalendarDefinition>;
  is_default: Generated<boolean>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface SlaPoliciesTable {
  id: string;
  workspace_id: string;
  name: string;
  /** Order of evaluation; ties go to the smaller (older) id. */
  position: number;
  active: Generated<boolean>;
  /** Shapes of server/modules/sla-policies/policy-types.ts. */
  conditions: Json<PolicyConditions>;
  targets: Json<PolicyTargets>;
  pause_statuses: Json<PolicyPauseStatuses>;
  solve_while_waiting: 'fulfil' | 'cancel';
  escalation_rules: Json<EscalationRule[]>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export type SlaDisplayStatus = 'breached' | 'breaching' | 'imminent' | 'pending' | 'paused' | 'achieved' | 'cancelled';
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** One SLA clock instance of a ticket, as server/modules/sla-clocks stores it (migration 0005). */
export interface TicketClocksTable {
  workspace_id: string;
  ticket_id: string;
  metric: string;
  instance: number;
  policy_id: string | null;
  target_seconds: number;
  mode: 'business' | 'calendar';
  calendar_id: string | null;
  state: 'active' | 'paused' | 'fulfilled' | 'cancelled';
  started_at: Timestamp;
  due_at: NullableTimestamp;
  warning_at: NullableTimestamp;
  elapsed_ms: number;
  fulfilled_at: NullableTimestamp;
  cancelled_at: NullableTimestamp;
  outcome: 'achieved' | 'breached' | null;
  breached_at: NullableTimestamp;
  computed_at: Timestamp;
}

export type SlaRecomputeStatus = 'queued' | 'running' | 'completed' | 'failed';

/** One run of the `sla.recompute` job and its progress (migration 0007). */
export interface SlaRecomputesTable {
  id: string;
  workspace_id: string;
  reason: string;
  historical: boolean;
  status: SlaRecomputeStatus;
  total: number | null;
  processed: Generated<number>;
  error: string | null;
  /** The user or API key that caused it (no foreign key). */
  requested_by: string | null;
  created_at: Timestamp;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
}

export type SlaEscalationState = 'scheduled' | 'fired' | 'cancelled';

/** One firing of an SLA escalation rule for a clock instance and due time (migration 0006). */
export interface SlaEscalationsTable {
  id: string;
  workspace_id: string;
  ticket_id: string;
  metric: string;
  instance: number;
  /** The rule within the clock's policy: (metric, offset_minutes). Negative warns. */
  offset_minutes: number;
  policy_id: string | null;
  due_at: Timestamp;
  fire_at: Timestamp;
  state: SlaEscalationState;
  scheduled_at: Timestamp;
  fired_at: NullableTimestamp;
  cancelled_at: NullableTimestamp;
}

export type NotificationChannel = 'in_app' | 'email';

/** A notice to one user on one channel (migration 0006). */
export interface NotificationsTable {
  id: string;
  workspace_id: string;
  user_id: string;
  ticket_id: string | null;
  kind: string;
  channel: NotificationChannel;
  subject: string;
  body: string;
  data: Json<Record<string, unknown>>;
  dedupe_key: string | null;
  created_at: Timestamp;
  read_at: NullableTimestamp;
  sent_at: NullableTimestamp;
}

/** Surveys (migration 0011, server/modules/surveys). Settings and definitions are contracts/surveys.ts shapes. */
export interface SurveysTable {
  id: string;
  workspace_id: string;
  name: string;
  type: 'csat' | 'ces' | 'nps' | 'servqual' | 'kano' | 'custom';
  active: Generated<boolean>;
  current_version: Generated<number>;
  settings: Json<Record<string, unknown>>;
  dispatch_since: NullableTimestamp;
  next_run_at: NullableTimestamp;
  deleted_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The zone the rollup's days were counted in; the rollup is read only while it is the workspace's (migration 0013). */
  rollup_time_zone: Generated<string | null>;
}

export interface SurveyVersionsTable {
  workspace_id: string;
  survey_id: string;
  version: number;
  definition: Json<Record<string, unknown>>;
  created_at: Timestamp;
}

export interface SurveyStudiesTable {
  id: string;
  workspace_id: string;
  survey_id: string;
  kind: 'study' | 'schedule';
  audience: Json<Record<string, unknown>>;
  closes_at: NullableTimestamp;
  remind_after_days: number | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface SurveyInvitationsTable {
  id: string;
  workspace_id: string;
  survey_id: string;
  study_id: string | null;
  customer_id: string | null;
  ticket_id: string | null;
  locale: string | null;
  delivery: 'email' | 'chat_inline' | 'link' | 'no_address';
  status: 'pending' | 'sent' | 'failed';
  error: string | null;
  team_id: string | null;
  agent_id: string | null;
  branch_id: string | null;
  channel: string | null;
  tier_id: string | null;
  organization_id: string | null;
  sent_at: NullableTimestamp;
  opened_at: NullableTimestamp;
  responded_at: NullableTimestamp;
  reminded_at: NullableTimestamp;
  expires_at: Timestamp;
  response_ref: string | null;
  created_at: Timestamp;
}

export interface SurveyInvitationTokensTable {
  token_hash: string;
  workspace_id: string;
  invitation_id: string;
  created_at: Timestamp;
}

export interface SurveyResponsesTable {
  id: string;
  workspace_id: string;
  survey_id: string;
  version: number;
  invitation_id: string | null;
  customer_id: string | null;
  ticket_id: string | null;
  agent_id: string | null;
  team_id: string | null;
  branch_id: string | null;
  channel: string | null;
  tier_id: string | null;
  organization_id: string | null;
  sla_first_reply: string | null;
  sla_resolution: string | null;
  locale: string | null;
  csat: number | null;
  ces: number | null;
  nps: number | null;
  answers: Json<Record<string, unknown>>;
  comment: string | null;
  flags: TextArray;
  followup_ticket_id: string | null;
  submitted_at: Timestamp;
  updated_at: Timestamp;
}

/** Counts per local day, dimension and measure (migration 0013, server/modules/surveys/survey-rollups.*). */
export interface SurveyRollupsTable {
  workspace_id: string;
  survey_id: string;
  dimension: '' | 'team' | 'agent' | 'branch' | 'channel' | 'tier';
  key: string;
  /** Local date in the survey's rollup zone, "YYYY-MM-DD". */
  day: string;
  measure: 'responses' | 'csat' | 'ces' | 'nps' | 'sent' | 'responded';
  score: number;
  n: number;
}

export type EmailDeliveryStatus = 'received' | 'queued' | 'sent' | 'failed' | 'not_sent';

/** Every mail of a ticket, in and out (migration 0008, server/modules/channels/email). */
export interface EmailMessagesTable {
  id: string;
  workspace_id: string;
  ticket_id: string;
  message_id: string | null;
  direction: 'in' | 'out';
  kind: 'customer' | 'reply' | 'ack';
  rfc_message_id: string | null;
  content_hash: string | null;
  in_reply_to: string | null;
  reference_ids: TextArray;
  from_address: string | null;
  to_addresses: TextArray;
  subject: Generated<string>;
  auto_kind: 'auto_reply' | 'bounce' | 'bulk' | null;
  auto_reason: string | null;
  raw_key: string | null;
  source: 'smtp' | 'imap' | null;
  mailbox_id: string | null;
  status: EmailDeliveryStatus;
  attempts: Generated<number>;
  error: string | null;
  sent_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** An IMAP mailbox polled for a workspace (migration 0008); the password is sealed (platform/secrets.ts). */
export interface EmailMailboxesTable {
  id: string;
  workspace_id: string;
  name: string;
  host: string;
  port: number;
  secure: boolean;
  username: string;
  password_sealed: string;
  folder: Generated<string>;
  active: Generated<boolean>;
  import_existing: Generated<boolean>;
  uid_validity: string | null;
  last_uid: Generated<number>;
  last_polled_at: NullableTimestamp;
  last_error: string | null;
  lease_owner: string | null;
  lease_until: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DB {
  workspaces: WorkspacesTable;
  users: UsersTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  branches: BranchesTable;
  tiers: TiersTable;
  organizations: OrganizationsTable;
  customers: CustomersTable;
  customer_identities: CustomerIdentitiesTable;
  tickets: TicketsTable;
  messages: MessagesTable;
  ticket_events: TicketEventsTable;
  audit_log: AuditLogTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  login_attempts: LoginAttemptsTable;
  idempotency_keys: IdempotencyKeysTable;
  imports: ImportsTable;
  calendars: CalendarsTable;
  sla_policies: SlaPoliciesTable;
  ticket_clocks: TicketClocksTable;
  sla_escalations: SlaEscalationsTable;
  notifications: NotificationsTable;
  sla_recomputes: SlaRecomputesTable;
  ticket_sla: TicketSlaTable;
  surveys: SurveysTable;
  survey_versions: SurveyVersionsTable;
  survey_studies: SurveyStudiesTable;
  survey_invitations: SurveyInvitationsTable;
  survey_invitation_tokens: SurveyInvitationTokensTable;
  survey_responses: SurveyResponsesTable;
  survey_rollups: SurveyRollupsTable;
  chat_visitors: ChatVisitorsTable;
  chat_sessions: ChatSessionsTable;
  chat_agent_presence: ChatAgentPresenceTable;
  email_messages: EmailMessagesTable;
  email_mailboxes: EmailMailboxesTable;
  web_forms: WebFormsTable;
  form_rate_limits: FormRateLimitsTable;
  webhook_channels: WebhookChannelsTable;
  webhook_receipts: WebhookReceiptsTable;
  webhook_threads: WebhookThreadsTable;
  channel_deliveries: ChannelDeliveriesTable;
  customer_merges: CustomerMergesTable;
  saved_views: SavedViewsTable;
  macros: MacrosTable;
  ticket_facts: TicketFactsTable;
  ticket_facts_dirty: TicketFactsDirtyTable;
  team_reports: TeamReportsTable;
  analytics_rollup: AnalyticsRollupTable;
  analytics_rollup_dirty: AnalyticsRollupDirtyTable;
  analytics_rollup_state: AnalyticsRollupStateTable;
}

export type Ticket = Selectable<TicketsTable>;
/** The SLA summary columns of a ticket (no row yet: all null). */
export type TicketSlaSummary = Omit<Selectable<TicketSlaTable>, 'ticket_id' | 'workspace_id'>;
export type TicketWithSla = Ticket & TicketSlaSummary;
export type NewTicket = Insertable<TicketsTable>;
export type TicketUpdate = Updateable<TicketsTable>;
export type Message = Selectable<MessagesTable>;
export type TicketEvent = Selectable<TicketEventsTable>;
export type User = Selectable<UsersTable>;
export type Customer = Selectable<CustomersTable>;

/** Live chat (migration 0010): a widget visitor (token secret stored hashed). */
export interface ChatVisitorsTable {
  id: string;
  workspace_id: string;
  secret_hash: string;
  customer_id: string;
  email: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
}

export type ChatSessionState = 'waiting' | 'active' | 'ended';

/** One live chat, keyed by its ticket (migration 0010). */
export interface ChatSessionsTable {
  ticket_id: string;
  workspace_id: string;
  visitor_id: string;
  state: ChatSessionState;
  page_url: string | null;
  started_at: Timestamp;
  greeted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  waiting_since: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_message_at: Timestamp;
  ended_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  visitor_seen_at: Timestamp;
}

/** Agent presence heartbeats for live chat (migration 0010). */
export interface ChatAgentPresenceTable {
  workspace_id: string;
  agent_id: string;
  last_seen_at: Timestamp;
}

/** Web form, webhooks, deliveries, customer merges (migration 0009). */
export interface WebFormsTable {
  id: string;
  workspace_id: string;
  name: string;
  enabled: Generated<boolean>;
  locale: Generated<string>;
  /** contracts/forms.ts formField[] */
  fields: Json<Record<string, unknown>[]>;
  category: string | null;
  team_id: string | null;
  priority: Generated<TicketPriority>;
  tags: TextArray;
  max_per_ip_per_hour: Generated<number>;
  spam_blocked: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FormRateLimitsTable {
  workspace_id: string;
  form_id: string;
  ip: string;
  window_start: Timestamp;
  count: number;
}

export interface WebhookChannelsTable {
  id: string;
  workspace_id: string;
  name: string;
  kind: 'generic' | 'telegram';
  enabled: Generated<boolean>;
  secret_sealed: string;
  callback_url: string | null;
  bot_token_sealed: string | null;
  api_base_url: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WebhookReceiptsTable {
  workspace_id: string;
  channel_id: string;
  key: string;
  received_at: Timestamp;
}

export interface WebhookThreadsTable {
  ticket_id: string;
  workspace_id: string;
  channel_id: string;
  conversation_id: string;
  created_at: Timestamp;
}

export interface ChannelDeliveriesTable {
  message_id: string;
  workspace_id: string;
  ticket_id: string;
  kind: 'form_acknowledgement' | 'webhook_reply';
  status: 'pending' | 'sent' | 'failed' | 'not_sent';
  attempts: Generated<number>;
  parts_sent: Generated<number>;
  last_error: string | null;
  sent_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface CustomerMergesTable {
  source_customer_id: string;
  workspace_id: string;
  target_customer_id: string;
  merged_by: string | null;
  merged_at: Timestamp;
}

/** Macros (migration 0015): canned replies with placeholders and ticket actions; owner null = shared. */
export interface MacrosTable {
  id: string;
  workspace_id: string;
  owner_user_id: string | null;
  name: string;
  kind: 'public_reply' | 'internal_note' | null;
  content: Json<Partial<Record<'en' | 'th' | 'vi' | 'cs' | 'ms', { text: string; html?: string | null }>>>;
  actions: Json<import('../../contracts/macros.ts').MacroActions>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Saved inbox views (migration 0014): personal (owner only) or shared with the workspace. */
export interface SavedViewsTable {
  id: string;
  workspace_id: string;
  owner_user_id: string;
  shared: Generated<boolean>;
  name: string;
  filters: Json<Record<string, unknown>>;
  sort: 'updated_at' | 'sla_due';
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type TeamReportStatus = 'queued' | 'sending' | 'sent' | 'skipped' | 'rejected' | 'not_sent';

/** Weekly team reports (migration 0017): one row per team and report week, written with its send job. */
export interface TeamReportsTable {
  team_id: string;
  /** The week's local Monday in the workspace's zone, "YYYY-MM-DD". */
  week_start: string;
  workspace_id: string;
  lead_user_id: string;
  status: TeamReportStatus;
  queued_at: Timestamp;
  /** Start of the send in progress (its lease); null when none has started. */
  attempt_at: NullableTimestamp;
  sent_at: NullableTimestamp;
  message_id: string | null;
  error: string | null;
}

/**
 * One row per ticket: what the analytics read (migration 0016, server/modules/analytics/ticket-facts.*).
 * A cache of tickets / ticket_events / ticket_clocks / survey_responses, written only by the
 * analytics module; see ticket-facts-rules.ts for what each column means.
 */
export interface TicketFactsTable {
  ticket_id: string;
  workspace_id: string;
  tier_id: string | null;
  organization_id: string | null;
  channel: string;
  priority: TicketPriority;
  category: string | null;
  team_id: string | null;
  branch_id: string | null;
  assignee_id: string | null;
  tags: TextArray;
  status: TicketStatus;
  excluded: Generated<boolean>;
  created_at: Timestamp;
  first_reply_at: NullableTimestamp;
  first_reply_s: number | null;
  first_reply_business_s: number | null;
  /** Instant of each next reply, aligned with next_reply_s and next_reply_business_s. */
  next_reply_at: ColumnType<Date[], Date[] | string | undefined, Date[] | string>;
  next_reply_s: ColumnType<number[], number[] | string | undefined, number[] | string>;
  /** Aligned with next_reply_s; null where no next_reply clock was fulfilled by that reply. */
  next_reply_business_s: ColumnType<(number | null)[], (number | null)[] | string | undefined, (number | null)[] | string>;
  last_next_reply_at: NullableTimestamp;
  first_solved_at: NullableTimestamp;
  solved_at: NullableTimestamp;
  reopened_at: NullableTimestamp;
  reopens: Generated<number>;
  resolution_s: number | null;
  resolution_business_s: number | null;
  agent_replies: Generated<number>;
  handle_s: Generated<number>;
  sla_achieved: TextArray;
  sla_breached: TextArray;
  sla_slack_ratio: number | null;
  sla_recheck_at: NullableTimestamp;
  csat: number | null;
  ces: number | null;
  refreshed_at: Timestamp;
}

/** Tickets whose facts must be rebuilt (migration 0016); `version` tells a newer mark from the one a refresh read. */
export interface TicketFactsDirtyTable {
  ticket_id: string;
  workspace_id: string;
  version: number;
}

/** Ticket facts summed per local day or ISO week and dimension value (migration 0018). */
export interface AnalyticsRollupTable {
  workspace_id: string;
  level: 'day' | 'week';
  /** Local date, "YYYY-MM-DD" (read as text). */
  start: string;
  dim: string;
  key: string | null;
  counts: unknown;
  d_frc: unknown;
  d_frb: unknown;
  d_nrc: unknown;
  d_nrb: unknown;
  d_rsc: unknown;
  d_rsb: unknown;
  d_h: unknown;
  d_sfc: unknown;
  d_sfb: unknown;
  backlog_delta: number;
}

export interface AnalyticsRollupDirtyTable {
  workspace_id: string;
  day: string;
  version: number;
}

export interface AnalyticsRollupStateTable {
  workspace_id: string;
  time_zone: string;
  ready: boolean;
}
