import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { SatisfactionGroup } from '../../../contracts/analytics-satisfaction.ts';
import type { DB } from '../../platform/schema.ts';

/**
 * The SQL of the satisfaction analytics. Every query filters by workspace_id and by a list of
 * survey ids of the workspace (so PostgreSQL reads the `survey_responses_results` index on
 * (survey_id, submitted_at), which carries the headline scores and snapshot columns). Group keys
 * come from a fixed list, never from the request as text. Ticket attributes (priority, category,
 * tags) need the ticket: the join is inner, so responses without a ticket drop out exactly when
 * one of those is asked for.
 */

export interface ResponseFilters {
  tierId?: string | undefined;
  organizationId?: string | undefined;
  channel?: string | undefined;
  priority?: string | undefined;
  category?: string | undefined;
  teamId?: string | undefined;
  branchId?: string | undefined;
  agentId?: string | undefined;
  tag?: string | undefined;
}

export interface ResponseScope {
  workspaceId: string;
  surveyIds: string[];
  from: Date;
  to: Date;
  groupBy: SatisfactionGroup;
  /** Period starts (ascending) when grouping by day, week or month. */
  periodStarts: Date[];
  filters: ResponseFilters;
  /** Join the ticket (a ticket filter or grouping is set). */
  withTicket: boolean;
}

/** The group key of a response (alias `r`, ticket `t`): a snapshot column, a ticket attribute, or the period of submitted_at. */
function groupKey(s: ResponseScope): RawBuilder<string | null> {
  switch (s.groupBy) {
    case 'none':
      return sql`null::text`;
    case 'tier':
      return sql`r.tier_id::text`;
    case 'organization':
      return sql`r.organization_id::text`;
    case 'channel':
      return sql`r.channel`;
    case 'priority':
      return sql`t.priority`;
    case 'category':
      return sql`t.category`;
    case 'team':
      return sql`r.team_id::text`;
    case 'branch':
      return sql`r.branch_id::text`;
    case 'agent':
      return sql`r.agent_id::text`;
    case 'day':
    case 'week':
    case 'month':
      return sql`width_bucket(r.submitted_at, ${s.periodStarts}::timestamptz[])::text`;
  }
}

function fromClause(s: ResponseScope): RawBuilder<unknown> {
  return s.withTicket
    ? sql`survey_responses r join tickets t on t.id = r.ticket_id and t.workspace_id = ${s.workspaceId}`
    : sql`survey_responses r`;
}

/**
 * Workspace, surveys, range and filters of responses (alias r, ticket t when joined). The
 * workspace is checked through the surveys (`survey_id` among the workspace's surveys, an
 * init-plan): a `r.workspace_id` test would need the table row, since `survey_responses_results`
 * does not carry workspace_id, and turn the index-only scan of the headline counts into a
 * sequential scan (500k responses, 90 days: ~250 ms instead of ~100 ms). Queries that read the
 * row anyway (comments, answers) test `r.workspace_id` too.
 */
function responseWhere(s: ResponseScope, extra: RawBuilder<unknown>[] = [], options: { rowRead: boolean } = { rowRead: true }): RawBuilder<boolean> {
  const f = s.filters;
  const parts: RawBuilder<unknown>[] = [
    sql`r.survey_id = any(array(select sv.id from surveys sv where sv.workspace_id = ${s.workspaceId} and sv.id = any(${s.surveyIds}::uuid[])))`,
    sql`r.submitted_at >= ${s.from}`,
    sql`r.submitted_at < ${s.to}`,
  ];
  if (options.rowRead || s.withTicket) parts.push(sql`r.workspace_id = ${s.workspaceId}`);
  if (f.tierId) parts.push(sql`r.tier_id = ${f.tierId}`);
  if (f.organizationId) parts.push(sql`r.organization_id = ${f.organizationId}`);
  if (f.channel) parts.push(sql`r.channel = ${f.channel}`);
  if (f.teamId) parts.push(sql`r.team_id = ${f.teamId}`);
  if (f.branchId) parts.push(sql`r.branch_id = ${f.branchId}`);
  if (f.agentId) parts.push(sql`r.agent_id = ${f.agentId}`);
  if (f.priority) parts.push(sql`t.priority = ${f.priority}`);
  if (f.category) parts.push(sql`t.category = ${f.category}`);
  if (f.tag) parts.push(sql`t.tags @> array[${f.tag}]::text[]`);
  parts.push(...extra);
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

export interface SurveyRow {
  id: string;
  name: string;
  type: 'csat' | 'ces' | 'nps' | 'servqual' | 'kano' | 'custom';
  current_version: number;
  deleted_at: Date | null;
}

/** The workspace's surveys (deleted ones too when asked: their responses are still data). */
export async function surveysOf(db: Kysely<DB>, workspaceId: string, options: { includeDeleted: boolean; type?: SurveyRow['type'] }): Promise<SurveyRow[]> {
  let q = db.selectFrom('surveys').select(['id', 'name', 'type', 'current_version', 'deleted_at']).where('workspace_id', '=', workspaceId);
  if (!options.includeDeleted) q = q.where('deleted_at', 'is', null);
  if (options.type) q = q.where('type', '=', options.type);
  return (await q.orderBy('created_at', 'desc').orderBy('id', 'desc').execute()) as SurveyRow[];
}

/** One count of the grouped pass: responses with this combination of group, survey and headline scores. */
export interface ScoreCountRow {
  grp: string | null;
  survey_id: string;
  csat: number | null;
  ces: number | null;
  nps: number | null;
  n: number | string;
}

/**
 * Headline score counts per group in one pass over the responses, by (group, survey, csat, ces,
 * nps): the survey because each has its own CES scale. A response carries one or two headline
 * scores, so a group yields a few dozen rows per survey at most; the service splits them per
 * measure. (Grouping sets per measure read the same rows but sort or hash them four times.)
 */
export async function scoreCounts(db: Kysely<DB>, s: ResponseScope): Promise<ScoreCountRow[]> {
  const result = await sql<ScoreCountRow>`
    select ${groupKey(s)} as grp, r.survey_id, r.csat, r.ces, r.nps, count(*) as n
    from ${fromClause(s)}
    where ${responseWhere(s, [], { rowRead: false })}
    group by 1, 2, 3, 4, 5`.execute(db);
  return result.rows;
}

export interface AnswerRow {
  id: string;
  grp: string | null;
  answers: Record<string, unknown>;
}

/** Answers of the responses in scope, in id order after `after`, at most `limit` (SERVQUAL and Kano are scored from them). */
export async function answerBatch(db: Kysely<DB>, s: ResponseScope, after: string | null, limit: number): Promise<AnswerRow[]> {
  const result = await sql<AnswerRow>`
    select r.id, ${groupKey(s)} as grp, r.answers
    from ${fromClause(s)}
    where ${responseWhere(s, after ? [sql`r.id > ${after}`] : [])}
    order by r.id
    limit ${limit}`.execute(db);
  return result.rows;
}

export interface CommentScoreFilters {
  csatMin?: number | undefined;
  csatMax?: number | undefined;
  cesMin?: number | undefined;
  cesMax?: number | undefined;
  npsMin?: number | undefined;
  npsMax?: number | undefined;
  /** A case-insensitive substring of the comment. */
  q?: string | undefined;
}

export interface CommentRow {
  id: string;
  survey_id: string;
  survey_name: string;
  survey_type: SurveyRow['type'];
  comment: string;
  csat: number | null;
  ces: number | null;
  nps: number | null;
  invitation_id: string | null;
  ticket_id: string | null;
  ticket_number: number | string | null;
  ticket_subject: string | null;
  customer_id: string | null;
  customer_name: string | null;
  agent_id: string | null;
  agent_name: string | null;
  team_id: string | null;
  team_name: string | null;
  branch_id: string | null;
  branch_name: string | null;
  channel: string | null;
  locale: string | null;
  submitted_at: Date;
}

/** `%`, `_` and `\` taken literally in an ILIKE pattern. */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Responses with a comment, newest first (submitted_at desc, id desc), after the cursor, at most
 * `limit`. The newest `limit` of each survey come from a backward walk of its
 * (survey_id, submitted_at) index (a lateral subquery per survey), then the page is the newest of
 * those: one ordered index range per survey instead of sorting every response of the range.
 * Names are looked up for the page only (left joins on primary keys, workspace-checked).
 */
export async function commentPage(
  db: Kysely<DB>,
  s: ResponseScope,
  f: CommentScoreFilters,
  cursor: { submittedAt: Date; id: string } | null,
  limit: number,
): Promise<CommentRow[]> {
  const extra: RawBuilder<unknown>[] = [sql`r.survey_id = sid.id`, sql`r.comment is not null`, sql`r.comment <> ''`];
  if (f.csatMin !== undefined) extra.push(sql`r.csat >= ${f.csatMin}`);
  if (f.csatMax !== undefined) extra.push(sql`r.csat <= ${f.csatMax}`);
  if (f.cesMin !== undefined) extra.push(sql`r.ces >= ${f.cesMin}`);
  if (f.cesMax !== undefined) extra.push(sql`r.ces <= ${f.cesMax}`);
  if (f.npsMin !== undefined) extra.push(sql`r.nps >= ${f.npsMin}`);
  if (f.npsMax !== undefined) extra.push(sql`r.nps <= ${f.npsMax}`);
  if (f.q) extra.push(sql`r.comment ilike ${`%${likeEscape(f.q)}%`}`);
  if (cursor) extra.push(sql`(r.submitted_at, r.id) < (${cursor.submittedAt}, ${cursor.id})`);
  const result = await sql<CommentRow>`
    select p.id, p.survey_id, s.name as survey_name, s.type as survey_type, p.comment, p.csat, p.ces, p.nps,
      p.invitation_id, p.ticket_id, tk.number as ticket_number, tk.subject as ticket_subject,
      p.customer_id, c.name as customer_name, p.agent_id, u.name as agent_name,
      p.team_id, tm.name as team_name, p.branch_id, b.name as branch_name,
      p.channel, p.locale, p.submitted_at
    from unnest(${s.surveyIds}::uuid[]) as sid(id)
    cross join lateral (
      select r.id, r.survey_id, r.comment, r.csat, r.ces, r.nps, r.invitation_id, r.ticket_id, r.customer_id,
        r.agent_id, r.team_id, r.branch_id, r.channel, r.locale, r.submitted_at
      from ${fromClause(s)}
      where ${responseWhere(s, extra)}
      order by r.submitted_at desc, r.id desc
      limit ${limit}
    ) p
    join surveys s on s.id = p.survey_id and s.workspace_id = ${s.workspaceId}
    left join tickets tk on tk.id = p.ticket_id and tk.workspace_id = ${s.workspaceId}
    left join customers c on c.id = p.customer_id and c.workspace_id = ${s.workspaceId}
    left join users u on u.id = p.agent_id and u.workspace_id = ${s.workspaceId}
    left join teams tm on tm.id = p.team_id and tm.workspace_id = ${s.workspaceId}
    left join branches b on b.id = p.branch_id and b.workspace_id = ${s.workspaceId}
    order by p.submitted_at desc, p.id desc
    limit ${limit}`.execute(db);
  return result.rows;
}
