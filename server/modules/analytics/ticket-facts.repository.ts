import { type Kysely, sql } from 'kysely';
import { uuidArray } from '../../platform/array-literals.ts';
import type { DB } from '../../platform/schema.ts';
import type { FactClock, FactEvent, FactSurvey, FactTicket, TicketFact } from './ticket-facts-rules.ts';

/**
 * The SQL of ticket facts (migration 0016): the dirty queue, loading what a fact is built from,
 * and storing facts. Every query of tenant data filters by workspace_id.
 */

/**
 * Marks tickets for a facts rebuild, in the caller's transaction. The upsert bumps the version,
 * so a refresh that read an older version leaves the row for the next run.
 */
export async function markTicketsDirty(db: Kysely<DB>, workspaceId: string, ticketIds: readonly string[]): Promise<void> {
  if (ticketIds.length === 0) return;
  // Sorted: concurrent markers of the same tickets take the row locks in one order.
  const ids = [...new Set(ticketIds)].sort();
  await sql`
    insert into ticket_facts_dirty (ticket_id, workspace_id, version)
    select id, ${workspaceId}, nextval('ticket_facts_dirty_version') from unnest(${uuidArray(ids)}::uuid[]) as id
    on conflict (ticket_id) do update set version = excluded.version`.execute(db);
}

/** Marks every ticket of a workspace (or of every workspace). */
export async function markAllTicketsDirty(db: Kysely<DB>, workspaceId?: string): Promise<void> {
  await sql`
    insert into ticket_facts_dirty (ticket_id, workspace_id, version)
    select id, workspace_id, nextval('ticket_facts_dirty_version') from tickets
    where ${workspaceId === undefined ? sql`true` : sql`workspace_id = ${workspaceId}`}
    on conflict (ticket_id) do update set version = excluded.version`.execute(db);
}

/** Marks tickets whose running SLA clocks have passed a due time the fact did not count as breached yet. */
export async function markRecheckDue(db: Kysely<DB>, now: Date, workspaceId?: string): Promise<void> {
  await sql`
    insert into ticket_facts_dirty (ticket_id, workspace_id, version)
    select ticket_id, workspace_id, nextval('ticket_facts_dirty_version') from ticket_facts
    where sla_recheck_at is not null and sla_recheck_at <= ${now}
      and ${workspaceId === undefined ? sql`true` : sql`workspace_id = ${workspaceId}`}
    on conflict (ticket_id) do update set version = excluded.version`.execute(db);
}

export interface DirtyRow {
  ticket_id: string;
  workspace_id: string;
  version: number;
}

/**
 * Takes up to `limit` dirty tickets for this transaction. `skip locked`: rows another refresh (or
 * an uncommitted ticket change) holds are left for later, so two instances never build the same
 * ticket at once and a refresh never waits for a ticket transaction. In id order: ticket ids are
 * UUIDv7 (creation order), so a rebuild writes facts in creation order and the rows of a date
 * range sit together in the heap (a 90-day range over 1M facts read 4× fewer pages than in random order).
 */
export async function claimDirty(db: Kysely<DB>, limit: number, workspaceId?: string): Promise<DirtyRow[]> {
  const result = await sql<{ ticket_id: string; workspace_id: string; version: string | number }>`
    select ticket_id, workspace_id, version from ticket_facts_dirty
    where ${workspaceId === undefined ? sql`true` : sql`workspace_id = ${workspaceId}`}
    order by ticket_id
    limit ${limit}
    for update skip locked`.execute(db);
  return result.rows.map((r) => ({ ticket_id: r.ticket_id, workspace_id: r.workspace_id, version: Number(r.version) }));
}

/** Deletes the rows that still carry the version read: a newer mark stays queued. */
export async function deleteDirty(db: Kysely<DB>, rows: readonly DirtyRow[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    delete from ticket_facts_dirty d
    using unnest(${rows.map((r) => r.ticket_id)}::uuid[], ${rows.map((r) => String(r.version))}::bigint[]) as v(ticket_id, version)
    where d.ticket_id = v.ticket_id and d.version = v.version`.execute(db);
}

export async function countDirty(db: Kysely<DB>, workspaceId?: string): Promise<number> {
  const row = await sql<{ n: string | number }>`
    select count(*) as n from ticket_facts_dirty where ${workspaceId === undefined ? sql`true` : sql`workspace_id = ${workspaceId}`}`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

export interface FactInputs {
  tickets: FactTicket[];
  events: Map<string, FactEvent[]>;
  clocks: Map<string, FactClock[]>;
  surveys: Map<string, FactSurvey>;
}

/** Everything the facts of these tickets are built from: four queries for the whole batch. */
export async function loadFactInputs(db: Kysely<DB>, workspaceId: string, ticketIds: readonly string[]): Promise<FactInputs> {
  const ids = [...ticketIds];
  const [tickets, events, clocks, surveys] = await Promise.all([
    db
      .selectFrom('tickets')
      .select(['id', 'workspace_id', 'status', 'priority', 'channel', 'category', 'tags', 'tier_id', 'organization_id', 'team_id', 'branch_id', 'assignee_id', 'created_at'])
      .where('workspace_id', '=', workspaceId)
      .where(sql<boolean>`id = any(${ids}::uuid[])`)
      .execute(),
    // One JSON array per ticket (decoding a row per event costs more than the fold; see sla-clocks).
    sql<{ ticket_id: string; events: string }>`
      select ticket_id,
        json_agg(json_build_array(type, actor_type, data, floor(extract(epoch from occurred_at) * 1000)::bigint, seq) order by occurred_at, seq)::text as events
      from ticket_events
      where workspace_id = ${workspaceId} and ticket_id = any(${ids}::uuid[])
        and type in ('created', 'status_changed', 'message_added', 'merged')
      group by ticket_id`.execute(db),
    db
      .selectFrom('ticket_clocks')
      .select(['ticket_id', 'metric', 'instance', 'state', 'target_seconds', 'elapsed_ms', 'due_at', 'fulfilled_at', 'outcome', 'breached_at'])
      .where('workspace_id', '=', workspaceId)
      .where(sql<boolean>`ticket_id = any(${ids}::uuid[])`)
      .execute(),
    // The latest score of each kind (a CSAT and a CES survey may both answer about one ticket).
    sql<{ ticket_id: string; csat: number | null; ces: number | null }>`
      select ticket_id,
        (array_agg(csat order by submitted_at desc, id desc) filter (where csat is not null))[1] as csat,
        (array_agg(ces order by submitted_at desc, id desc) filter (where ces is not null))[1] as ces
      from survey_responses
      where workspace_id = ${workspaceId} and ticket_id = any(${ids}::uuid[])
      group by ticket_id`.execute(db),
  ]);
  const eventMap = new Map<string, FactEvent[]>();
  for (const row of events.rows) {
    const tuples = JSON.parse(row.events) as [string, string, Record<string, unknown>, number, number][];
    eventMap.set(
      row.ticket_id,
      tuples.map(([type, actor_type, data, occurred_at, seq]) => ({ type, actor_type, data, occurred_at, seq })),
    );
  }
  const clockMap = new Map<string, FactClock[]>();
  for (const c of clocks) {
    const list = clockMap.get(c.ticket_id) ?? [];
    list.push({ ...c, elapsed_ms: Number(c.elapsed_ms) });
    clockMap.set(c.ticket_id, list);
  }
  const surveyMap = new Map<string, FactSurvey>();
  for (const s of surveys.rows) surveyMap.set(s.ticket_id, { csat: s.csat === null ? null : Number(s.csat), ces: s.ces === null ? null : Number(s.ces) });
  return { tickets, events: eventMap, clocks: clockMap, surveys: surveyMap };
}

/** Stores facts (one statement per batch; all rows as one JSON parameter). */
export async function upsertFacts(db: Kysely<DB>, facts: readonly TicketFact[]): Promise<void> {
  if (facts.length === 0) return;
  const rows = facts.map((f) => ({
    ...f,
    created_at: f.created_at.toISOString(),
    first_reply_at: f.first_reply_at?.toISOString() ?? null,
    next_reply_at: f.next_reply_at.map((d) => d.toISOString()),
    last_next_reply_at: f.last_next_reply_at?.toISOString() ?? null,
    first_solved_at: f.first_solved_at?.toISOString() ?? null,
    solved_at: f.solved_at?.toISOString() ?? null,
    reopened_at: f.reopened_at?.toISOString() ?? null,
    sla_recheck_at: f.sla_recheck_at?.toISOString() ?? null,
    refreshed_at: f.refreshed_at.toISOString(),
  }));
  await sql`
    insert into ticket_facts (ticket_id, workspace_id, tier_id, organization_id, channel, priority, category, team_id, branch_id,
      assignee_id, tags, status, excluded, created_at, first_reply_at, first_reply_s, first_reply_business_s, next_reply_at,
      next_reply_s, next_reply_business_s, last_next_reply_at, first_solved_at, solved_at, reopened_at, reopens, resolution_s,
      resolution_business_s, agent_replies, handle_s, sla_achieved, sla_breached, sla_slack_ratio, sla_recheck_at, csat, ces, refreshed_at)
    select ticket_id, workspace_id, tier_id, organization_id, channel, priority, category, team_id, branch_id,
      assignee_id, tags, status, excluded, created_at, first_reply_at, first_reply_s, first_reply_business_s, next_reply_at,
      next_reply_s, next_reply_business_s, last_next_reply_at, first_solved_at, solved_at, reopened_at, reopens, resolution_s,
      resolution_business_s, agent_replies, handle_s, sla_achieved, sla_breached, sla_slack_ratio, sla_recheck_at, csat, ces, refreshed_at
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(ticket_id uuid, workspace_id uuid, tier_id uuid, organization_id uuid,
      channel text, priority text, category text, team_id uuid, branch_id uuid, assignee_id uuid, tags text[], status text, excluded boolean,
      created_at timestamptz, first_reply_at timestamptz, first_reply_s float8, first_reply_business_s float8, next_reply_at timestamptz[],
      next_reply_s float8[], next_reply_business_s float8[], last_next_reply_at timestamptz, first_solved_at timestamptz, solved_at timestamptz,
      reopened_at timestamptz, reopens int, resolution_s float8, resolution_business_s float8, agent_replies int, handle_s float8,
      sla_achieved text[], sla_breached text[], sla_slack_ratio float8, sla_recheck_at timestamptz, csat smallint, ces smallint,
      refreshed_at timestamptz)
    on conflict (ticket_id) do update set
      workspace_id = excluded.workspace_id, tier_id = excluded.tier_id, organization_id = excluded.organization_id,
      channel = excluded.channel, priority = excluded.priority, category = excluded.category, team_id = excluded.team_id,
      branch_id = excluded.branch_id, assignee_id = excluded.assignee_id, tags = excluded.tags, status = excluded.status,
      excluded = excluded.excluded, created_at = excluded.created_at, first_reply_at = excluded.first_reply_at,
      first_reply_s = excluded.first_reply_s, first_reply_business_s = excluded.first_reply_business_s,
      next_reply_at = excluded.next_reply_at, next_reply_s = excluded.next_reply_s, next_reply_business_s = excluded.next_reply_business_s,
      last_next_reply_at = excluded.last_next_reply_at, first_solved_at = excluded.first_solved_at, solved_at = excluded.solved_at,
      reopened_at = excluded.reopened_at, reopens = excluded.reopens, resolution_s = excluded.resolution_s,
      resolution_business_s = excluded.resolution_business_s, agent_replies = excluded.agent_replies, handle_s = excluded.handle_s,
      sla_achieved = excluded.sla_achieved, sla_breached = excluded.sla_breached, sla_slack_ratio = excluded.sla_slack_ratio,
      sla_recheck_at = excluded.sla_recheck_at, csat = excluded.csat, ces = excluded.ces, refreshed_at = excluded.refreshed_at`.execute(db);
}

/** Facts of a marked ticket that no longer exists (never in practice: tickets are not deleted) go too. */
export async function deleteFacts(db: Kysely<DB>, workspaceId: string, ticketIds: readonly string[]): Promise<void> {
  if (ticketIds.length === 0) return;
  await sql`delete from ticket_facts where workspace_id = ${workspaceId} and ticket_id = any(${[...ticketIds]}::uuid[])`.execute(db);
}
