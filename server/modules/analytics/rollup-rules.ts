import { CSAT_SATISFIED_FROM } from '../quality/index.ts';
import { CLOCK_METRICS } from '../sla/clocks/clock-types.ts';
import { DAY_MS, isoWeekdayOfDayNumber, localDayNumberOf, wallTimeToInstant } from '../sla/zoned-time.ts';
import type { FactFilters } from './analytics-rules.ts';
import { addValue, type Distribution, emptyDistribution, mergeInto, storeDistribution } from './distribution-rules.ts';
import type { TicketFact } from './ticket-facts-rules.ts';

/**
 * The analytics rollup's rules (pure, no I/O): what one ticket fact adds to the figures of each
 * local day and dimension value it touches, how figures add up, and which day and week rows cover
 * a range. Every figure is anchored by the same instant the facts queries use (created, first
 * reply, each next reply, first solve), so a sum of rows equals the query over the facts.
 */

export const ROLLUP_DIMS = ['all', 'tier', 'organization', 'channel', 'priority', 'category', 'team', 'branch', 'agent', 'tag'] as const;
export type RollupDim = (typeof ROLLUP_DIMS)[number];
/** Dimensions whose rows also count per stratum (priority × channel): consistency's units. */
export const STRATIFIED_DIMS: ReadonlySet<RollupDim> = new Set(['team', 'branch', 'agent']);

/** By first solve, within one priority × channel: proportions' bases and successes. */
export interface StratumCounts {
  slaN: number;
  slaMet: number;
  csatN: number;
  csatSatisfied: number;
  /** Per SLA metric: [base, met]. */
  metricMet: Map<string, [number, number]>;
}

/** A pair of distributions: wall-clock seconds and seconds in the SLA clock's measure. */
export interface TimePair {
  calendar: Distribution;
  business: Distribution;
}

/** Outcome of a ticket first solved that day, as the service levels judge it. */
export interface OutcomeCount {
  n: number;
  /** floor(slack ratio × 100) → tickets (achieved clocks' smallest slack; absent when none). */
  slack: Map<number, number>;
}

export interface Figures {
  /** Tickets created (merged and spam ones too, as the tickets analytics count them). */
  created: number;
  /** Tickets created, not merged or spam. */
  createdIncluded: number;
  /** Per SLA metric, by creation: tickets achieved / breached. */
  sla: Map<string, [number, number]>;
  firstReplies: number;
  firstReply: TimePair;
  nextReplies: number;
  nextReply: TimePair;
  solved: number;
  reopened: number;
  oneTouch: number;
  resolution: TimePair;
  handle: Distribution;
  /** The handle distribution's sum, also among the counts (read without the distributions). */
  handleSum: number;
  /** By first solve: the first reply time (consistency measures tickets by their solve). */
  solvedFirstReply: TimePair;
  csatN: number;
  csatSatisfied: number;
  /** By first solve: tickets with an ended SLA clock / with none breached. */
  slaN: number;
  slaMet: number;
  /** By first solve, per SLA metric: [base, met] (consistency's proportions). */
  metricMet: Map<string, [number, number]>;
  /** By first solve: per "hasSla breached csat" (csat '' when none). */
  outcomes: Map<string, OutcomeCount>;
  /** Opened minus closed (the backlog's intervals) that day. */
  backlogDelta: number;
  /** "priority|channel" → counts, in the rows of STRATIFIED_DIMS only. */
  strata: Map<string, StratumCounts>;
}

export function emptyFigures(): Figures {
  const pair = (): TimePair => ({ calendar: emptyDistribution(), business: emptyDistribution() });
  return {
    created: 0,
    createdIncluded: 0,
    sla: new Map(),
    firstReplies: 0,
    firstReply: pair(),
    nextReplies: 0,
    nextReply: pair(),
    solved: 0,
    reopened: 0,
    oneTouch: 0,
    resolution: pair(),
    handle: emptyDistribution(),
    handleSum: 0,
    solvedFirstReply: pair(),
    csatN: 0,
    csatSatisfied: 0,
    slaN: 0,
    slaMet: 0,
    metricMet: new Map(),
    outcomes: new Map(),
    backlogDelta: 0,
    strata: new Map(),
  };
}

/** The keys of a fact in a dimension (a ticket counts once per tag; null for none). */
export function keysOf(fact: TicketFact, dim: RollupDim): (string | null)[] {
  switch (dim) {
    case 'all':
      return [null];
    case 'tier':
      return [fact.tier_id];
    case 'organization':
      return [fact.organization_id];
    case 'channel':
      return [fact.channel];
    case 'priority':
      return [fact.priority];
    case 'category':
      return [fact.category];
    case 'team':
      return [fact.team_id];
    case 'branch':
      return [fact.branch_id];
    case 'agent':
      return [fact.assignee_id];
    case 'tag':
      return fact.tags.length === 0 ? [null] : [...new Set(fact.tags)];
  }
}

function stratumKeyOf(priority: string, channel: string): string {
  return `${priority}|${channel}`;
}

export function parseStratumKey(key: string): { priority: string; channel: string } {
  const [priority = '', channel = ''] = key.split('|');
  return { priority, channel };
}

function emptyStratum(): StratumCounts {
  return { slaN: 0, slaMet: 0, csatN: 0, csatSatisfied: 0, metricMet: new Map() };
}

function bump(map: Map<string, [number, number]>, key: string, a: number, b: number): void {
  const entry = map.get(key) ?? [0, 0];
  entry[0] += a;
  entry[1] += b;
  map.set(key, entry);
}

/** What happened to a fact within one day, read from the fact (the day's part of each anchor). */
export interface DayPart {
  created: boolean;
  firstReply: boolean;
  /** Indexes into next_reply_* of replies that day. */
  nextReplies: number[];
  firstSolved: boolean;
  backlogDelta: number;
}

/**
 * The day parts of a fact: for each local day index (0-based within the window whose day starts
 * are `dayStarts`, epoch ms, ascending, with the window's end last) that one of its instants falls
 * in. Backlog intervals follow the facts query: open over [created, first solve) and, after a
 * reopen, [latest reopen, current solve) — the second only when the current solve is not before it.
 */
export function dayPartsOf(fact: TicketFact, dayStarts: readonly number[]): Map<number, DayPart> {
  const parts = new Map<number, DayPart>();
  const dayOf = (instant: Date | null): number | null => {
    if (instant === null) return null;
    const t = instant.getTime();
    if (t < (dayStarts[0] as number) || t >= (dayStarts[dayStarts.length - 1] as number)) return null;
    let lo = 0;
    let hi = dayStarts.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if ((dayStarts[mid] as number) <= t) lo = mid;
      else hi = mid;
    }
    return lo;
  };
  const part = (day: number): DayPart => {
    let p = parts.get(day);
    if (!p) {
      p = { created: false, firstReply: false, nextReplies: [], firstSolved: false, backlogDelta: 0 };
      parts.set(day, p);
    }
    return p;
  };
  const created = dayOf(fact.created_at);
  if (created !== null) part(created).created = true;
  if (fact.excluded) return parts;
  const firstReply = dayOf(fact.first_reply_at);
  if (firstReply !== null) part(firstReply).firstReply = true;
  fact.next_reply_at.forEach((at, i) => {
    const day = dayOf(at);
    if (day !== null) part(day).nextReplies.push(i);
  });
  const firstSolved = dayOf(fact.first_solved_at);
  if (firstSolved !== null) part(firstSolved).firstSolved = true;
  const delta = (instant: Date | null, by: number) => {
    const day = dayOf(instant);
    if (day !== null) part(day).backlogDelta += by;
  };
  delta(fact.created_at, 1);
  delta(fact.first_solved_at, -1);
  if (fact.first_solved_at !== null && fact.reopened_at !== null && (fact.solved_at === null || fact.solved_at.getTime() >= fact.reopened_at.getTime())) {
    delta(fact.reopened_at, 1);
    delta(fact.solved_at, -1);
  }
  return parts;
}

/** Adds a fact's part of one day to that day's figures of one key (with strata: a unit's row). */
export function addPart(f: Figures, fact: TicketFact, part: DayPart, withStrata = false): void {
  if (part.created) {
    f.created += 1;
    if (!fact.excluded) {
      f.createdIncluded += 1;
      for (const metric of CLOCK_METRICS) {
        const achieved = fact.sla_achieved.includes(metric) ? 1 : 0;
        const breached = fact.sla_breached.includes(metric) ? 1 : 0;
        if (achieved + breached > 0) bump(f.sla, metric, achieved, breached);
      }
    }
  }
  if (fact.excluded) return;
  if (part.firstReply) {
    f.firstReplies += 1;
    addValue(f.firstReply.calendar, fact.first_reply_s);
    addValue(f.firstReply.business, fact.first_reply_business_s);
  }
  for (const i of part.nextReplies) {
    f.nextReplies += 1;
    addValue(f.nextReply.calendar, fact.next_reply_s[i]);
    addValue(f.nextReply.business, fact.next_reply_business_s[i]);
  }
  if (part.firstSolved) {
    f.solved += 1;
    if (fact.reopens > 0) f.reopened += 1;
    if (fact.agent_replies === 1) f.oneTouch += 1;
    addValue(f.resolution.calendar, fact.resolution_s);
    addValue(f.resolution.business, fact.resolution_business_s);
    addValue(f.handle, fact.handle_s);
    f.handleSum += fact.handle_s;
    addValue(f.solvedFirstReply.calendar, fact.first_reply_s);
    addValue(f.solvedFirstReply.business, fact.first_reply_business_s);
    if (fact.csat !== null) {
      f.csatN += 1;
      if (fact.csat >= CSAT_SATISFIED_FROM) f.csatSatisfied += 1;
    }
    const hasSla = fact.sla_achieved.length + fact.sla_breached.length > 0;
    const breached = fact.sla_breached.length > 0;
    const stratum = withStrata ? stratumOf(f, fact) : null;
    if (hasSla) {
      f.slaN += 1;
      if (!breached) f.slaMet += 1;
      if (stratum) {
        stratum.slaN += 1;
        if (!breached) stratum.slaMet += 1;
      }
    }
    if (stratum && fact.csat !== null) {
      stratum.csatN += 1;
      if (fact.csat >= CSAT_SATISFIED_FROM) stratum.csatSatisfied += 1;
    }
    for (const metric of CLOCK_METRICS) {
      const achieved = fact.sla_achieved.includes(metric);
      const metricBreached = fact.sla_breached.includes(metric);
      if (!achieved && !metricBreached) continue;
      const met = achieved && !metricBreached ? 1 : 0;
      bump(f.metricMet, metric, 1, met);
      if (stratum) bump(stratum.metricMet, metric, 1, met);
    }
    const key = `${hasSla ? 1 : 0}${breached ? 1 : 0}${fact.csat ?? ''}`;
    const outcome = f.outcomes.get(key) ?? { n: 0, slack: new Map() };
    outcome.n += 1;
    if (fact.sla_slack_ratio !== null) {
      const bucket = slackBucketOf(fact.sla_slack_ratio);
      outcome.slack.set(bucket, (outcome.slack.get(bucket) ?? 0) + 1);
    }
    f.outcomes.set(key, outcome);
  }
  f.backlogDelta += part.backlogDelta;
}

function stratumOf(f: Figures, fact: TicketFact): StratumCounts {
  const key = stratumKeyOf(fact.priority, fact.channel);
  let stratum = f.strata.get(key);
  if (!stratum) {
    stratum = emptyStratum();
    f.strata.set(key, stratum);
  }
  return stratum;
}

/** Slack ratios in hundredths (the tiny epsilon keeps 0.29 = 29.999…/100 in bucket 29… of 0.29). */
export function slackBucketOf(ratio: number): number {
  return Math.floor(ratio * 100 + 1e-9);
}

/** The slack bucket a threshold starts at, or null when it is not a whole hundredth (read the facts then). */
export function slackThresholdBucket(threshold: number): number | null {
  const scaled = threshold * 100;
  const rounded = Math.round(scaled);
  return Math.abs(scaled - rounded) < 1e-9 ? rounded : null;
}

export function mergeFigures(into: Figures, from: Figures): void {
  into.created += from.created;
  into.createdIncluded += from.createdIncluded;
  for (const [metric, [a, b]] of from.sla) bump(into.sla, metric, a, b);
  into.firstReplies += from.firstReplies;
  mergePair(into.firstReply, from.firstReply);
  into.nextReplies += from.nextReplies;
  mergePair(into.nextReply, from.nextReply);
  into.solved += from.solved;
  into.reopened += from.reopened;
  into.oneTouch += from.oneTouch;
  mergePair(into.resolution, from.resolution);
  mergeInto(into.handle, from.handle);
  into.handleSum += from.handleSum;
  mergePair(into.solvedFirstReply, from.solvedFirstReply);
  into.csatN += from.csatN;
  into.csatSatisfied += from.csatSatisfied;
  into.slaN += from.slaN;
  into.slaMet += from.slaMet;
  for (const [metric, [a, b]] of from.metricMet) bump(into.metricMet, metric, a, b);
  for (const [key, o] of from.outcomes) {
    const target = into.outcomes.get(key) ?? { n: 0, slack: new Map() };
    target.n += o.n;
    for (const [bucket, count] of o.slack) target.slack.set(bucket, (target.slack.get(bucket) ?? 0) + count);
    into.outcomes.set(key, target);
  }
  into.backlogDelta += from.backlogDelta;
  for (const [key, s] of from.strata) {
    const target = into.strata.get(key) ?? emptyStratum();
    target.slaN += s.slaN;
    target.slaMet += s.slaMet;
    target.csatN += s.csatN;
    target.csatSatisfied += s.csatSatisfied;
    for (const [metric, [a, b]] of s.metricMet) bump(target.metricMet, metric, a, b);
    into.strata.set(key, target);
  }
}

function mergePair(into: TimePair, from: TimePair): void {
  mergeInto(into.calendar, from.calendar);
  mergeInto(into.business, from.business);
}

/** Whether a key's figures say anything (rows are written only for these). */
export function hasFigures(f: Figures): boolean {
  return f.created + f.firstReplies + f.nextReplies + f.solved !== 0 || f.backlogDelta !== 0;
}

// Stored form: short names, zeros left out (a day row of 1M tickets' year is a few kB).
export interface StoredCounts {
  c?: number;
  ci?: number;
  sla?: Record<string, [number, number]>;
  fr?: number;
  nr?: number;
  so?: number;
  ro?: number;
  ot?: number;
  hs?: number;
  cn?: number;
  cs?: number;
  sn?: number;
  sm?: number;
  mm?: Record<string, [number, number]>;
  oc?: Record<string, [number, number[]]>;
  /** stratum → [slaN, slaMet, csatN, csatSatisfied, per-metric [base, met]]. */
  st?: Record<string, [number, number, number, number, Record<string, [number, number]>]>;
}

/** The stored distributions of a row, one column each (`d_<name>`). */
export const DISTRIBUTION_NAMES = ['frc', 'frb', 'nrc', 'nrb', 'rsc', 'rsb', 'h', 'sfc', 'sfb'] as const;
export type DistributionName = (typeof DISTRIBUTION_NAMES)[number];
/** What GET /analytics/tickets reads: reply, resolution and handle times. */
export const TICKET_DISTRIBUTIONS: readonly DistributionName[] = ['frc', 'frb', 'nrc', 'nrb', 'rsc', 'rsb', 'h'];

export function distributionOf(f: Figures, name: DistributionName): Distribution {
  switch (name) {
    case 'frc':
      return f.firstReply.calendar;
    case 'frb':
      return f.firstReply.business;
    case 'nrc':
      return f.nextReply.calendar;
    case 'nrb':
      return f.nextReply.business;
    case 'rsc':
      return f.resolution.calendar;
    case 'rsb':
      return f.resolution.business;
    case 'h':
      return f.handle;
    case 'sfc':
      return f.solvedFirstReply.calendar;
    case 'sfb':
      return f.solvedFirstReply.business;
  }
}

export function storeCounts(f: Figures): StoredCounts {
  const out: StoredCounts = {};
  const put = (name: keyof StoredCounts, value: number) => {
    if (value !== 0) (out as Record<string, unknown>)[name] = value;
  };
  put('c', f.created);
  put('ci', f.createdIncluded);
  if (f.sla.size > 0) out.sla = Object.fromEntries(f.sla);
  put('fr', f.firstReplies);
  put('nr', f.nextReplies);
  put('so', f.solved);
  put('ro', f.reopened);
  put('ot', f.oneTouch);
  put('hs', f.handleSum);
  put('cn', f.csatN);
  put('cs', f.csatSatisfied);
  put('sn', f.slaN);
  put('sm', f.slaMet);
  if (f.metricMet.size > 0) out.mm = Object.fromEntries(f.metricMet);
  if (f.outcomes.size > 0) out.oc = Object.fromEntries([...f.outcomes].map(([key, o]) => [key, [o.n, [...o.slack].flat()]]));
  if (f.strata.size > 0) {
    out.st = Object.fromEntries([...f.strata].map(([key, s]) => [key, [s.slaN, s.slaMet, s.csatN, s.csatSatisfied, Object.fromEntries(s.metricMet)]]));
  }
  return out;
}

/** Each distribution as stored (JSON text), null when empty. */
export function storeDistributions(f: Figures): Record<DistributionName, string | null> {
  const out = {} as Record<DistributionName, string | null>;
  for (const name of DISTRIBUTION_NAMES) {
    const d = distributionOf(f, name);
    out[name] = d.n === 0 ? null : JSON.stringify(storeDistribution(d));
  }
  return out;
}

/** Figures from a stored row's counts (distributions are added by `mergeStoredInto`). */
export function loadFigures(counts: StoredCounts, backlogDelta: number): Figures {
  const f = emptyFigures();
  f.created = counts.c ?? 0;
  f.createdIncluded = counts.ci ?? 0;
  for (const [metric, pair] of Object.entries(counts.sla ?? {})) f.sla.set(metric, [pair[0], pair[1]]);
  f.firstReplies = counts.fr ?? 0;
  f.nextReplies = counts.nr ?? 0;
  f.solved = counts.so ?? 0;
  f.reopened = counts.ro ?? 0;
  f.oneTouch = counts.ot ?? 0;
  f.handleSum = counts.hs ?? 0;
  f.csatN = counts.cn ?? 0;
  f.csatSatisfied = counts.cs ?? 0;
  f.slaN = counts.sn ?? 0;
  f.slaMet = counts.sm ?? 0;
  for (const [metric, pair] of Object.entries(counts.mm ?? {})) f.metricMet.set(metric, [pair[0], pair[1]]);
  for (const [key, [n, flat]] of Object.entries(counts.oc ?? {})) {
    const slack = new Map<number, number>();
    for (let i = 0; i < flat.length; i += 2) slack.set(flat[i] as number, flat[i + 1] as number);
    f.outcomes.set(key, { n, slack });
  }
  for (const [key, [slaN, slaMet, csatN, csatSatisfied, metrics]] of Object.entries(counts.st ?? {})) {
    f.strata.set(key, { slaN, slaMet, csatN, csatSatisfied, metricMet: new Map(Object.entries(metrics).map(([m, [a, b]]) => [m, [a, b]])) });
  }
  f.backlogDelta = backlogDelta;
  return f;
}

// ---- Local days and the rows that cover a range ----

/** The instant a local day starts. */
export function dayStartOf(timeZone: string, day: number): number {
  return wallTimeToInstant(timeZone, day * DAY_MS);
}

/** The Monday (day number) of a day's ISO week. */
export function weekOf(day: number): number {
  return day - (isoWeekdayOfDayNumber(day) - 1);
}

export interface RollupPiece {
  level: 'day' | 'week';
  /** Local day number of the row's start. */
  start: number;
}

/** Rows covering local days [fromDay, toDay): whole ISO weeks as week rows, the rest as days. */
export function coverOf(fromDay: number, toDay: number): RollupPiece[] {
  const pieces: RollupPiece[] = [];
  let day = fromDay;
  while (day < toDay) {
    if (weekOf(day) === day && day + 7 <= toDay) {
      pieces.push({ level: 'week', start: day });
      day += 7;
    } else {
      pieces.push({ level: 'day', start: day });
      day += 1;
    }
  }
  return pieces;
}

/** The local day an instant starts, or null when it is not a local midnight of the zone. */
export function midnightDayOf(timeZone: string, instant: Date): number | null {
  const day = localDayNumberOf(timeZone, instant.getTime());
  return dayStartOf(timeZone, day) === instant.getTime() ? day : null;
}

/** Each period (local midnights, ascending) clipped to [from, to): what a rollup sums per period. */
export function periodSpans(starts: readonly Date[], from: Date, to: Date): { from: Date; to: Date }[] {
  return starts.map((start, i) => ({
    from: new Date(Math.max(start.getTime(), from.getTime())),
    to: new Date(Math.min((starts[i + 1] ?? to).getTime(), to.getTime())),
  }));
}

const FILTER_DIMS: [keyof FactFilters, RollupDim][] = [
  ['tierId', 'tier'],
  ['organizationId', 'organization'],
  ['channel', 'channel'],
  ['priority', 'priority'],
  ['category', 'category'],
  ['teamId', 'team'],
  ['branchId', 'branch'],
  ['assigneeId', 'agent'],
  ['tag', 'tag'],
];

/**
 * Which rows answer a request grouped by `groupDim` (null: by period or not grouped) with these
 * filters: the one dimension involved and the keys to read (null: all), or null when the request
 * needs the facts (filters on two dimensions, or a tag filter with a grouping by tag, where a
 * ticket's other tags are groups too).
 */
export function rollupSelection(groupDim: RollupDim | null, filters: FactFilters): { dim: RollupDim; keys: string[] | null } | null {
  const used = FILTER_DIMS.filter(([name]) => filters[name] !== undefined);
  if (used.length > 1) return null;
  const [filter] = used;
  if (!filter) return { dim: groupDim ?? 'all', keys: null };
  const [name, dim] = filter;
  if (groupDim !== null && groupDim !== dim) return null;
  if (groupDim === 'tag') return null;
  return { dim, keys: [filters[name] as string] };
}
