/**
 * Policies, calendars and a readable projection for the clock tests (not part of the public entry).
 * Targets in these helpers are in minutes (as a person states them); the engine takes seconds.
 */
import { expect } from 'vitest';
import { type BusinessCalendar, createCalendar } from '../calendar.ts';
import { newYorkOffice, newYorkSplit, pragueOffice } from '../test-calendars.ts';
import type {
  ClockInstance,
  ClockMetric,
  ClockPolicy,
  ClockTarget,
  ClockTicketPriority,
  ClockTicketStatus,
  PolicyFor,
  SolveWhileWaiting,
} from './clock-types.ts';

/** Mon–Fri 09:00–17:00 America/New_York (DST began Sun 2024-03-10, ended Sun 2024-11-03). */
export const NY = createCalendar(newYorkOffice);
/** The same with a 12:00–13:00 lunch break (and US holidays). */
export const NY_SPLIT = createCalendar(newYorkSplit);
/** Mon–Fri 08:00–16:30 Europe/Prague with Easter 2024 (Fri 29 March, Mon 1 April) as holidays. */
export const PRAGUE = createCalendar(pragueOffice);
/** The 24/7 calendar in a DST zone: business time is absolute elapsed time. */
export const ALWAYS = createCalendar({ timeZone: 'America/New_York', alwaysOpen: true });

/** Week of Monday 2024-03-11, New York (EDT, UTC−4). `mon('09:00')` → '2024-03-11T09:00:00-04:00'. */
export const mon = (time: string) => `2024-03-11T${withSeconds(time)}-04:00`;
export const tue = (time: string) => `2024-03-12T${withSeconds(time)}-04:00`;
export const wed = (time: string) => `2024-03-13T${withSeconds(time)}-04:00`;

function withSeconds(time: string): string {
  return time.length === 5 ? `${time}:00` : time;
}

export type Mode = { mode: 'calendar' } | { mode: 'business'; calendar: BusinessCalendar };
export const business = (calendar: BusinessCalendar = NY): Mode => ({ mode: 'business', calendar });
export const calendarMode: Mode = { mode: 'calendar' };

export function targets(minutes: Partial<Record<ClockMetric, number>>, mode: Mode = business()): ClockTarget[] {
  return Object.entries(minutes).map(([metric, m]) => ({ metric: metric as ClockMetric, seconds: (m as number) * 60, ...mode }));
}

export interface PolicyOptions {
  mode?: Mode;
  pauses?: Partial<Record<ClockMetric, ClockTicketStatus[]>>;
  solve?: SolveWhileWaiting;
}

/** The same targets (minutes) for every priority. */
export function everyPriority(minutes: Partial<Record<ClockMetric, number>>, options: PolicyOptions = {}): ClockPolicy {
  const list = targets(minutes, options.mode);
  return withOptions({ targets: { low: list, normal: list, high: list, urgent: list } }, options);
}

/** Targets (minutes) per priority; a missing priority has no targets. */
export function perPriority(
  byPriority: Partial<Record<ClockTicketPriority, Partial<Record<ClockMetric, number>>>>,
  options: PolicyOptions = {},
): ClockPolicy {
  const list = Object.entries(byPriority).map(([p, m]) => [p, targets(m, options.mode)]);
  return withOptions({ targets: Object.fromEntries(list) }, options);
}

function withOptions(policy: ClockPolicy, options: PolicyOptions): ClockPolicy {
  return {
    ...policy,
    ...(options.pauses ? { pauseStatuses: options.pauses } : {}),
    ...(options.solve ? { solveWhileWaiting: options.solve } : {}),
  };
}

export const fixed =
  (policy: ClockPolicy | null): PolicyFor =>
  () =>
    policy;

/** A clock as the tests state it: times as ISO strings (UTC), elapsed in minutes. */
export interface ClockSummary {
  metric: ClockMetric;
  n: number;
  state: ClockInstance['state'];
  started: string;
  due: string | null;
  elapsed: number;
  fulfilled: string | null;
  cancelled: string | null;
  outcome: ClockInstance['outcome'];
  breached: string | null;
}

export function summarize(c: ClockInstance): ClockSummary {
  return {
    metric: c.metric,
    n: c.instance,
    state: c.state,
    started: c.started_at.toISOString(),
    due: iso(c.due_at),
    elapsed: c.elapsed_ms / 60_000,
    fulfilled: iso(c.fulfilled_at),
    cancelled: iso(c.cancelled_at),
    outcome: c.outcome,
    breached: iso(c.breached_at),
  };
}

/**
 * Compares clocks with expectations written with local offsets; fields left out of an expected
 * clock are not checked, but every clock must be listed (same metrics, same order).
 */
export function expectClocks(actual: ClockInstance[], expected: Partial<ClockSummary>[]) {
  const normalized = expected.map((e) => {
    const out: Record<string, unknown> = { ...e };
    for (const key of ['started', 'due', 'fulfilled', 'cancelled', 'breached'] as const) {
      const value = e[key];
      if (typeof value === 'string') out[key] = new Date(value).toISOString();
    }
    return out;
  });
  expect(actual.map(summarize)).toMatchObject(normalized);
}

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}
