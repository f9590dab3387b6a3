import type { Kysely } from 'kysely';
import type { DB } from '../../platform/schema.ts';
import type { FactFilters } from './analytics-rules.ts';
import {
  addPart,
  coverOf,
  DISTRIBUTION_NAMES,
  type DistributionName,
  distributionOf,
  dayPartsOf,
  dayStartOf,
  emptyFigures,
  type Figures,
  hasFigures,
  keysOf,
  loadFigures,
  mergeFigures,
  midnightDayOf,
  ROLLUP_DIMS,
  type RollupDim,
  rollupSelection,
  STRATIFIED_DIMS,
  type StoredCounts,
  storeCounts,
  storeDistributions,
  weekOf,
} from './rollup-rules.ts';
import { dayNumberOfIsoDate, isoDateOfDayNumber } from '../sla/zoned-time.ts';
import * as repo from './rollup.repository.ts';
import { mergeStoredInto, type StoredDistribution } from './distribution-rules.ts';
import type { TicketFact } from './ticket-facts-rules.ts';

/**
 * The analytics rollup (migration 0018): keeps day and week rows in step with `ticket_facts`, and
 * answers the reads the analytics services make of it. The facts refresh marks the days of every
 * fact it rewrites and then calls `refreshRollup`, so the rollup is as fresh as the facts (the
 * `analytics.facts.refresh` job, every minute).
 */

/** Days rebuilt per transaction. */
const DAYS_PER_BATCH = 14;
/** Claimed days at most this far apart are built from one load of facts. */
const CLUSTER_GAP = 3;

/** Rebuilds the marked days (and their weeks) of one or every workspace; starts missing rollups. */
export async function refreshRollup(db: Kysely<DB>, options: { workspaceId?: string | undefined } = {}): Promise<{ days: number }> {
  for (const w of await repo.workspacesToStart(db, options.workspaceId)) {
    await inTransaction(db, (trx) => repo.startRollup(trx, w.id, w.time_zone));
  }
  let days = 0;
  for (;;) {
    const done = await inTransaction(db, (trx) => refreshDays(trx, options.workspaceId));
    if (done === 0) break;
    days += done;
  }
  await repo.markReady(db, options.workspaceId);
  return { days };
}

function inTransaction<T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

async function refreshDays(trx: Kysely<DB>, workspaceId: string | undefined): Promise<number> {
  const claimed = await repo.claimDays(trx, DAYS_PER_BATCH, workspaceId);
  if (claimed.length === 0) return 0;
  const byWorkspace = new Map<string, number[]>();
  for (const row of claimed) {
    const list = byWorkspace.get(row.workspace_id) ?? [];
    list.push(dayNumberOfIsoDate(row.day));
    byWorkspace.set(row.workspace_id, list);
  }
  for (const [ws, days] of byWorkspace) {
    const state = await repo.findState(trx, ws);
    // Marked before the workspace's rollup started: its start marks every day again.
    if (state) await rebuildDays(trx, ws, state.time_zone, days);
  }
  await repo.deleteDays(trx, claimed);
  return claimed.length;
}

/** Rewrites the day rows of `days` (local day numbers, ascending) and the week rows they belong to. */
async function rebuildDays(trx: Kysely<DB>, workspaceId: string, timeZone: string, days: readonly number[]): Promise<void> {
  const rows: (repo.RollupRowInput & { start: string })[] = [];
  for (const cluster of clustersOf(days)) {
    const first = cluster[0] as number;
    const last = cluster[cluster.length - 1] as number;
    const dayStarts: number[] = [];
    for (let day = first; day <= last + 1; day++) dayStarts.push(dayStartOf(timeZone, day));
    const facts = await repo.factsTouching(trx, workspaceId, new Date(dayStarts[0] as number), new Date(dayStarts[dayStarts.length - 1] as number));
    const wanted = new Set(cluster.map((day) => day - first));
    const figures = new Map<string, { day: number; dim: RollupDim; key: string | null; f: Figures }>();
    for (const fact of facts) {
      for (const [index, part] of dayPartsOf(fact as TicketFact, dayStarts)) {
        if (!wanted.has(index)) continue;
        for (const dim of ROLLUP_DIMS) {
          for (const key of keysOf(fact as TicketFact, dim)) {
            const id = `${index}\u0001${dim}\u0001${key ?? '\u0002'}`;
            let entry = figures.get(id);
            if (!entry) {
              entry = { day: first + index, dim, key, f: emptyFigures() };
              figures.set(id, entry);
            }
            addPart(entry.f, fact as TicketFact, part, STRATIFIED_DIMS.has(dim));
          }
        }
      }
    }
    for (const entry of figures.values()) {
      if (hasFigures(entry.f)) rows.push({ start: isoDateOfDayNumber(entry.day), ...rowOf(entry.dim, entry.key, entry.f) });
    }
  }
  await repo.replaceRows(trx, workspaceId, 'day', days.map(isoDateOfDayNumber), rows);

  const weeks = [...new Set(days.map(weekOf))];
  await repo.lockWeeks(trx, workspaceId, weeks.map(isoDateOfDayNumber));
  const weekDays = weeks.flatMap((week) => Array.from({ length: 7 }, (_, i) => isoDateOfDayNumber(week + i)));
  const merged = new Map<string, { week: number; dim: string; key: string | null; f: Figures }>();
  for (const row of await repo.dayRows(trx, workspaceId, weekDays)) {
    const week = weekOf(dayNumberOfIsoDate(row.start));
    const id = `${week}\u0001${row.dim}\u0001${row.key ?? '\u0002'}`;
    let entry = merged.get(id);
    if (!entry) {
      entry = { week, dim: row.dim, key: row.key, f: emptyFigures() };
      merged.set(id, entry);
    }
    addRow(entry.f, row, countsOfRow(row), DISTRIBUTION_NAMES);
  }
  await repo.replaceRows(
    trx,
    workspaceId,
    'week',
    weeks.map(isoDateOfDayNumber),
    [...merged.values()].map((entry) => ({ start: isoDateOfDayNumber(entry.week), ...rowOf(entry.dim, entry.key, entry.f) })),
  );
}

function clustersOf(days: readonly number[]): number[][] {
  const clusters: number[][] = [];
  for (const day of [...days].sort((a, b) => a - b)) {
    const current = clusters[clusters.length - 1];
    if (current && day - (current[current.length - 1] as number) <= CLUSTER_GAP) current.push(day);
    else clusters.push([day]);
  }
  // Days between the claimed ones of a cluster are loaded too but never written (`wanted`).
  return clusters;
}

function rowOf(dim: string, key: string | null, f: Figures): repo.RollupRowInput {
  return { dim, key, counts: JSON.stringify(storeCounts(f)), distributions: storeDistributions(f), backlog_delta: f.backlogDelta };
}

/** Adds a stored row (its counts, when read, and the distributions read) into `into`. */
function addRow(into: Figures, row: repo.StoredRow, counts: Figures | null, distributions: readonly DistributionName[]): void {
  if (counts) mergeFigures(into, counts);
  for (const name of distributions) {
    const text = row[`d_${name}`];
    if (text) mergeStoredInto(distributionOf(into, name), JSON.parse(text) as StoredDistribution);
  }
}

function countsOfRow(row: repo.StoredRow): Figures {
  return loadFigures(JSON.parse(row.counts) as StoredCounts, Number(row.backlog_delta));
}

// ---- Reads ----

export interface RollupPlan {
  timeZone: string;
  dim: RollupDim;
  keys: string[] | null;
}

/**
 * Whether the rollup can answer a request over [from, to) in `timeZone` grouped by `groupDim`
 * (null: by period or not at all) with `filters`: the workspace's rollup is complete and in that
 * zone, both bounds are local midnights there, and the filters and grouping involve at most one
 * dimension. Null: read the facts.
 */
export async function rollupPlanFor(
  db: Kysely<DB>,
  workspaceId: string,
  request: { from: Date; to: Date; timeZone: string; groupDim: RollupDim | null; filters: FactFilters },
): Promise<RollupPlan | null> {
  const selection = rollupSelection(request.groupDim, request.filters);
  if (!selection) return null;
  if (midnightDayOf(request.timeZone, request.from) === null || midnightDayOf(request.timeZone, request.to) === null) return null;
  const state = await repo.findState(db, workspaceId);
  if (!state?.ready || state.time_zone !== request.timeZone) return null;
  return { timeZone: request.timeZone, ...selection };
}

/**
 * Figures per key over each span (local midnights [start, end)), e.g. each period of a range or the
 * whole range: `spans[i]` → key → figures. One query for all spans.
 */
export async function figuresBySpan(
  db: Kysely<DB>,
  workspaceId: string,
  plan: RollupPlan,
  spans: readonly { from: Date; to: Date }[],
  distributions: readonly DistributionName[],
  options: { counts?: boolean } = {},
): Promise<Map<string | null, Figures>[]> {
  const withCounts = options.counts ?? true;
  const covers = spans.map((span) =>
    coverOf(midnightDayOf(plan.timeZone, span.from) as number, midnightDayOf(plan.timeZone, span.to) as number).map((p) => ({ level: p.level, start: isoDateOfDayNumber(p.start) })),
  );
  // A piece may serve several spans (the whole range and one of its periods).
  const pieceSpans = new Map<string, number[]>();
  covers.forEach((cover, i) => {
    for (const piece of cover) {
      const id = `${piece.level}:${piece.start}`;
      pieceSpans.set(id, [...(pieceSpans.get(id) ?? []), i]);
    }
  });
  const unique = [...new Map(covers.flat().map((p) => [`${p.level}:${p.start}`, p])).values()];
  const rows = await repo.readRows(db, workspaceId, plan.dim, unique, plan.keys, distributions, withCounts);
  const result = spans.map(() => new Map<string | null, Figures>());
  for (const row of rows) {
    const counts = withCounts ? countsOfRow(row) : null;
    for (const span of pieceSpans.get(`${row.level}:${row.start}`) ?? []) {
      const map = result[span] as Map<string | null, Figures>;
      let f = map.get(row.key);
      if (!f) {
        f = emptyFigures();
        map.set(row.key, f);
      }
      addRow(f, row, counts, distributions);
    }
  }
  return result;
}

/** Figures per key over [from, to) (local midnights). */
export async function figuresOver(db: Kysely<DB>, workspaceId: string, plan: RollupPlan, from: Date, to: Date, distributions: readonly DistributionName[]): Promise<Map<string | null, Figures>> {
  const [byKey] = await figuresBySpan(db, workspaceId, plan, [{ from, to }], distributions);
  return byKey as Map<string | null, Figures>;
}

/** Backlog per key at each end (local midnights, ascending): `result[i]` → key → open tickets. */
export async function backlogAt(db: Kysely<DB>, workspaceId: string, plan: RollupPlan, ends: readonly Date[]): Promise<Map<string | null, number>[]> {
  const dates = ends.map((end) => isoDateOfDayNumber(midnightDayOf(plan.timeZone, end) as number));
  const sums = await repo.backlogSums(db, workspaceId, plan.dim, dates, plan.keys);
  // bucket b = how many ends are at or before the day: the day counts for ends b+1, b+2, …
  const perBucket = new Map<number, Map<string | null, number>>();
  for (const s of sums) {
    const map = perBucket.get(s.bucket) ?? new Map<string | null, number>();
    map.set(s.key, (map.get(s.key) ?? 0) + s.delta);
    perBucket.set(s.bucket, map);
  }
  const result: Map<string | null, number>[] = [];
  const running = new Map<string | null, number>();
  for (let i = 0; i < ends.length; i++) {
    for (const [key, delta] of perBucket.get(i) ?? []) running.set(key, (running.get(key) ?? 0) + delta);
    result.push(new Map(running));
  }
  return result;
}

/** Days waiting for a rebuild (tests and monitoring). */
export function pendingRollupDays(db: Kysely<DB>, workspaceId?: string): Promise<number> {
  return repo.countDirtyDays(db, workspaceId);
}
