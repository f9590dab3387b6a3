import { type Kysely, sql } from 'kysely';
import type { DB } from '../../platform/schema.ts';
import type { TicketFact } from './ticket-facts-rules.ts';
import { DISTRIBUTION_NAMES, type DistributionName } from './rollup-rules.ts';

/**
 * The SQL of the analytics rollup (migration 0018): marking days, claiming them, loading the facts
 * of a window, rewriting rows and reading them. Every query of tenant data filters by workspace_id.
 */

/** Every instant of a fact `f` that anchors a figure (rows `x`; null ones included). */
const FACT_INSTANTS = sql`unnest(array[f.created_at, f.first_reply_at, f.first_solved_at, f.reopened_at, f.solved_at] || f.next_reply_at) as x`;

/**
 * The local days of every instant of these tickets' facts as they are now, in the rollup's zone (its
 * state), or the workspace's while it has none. Read before and after facts are rewritten, so old
 * and new days are both rebuilt (`markDays`).
 */
export async function factDays(db: Kysely<DB>, workspaceId: string, ticketIds: readonly string[]): Promise<string[]> {
  if (ticketIds.length === 0) return [];
  const result = await sql<{ day: string }>`
    select distinct (x at time zone z.time_zone)::date::text as day
    from ticket_facts f
    cross join (select coalesce((select time_zone from analytics_rollup_state where workspace_id = ${workspaceId}),
      (select time_zone from workspaces where id = ${workspaceId})) as time_zone) z
    cross join lateral ${FACT_INSTANTS}
    where f.workspace_id = ${workspaceId} and f.ticket_id = any(${[...ticketIds]}::uuid[]) and x is not null`.execute(db);
  return result.rows.map((r) => r.day);
}

/**
 * Marks days for a rebuild, in the caller's transaction, in one statement in (workspace, day) order:
 * concurrent facts refreshes marking overlapping days take the row locks in the same order.
 */
export async function markDays(db: Kysely<DB>, days: readonly { workspaceId: string; day: string }[]): Promise<void> {
  if (days.length === 0) return;
  const unique = [...new Map(days.map((d) => [`${d.workspaceId} ${d.day}`, d])).values()].sort(
    (a, b) => a.workspaceId.localeCompare(b.workspaceId) || a.day.localeCompare(b.day),
  );
  await sql`
    insert into analytics_rollup_dirty (workspace_id, day, version)
    select workspace_id, day, nextval('analytics_rollup_dirty_version')
    from unnest(${unique.map((d) => d.workspaceId)}::uuid[], ${unique.map((d) => d.day)}::date[]) with ordinality as v(workspace_id, day, n)
    order by n
    on conflict (workspace_id, day) do update set version = excluded.version`.execute(db);
}

/** Marks every day any fact of the workspace touches (a first build, or a change of zone). */
export async function markAllDays(db: Kysely<DB>, workspaceId: string, timeZone: string): Promise<void> {
  await sql`
    insert into analytics_rollup_dirty (workspace_id, day, version)
    select ${workspaceId}, day, nextval('analytics_rollup_dirty_version') from (
      select distinct (x at time zone ${timeZone})::date as day
      from ticket_facts f
      cross join lateral ${FACT_INSTANTS}
      where f.workspace_id = ${workspaceId} and x is not null
      order by 1
    ) days
    on conflict (workspace_id, day) do update set version = excluded.version`.execute(db);
}

export interface RollupState {
  workspace_id: string;
  time_zone: string;
  ready: boolean;
}

export async function findState(db: Kysely<DB>, workspaceId: string): Promise<RollupState | undefined> {
  return db.selectFrom('analytics_rollup_state').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
}

/** Workspaces whose rollup is missing, not complete, or in another zone than the workspace's now. */
export async function workspacesToStart(db: Kysely<DB>, workspaceId?: string): Promise<{ id: string; time_zone: string; state_zone: string | null }[]> {
  const result = await sql<{ id: string; time_zone: string; state_zone: string | null }>`
    select w.id, w.time_zone, s.time_zone as state_zone
    from workspaces w left join analytics_rollup_state s on s.workspace_id = w.id
    where (s.workspace_id is null or s.time_zone <> w.time_zone)
      and ${workspaceId === undefined ? sql`true` : sql`w.id = ${workspaceId}`}`.execute(db);
  return result.rows;
}

/** (Re)starts a workspace's rollup in a zone: rows dropped, state not ready until its days are built. */
export async function startRollup(db: Kysely<DB>, workspaceId: string, timeZone: string): Promise<void> {
  await sql`delete from analytics_rollup where workspace_id = ${workspaceId}`.execute(db);
  await sql`delete from analytics_rollup_dirty where workspace_id = ${workspaceId}`.execute(db);
  await sql`
    insert into analytics_rollup_state (workspace_id, time_zone, ready) values (${workspaceId}, ${timeZone}, false)
    on conflict (workspace_id) do update set time_zone = excluded.time_zone, ready = false`.execute(db);
  await markAllDays(db, workspaceId, timeZone);
}

/** Marks workspaces ready whose queue is empty. */
export async function markReady(db: Kysely<DB>, workspaceId?: string): Promise<void> {
  await sql`
    update analytics_rollup_state s set ready = true
    where not s.ready and ${workspaceId === undefined ? sql`true` : sql`s.workspace_id = ${workspaceId}`}
      and not exists (select 1 from analytics_rollup_dirty d where d.workspace_id = s.workspace_id)`.execute(db);
}

export interface DirtyDay {
  workspace_id: string;
  day: string;
  version: number;
}

/** Takes up to `limit` dirty days (skip locked: instances never rebuild one day at once), in date order. */
export async function claimDays(db: Kysely<DB>, limit: number, workspaceId?: string): Promise<DirtyDay[]> {
  const result = await sql<{ workspace_id: string; day: string; version: string | number }>`
    select workspace_id, day::text as day, version from analytics_rollup_dirty
    where ${workspaceId === undefined ? sql`true` : sql`workspace_id = ${workspaceId}`}
    order by workspace_id, day
    limit ${limit}
    for update skip locked`.execute(db);
  return result.rows.map((r) => ({ workspace_id: r.workspace_id, day: r.day, version: Number(r.version) }));
}

export async function deleteDays(db: Kysely<DB>, rows: readonly DirtyDay[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    delete from analytics_rollup_dirty d
    using unnest(${rows.map((r) => r.workspace_id)}::uuid[], ${rows.map((r) => r.day)}::date[], ${rows.map((r) => String(r.version))}::bigint[]) as v(workspace_id, day, version)
    where d.workspace_id = v.workspace_id and d.day = v.day and d.version = v.version`.execute(db);
}

export async function countDirtyDays(db: Kysely<DB>, workspaceId?: string): Promise<number> {
  const row = await sql<{ n: string | number }>`
    select count(*) as n from analytics_rollup_dirty where ${workspaceId === undefined ? sql`true` : sql`workspace_id = ${workspaceId}`}`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

type FactRow = Omit<TicketFact, 'sla_recheck_at' | 'refreshed_at' | 'status'>;

/**
 * The facts with an instant in [from, to): one bounded index range per instant (0016, 0018), united
 * by id — an OR of them made PostgreSQL scan the whole table (5 s for two weeks of 1M tickets) —
 * and fetched by primary key (`= any(array(…))`: as `in (…)` it was planned as a hash join over a
 * scan of every fact, 1 s of the 1.4 s).
 */
export async function factsTouching(db: Kysely<DB>, workspaceId: string, from: Date, to: Date): Promise<FactRow[]> {
  const result = await sql<Record<string, unknown>>`
    select ticket_id, workspace_id, tier_id, organization_id, channel, priority, category, team_id, branch_id, assignee_id, tags,
      excluded, created_at, first_reply_at, first_reply_s, first_reply_business_s, next_reply_at, next_reply_s, next_reply_business_s,
      last_next_reply_at, first_solved_at, solved_at, reopened_at, reopens, resolution_s, resolution_business_s, agent_replies, handle_s,
      sla_achieved, sla_breached, sla_slack_ratio, csat, ces
    from ticket_facts
    where workspace_id = ${workspaceId} and ticket_id = any(array(
      select ticket_id from ticket_facts where workspace_id = ${workspaceId} and created_at >= ${from} and created_at < ${to}
      union select ticket_id from ticket_facts where workspace_id = ${workspaceId} and first_reply_at >= ${from} and first_reply_at < ${to}
      union select ticket_id from ticket_facts where workspace_id = ${workspaceId} and first_solved_at >= ${from} and first_solved_at < ${to}
      union select ticket_id from ticket_facts where workspace_id = ${workspaceId} and last_next_reply_at is not null
        and tstzrange(least(next_reply_at[1], last_next_reply_at), last_next_reply_at, '[]') && tstzrange(${from}, ${to}, '[)')
      union select ticket_id from ticket_facts where workspace_id = ${workspaceId} and reopened_at >= ${from} and reopened_at < ${to}
      union select ticket_id from ticket_facts where workspace_id = ${workspaceId} and reopened_at is not null
        and solved_at >= ${from} and solved_at < ${to}))`.execute(db);
  return result.rows.map(factOfRow);
}

const date = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Arrays arrive parsed from pg and PGlite; timestamps as Date. */
function factOfRow(r: Record<string, unknown>): FactRow {
  const list = <T>(v: unknown, map: (x: unknown) => T): T[] => (Array.isArray(v) ? v.map(map) : []);
  return {
    ticket_id: String(r.ticket_id),
    workspace_id: String(r.workspace_id),
    tier_id: (r.tier_id as string | null) ?? null,
    organization_id: (r.organization_id as string | null) ?? null,
    channel: String(r.channel),
    priority: String(r.priority),
    category: (r.category as string | null) ?? null,
    team_id: (r.team_id as string | null) ?? null,
    branch_id: (r.branch_id as string | null) ?? null,
    assignee_id: (r.assignee_id as string | null) ?? null,
    tags: list(r.tags, String),
    excluded: Boolean(r.excluded),
    created_at: date(r.created_at) as Date,
    first_reply_at: date(r.first_reply_at),
    first_reply_s: numOrNull(r.first_reply_s),
    first_reply_business_s: numOrNull(r.first_reply_business_s),
    next_reply_at: list(r.next_reply_at, (x) => date(x) as Date),
    next_reply_s: list(r.next_reply_s, Number),
    next_reply_business_s: list(r.next_reply_business_s, numOrNull),
    last_next_reply_at: date(r.last_next_reply_at),
    first_solved_at: date(r.first_solved_at),
    solved_at: date(r.solved_at),
    reopened_at: date(r.reopened_at),
    reopens: Number(r.reopens),
    resolution_s: numOrNull(r.resolution_s),
    resolution_business_s: numOrNull(r.resolution_business_s),
    agent_replies: Number(r.agent_replies),
    handle_s: Number(r.handle_s),
    sla_achieved: list(r.sla_achieved, String),
    sla_breached: list(r.sla_breached, String),
    sla_slack_ratio: numOrNull(r.sla_slack_ratio),
    csat: numOrNull(r.csat),
    ces: numOrNull(r.ces),
  };
}

export interface RollupRowInput {
  dim: string;
  key: string | null;
  counts: string;
  /** JSON text per distribution, null when empty. */
  distributions: Record<DistributionName, string | null>;
  backlog_delta: number;
}

/** Replaces the rows of these starts of one level with `rows` (each row's `start` a "YYYY-MM-DD"). */
export async function replaceRows(
  db: Kysely<DB>,
  workspaceId: string,
  level: 'day' | 'week',
  starts: readonly string[],
  rows: readonly (RollupRowInput & { start: string })[],
): Promise<void> {
  if (starts.length === 0) return;
  await sql`delete from analytics_rollup where workspace_id = ${workspaceId} and level = ${level} and start = any(${[...starts]}::date[])`.execute(db);
  if (rows.length === 0) return;
  const columns = DISTRIBUTION_NAMES.map((name) => sql.ref(`d_${name}`));
  await sql`
    insert into analytics_rollup (workspace_id, level, start, dim, key, counts, ${sql.join(columns)}, backlog_delta)
    select ${workspaceId}, ${level}, start, dim, key, counts::json, ${sql.join(DISTRIBUTION_NAMES.map((name) => sql`${sql.ref(`v.d_${name}`)}::json`))}, backlog_delta
    from unnest(${rows.map((r) => r.start)}::date[], ${rows.map((r) => r.dim)}::text[], ${rows.map((r) => r.key)}::text[],
      ${rows.map((r) => r.counts)}::text[], ${sql.join(DISTRIBUTION_NAMES.map((name) => sql`${rows.map((r) => r.distributions[name])}::text[]`))},
      ${rows.map((r) => r.backlog_delta)}::int[])
      as v(start, dim, key, counts, ${sql.join(columns)}, backlog_delta)`.execute(db);
}

export interface StoredRow {
  level: 'day' | 'week';
  start: string;
  dim: string;
  key: string | null;
  counts: string;
  backlog_delta: number;
  /** `d_<name>`: JSON text of the distributions read (null when empty). */
  [column: `d_${string}`]: string | null;
}

function distributionColumns(names: readonly DistributionName[]) {
  return names.length === 0 ? sql`` : sql`, ${sql.join(names.map((name) => sql`${sql.ref(`d_${name}`)}::text as ${sql.ref(`d_${name}`)}`))}`;
}

/** Day rows of these dates (every dimension): the input of their weeks' rows. */
export async function dayRows(db: Kysely<DB>, workspaceId: string, days: readonly string[]): Promise<StoredRow[]> {
  if (days.length === 0) return [];
  const result = await sql<StoredRow>`
    select level, start::text as start, dim, key, counts::text as counts, backlog_delta ${distributionColumns(DISTRIBUTION_NAMES)}
    from analytics_rollup
    where workspace_id = ${workspaceId} and level = 'day' and start = any(${[...days]}::date[])`.execute(db);
  return result.rows;
}

/** Rows of one dimension at these (level, start) pieces, optionally only some keys, with the distributions named. */
export async function readRows(
  db: Kysely<DB>,
  workspaceId: string,
  dim: string,
  pieces: readonly { level: 'day' | 'week'; start: string }[],
  keys: readonly string[] | null,
  distributions: readonly DistributionName[],
  withCounts = true,
): Promise<StoredRow[]> {
  if (pieces.length === 0) return [];
  const days = pieces.filter((p) => p.level === 'day').map((p) => p.start);
  const weeks = pieces.filter((p) => p.level === 'week').map((p) => p.start);
  const result = await sql<StoredRow>`
    select level, start::text as start, dim, key, ${withCounts ? sql`counts::text` : sql`'{}'`} as counts, backlog_delta ${distributionColumns(distributions)}
    from analytics_rollup
    where workspace_id = ${workspaceId} and dim = ${dim}
      and ((level = 'day' and start = any(${days}::date[])) or (level = 'week' and start = any(${weeks}::date[])))
      and ${keys === null ? sql`true` : sql`key = any(${[...keys]}::text[])`}`.execute(db);
  return result.rows;
}

/**
 * The backlog at each end (local dates, ascending): per key, the sum of backlog deltas of the days
 * before it, read as sums per run of days between consecutive ends (the caller adds them up).
 */
export async function backlogSums(
  db: Kysely<DB>,
  workspaceId: string,
  dim: string,
  ends: readonly string[],
  keys: readonly string[] | null,
): Promise<{ bucket: number; key: string | null; delta: number }[]> {
  const result = await sql<{ bucket: number | string; key: string | null; delta: number | string }>`
    select width_bucket(start, ${[...ends]}::date[]) as bucket, key, sum(backlog_delta) as delta
    from analytics_rollup
    where workspace_id = ${workspaceId} and dim = ${dim} and level = 'day' and start < ${ends[ends.length - 1]}::date
      and ${keys === null ? sql`true` : sql`key = any(${[...keys]}::text[])`}
    group by 1, 2`.execute(db);
  return result.rows.map((r) => ({ bucket: Number(r.bucket), key: r.key, delta: Number(r.delta) }));
}

/** Serialises writers of one workspace's week rows (two instances rebuilding days of one week). */
export async function lockWeeks(db: Kysely<DB>, workspaceId: string, weeks: readonly string[]): Promise<void> {
  for (const week of [...weeks].sort()) {
    await sql`select pg_advisory_xact_lock(hashtext(${`rollup-week:${workspaceId}:${week}`}))`.execute(db);
  }
}
