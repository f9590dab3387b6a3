import { DAY_MS, isoDateOfDayNumber, offsetAt, wallTimeToInstant } from '../sla/zoned-time.ts';

/**
 * The survey results rollup, pure parts: which counter rows a response or an invitation adds to,
 * and which part of a time range whole local days cover (read from the rollup) versus the edges
 * (read from the raw rows). See migration 0013 for the table.
 */

export const ROLLUP_DIMENSIONS = ['', 'team', 'agent', 'branch', 'channel', 'tier'] as const;
export type RollupDimension = (typeof ROLLUP_DIMENSIONS)[number];
export type RollupMeasure = 'responses' | 'csat' | 'ces' | 'nps' | 'sent' | 'responded';

export interface RollupDelta {
  dimension: RollupDimension;
  key: string;
  day: string;
  measure: RollupMeasure;
  score: number;
  n: number;
}

/** The dimension values of a response or an invitation (null: none). */
export interface RollupKeys {
  team_id: string | null;
  agent_id: string | null;
  branch_id: string | null;
  channel: string | null;
  tier_id: string | null;
}

export interface RollupScores {
  csat: number | null;
  ces: number | null;
  nps: number | null;
}

function keyOf(dimension: RollupDimension, keys: RollupKeys): string {
  switch (dimension) {
    case '':
      return '';
    case 'team':
      return keys.team_id ?? '';
    case 'agent':
      return keys.agent_id ?? '';
    case 'branch':
      return keys.branch_id ?? '';
    case 'channel':
      return keys.channel ?? '';
    case 'tier':
      return keys.tier_id ?? '';
  }
}

/** The local date ("YYYY-MM-DD") of an instant in a time zone. */
export function localDate(timeZone: string, instant: Date): string {
  return isoDateOfDayNumber(localDayNumber(timeZone, instant.getTime()));
}

export function localDayNumber(timeZone: string, instant: number): number {
  return Math.floor((instant + offsetAt(timeZone, instant)) / DAY_MS);
}

function scoreRows(scores: RollupScores, sign: 1 | -1): { measure: RollupMeasure; score: number; n: number }[] {
  const out: { measure: RollupMeasure; score: number; n: number }[] = [];
  for (const measure of ['csat', 'ces', 'nps'] as const) {
    const value = scores[measure];
    if (value !== null) out.push({ measure, score: value, n: sign });
  }
  return out;
}

function spread(keys: RollupKeys, day: string, rows: { measure: RollupMeasure; score: number; n: number }[]): RollupDelta[] {
  return ROLLUP_DIMENSIONS.flatMap((dimension) => rows.map((r) => ({ dimension, key: keyOf(dimension, keys), day, ...r })));
}

/**
 * Counter changes for a response: a new one counts once and adds its scores; an edited one moves
 * its scores (the old ones out, the new ones in). Merged and sorted, so that every transaction
 * takes the counter rows' locks in the same order (no deadlocks between concurrent responses).
 */
export function responseDeltas(keys: RollupKeys, day: string, after: RollupScores, before: RollupScores | null): RollupDelta[] {
  const rows = before ? [...scoreRows(before, -1), ...scoreRows(after, 1)] : [{ measure: 'responses' as const, score: 0, n: 1 }, ...scoreRows(after, 1)];
  return mergeDeltas(spread(keys, day, rows));
}

/** Counter changes for an invitation sent (and, when it is already answered, responded). */
export function invitationDeltas(keys: RollupKeys, sentDay: string, measures: ('sent' | 'responded')[]): RollupDelta[] {
  return mergeDeltas(spread(keys, sentDay, measures.map((measure) => ({ measure, score: 0, n: 1 }))));
}

const sortKey = (d: RollupDelta) => `${d.dimension}\u0000${d.day}\u0000${d.key}\u0000${d.measure}\u0000${String(d.score + 1000).padStart(5, '0')}`;

/** Adds up deltas of the same counter row, drops the zero ones, sorts in primary key order. */
export function mergeDeltas(deltas: RollupDelta[]): RollupDelta[] {
  const merged = new Map<string, RollupDelta>();
  for (const d of deltas) {
    const k = sortKey(d);
    const prev = merged.get(k);
    merged.set(k, prev ? { ...prev, n: prev.n + d.n } : { ...d });
  }
  return [...merged.entries()]
    .filter(([, d]) => d.n !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, d]) => d);
}

export interface RangeSplit {
  /** Whole local days read from the rollup, inclusive ("YYYY-MM-DD"); null bounds are open. Null when no whole day is inside. */
  days: { first: string | null; last: string | null } | null;
  /** Parts of the range outside those days, read from the raw rows ([from, to)). */
  edges: { from: Date | undefined; to: Date | undefined }[];
}

/**
 * Splits [from, to) into the whole local days of `timeZone` inside it and the edges around them.
 * A day is whole when its start is at or after `from` and the next day's start at or before `to`.
 */
export function splitRange(timeZone: string, from: Date | undefined, to: Date | undefined): RangeSplit {
  const startOf = (day: number) => wallTimeToInstant(timeZone, day * DAY_MS);
  let first: number | null = null;
  if (from) {
    const day = localDayNumber(timeZone, from.getTime());
    first = startOf(day) >= from.getTime() ? day : day + 1;
  }
  const last = to ? localDayNumber(timeZone, to.getTime()) - 1 : null;
  if (first !== null && last !== null && first > last) return { days: null, edges: [{ from, to }] };
  const edges: RangeSplit['edges'] = [];
  if (from && first !== null && startOf(first) > from.getTime()) edges.push({ from, to: new Date(startOf(first)) });
  if (to && last !== null && startOf(last + 1) < to.getTime()) edges.push({ from: new Date(startOf(last + 1)), to });
  return {
    days: { first: first === null ? null : isoDateOfDayNumber(first), last: last === null ? null : isoDateOfDayNumber(last) },
    edges,
  };
}
