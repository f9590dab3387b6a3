/**
 * Business-time arithmetic (../../../../shared/specs/sla.md, "Business-time arithmetic").
 * Pure functions over a compiled BusinessCalendar; instants are UTC epoch milliseconds or Dates.
 *
 * How it works: each local day of the calendar's zone becomes a record of open periods as
 * UTC instants, [start, end) half-open. Wall times become instants by the spec's rule (earlier
 * occurrence in a fall-back overlap, forward by the gap in a spring-forward gap), so a
 * 00:00–24:00 day lasts 23 h or 25 h on DST days. Records are memoised per calendar (the
 * calendar is immutable, so this stays referentially transparent) and the walk is then plain
 * arithmetic on numbers, one day at a time.
 */
import type { BusinessCalendar, LocalInterval } from './calendar.ts';
import { DAY_MS, isoDateOfDayNumber, isoWeekdayOfDayNumber, wallTimeToInstant } from './zoned-time.ts';

export type Instant = Date | number;

/** A calendar with weekly hours can still be closed for long stretches (a year of holidays). */
const MAX_CLOSED_DAYS = 3660;
const MAX_CACHED_DAYS = 20_000;

interface DayRecord {
  /** Instant of the local midnight starting this day (or the end of a gap covering it). */
  readonly start: number;
  readonly end: number;
  /** Flat [start0, end0, start1, end1, …], sorted, disjoint, non-empty, within [start, end]. */
  readonly periods: readonly number[];
}

const dayCache = new WeakMap<BusinessCalendar, Map<number, DayRecord>>();

/** `start + minutes` of business time. Minutes may be fractional (resolution: 1 ms). */
export function addBusinessMinutes(calendar: BusinessCalendar, start: Instant, minutes: number): Date {
  return new Date(addMs(calendar, toMs(start, 'start'), durationMs(minutes, 60_000, 'minutes')));
}

export function addBusinessSeconds(calendar: BusinessCalendar, start: Instant, seconds: number): Date {
  return new Date(addMs(calendar, toMs(start, 'start'), durationMs(seconds, 1000, 'seconds')));
}

export function addBusinessMilliseconds(calendar: BusinessCalendar, start: Instant, milliseconds: number): Date {
  return new Date(addMs(calendar, toMs(start, 'start'), durationMs(milliseconds, 1, 'milliseconds')));
}

/**
 * `end − minutes` of business time (for warnings before a due time). Mirror of the endpoint
 * rule: when the duration is used up exactly at a period's start, the result is the end of the
 * previous period — the earliest instant from which only `minutes` of business time remain.
 */
export function subtractBusinessMinutes(calendar: BusinessCalendar, end: Instant, minutes: number): Date {
  return new Date(subtractMs(calendar, toMs(end, 'end'), durationMs(minutes, 60_000, 'minutes')));
}

export function subtractBusinessSeconds(calendar: BusinessCalendar, end: Instant, seconds: number): Date {
  return new Date(subtractMs(calendar, toMs(end, 'end'), durationMs(seconds, 1000, 'seconds')));
}

/** Business minutes in [a, b) (fractional when the overlap is not whole minutes); 0 when b <= a. */
export function businessMinutesBetween(calendar: BusinessCalendar, a: Instant, b: Instant): number {
  return betweenMs(calendar, toMs(a, 'a'), toMs(b, 'b')) / 60_000;
}

export function businessSecondsBetween(calendar: BusinessCalendar, a: Instant, b: Instant): number {
  return betweenMs(calendar, toMs(a, 'a'), toMs(b, 'b')) / 1000;
}

export function businessMillisecondsBetween(calendar: BusinessCalendar, a: Instant, b: Instant): number {
  return betweenMs(calendar, toMs(a, 'a'), toMs(b, 'b'));
}

/** Whether `at` lies inside an open period (periods are half-open: a period's end is closed). */
export function isBusinessTime(calendar: BusinessCalendar, at: Instant): boolean {
  const t = toMs(at, 'at');
  if (calendar.alwaysOpen) return true;
  const { periods } = dayRecord(calendar, localDayOf(calendar, t));
  for (let i = 0; i < periods.length; i += 2) {
    if ((periods[i] as number) <= t && t < (periods[i + 1] as number)) return true;
  }
  return false;
}

function addMs(calendar: BusinessCalendar, start: number, duration: number): number {
  if (calendar.alwaysOpen) return start + duration;
  let remaining = duration;
  let cursor = start;
  let day = localDayOf(calendar, start);
  let closedDays = 0;
  for (;;) {
    const { periods } = dayRecord(calendar, day);
    for (let i = 0; i < periods.length; i += 2) {
      const periodEnd = periods[i + 1] as number;
      if (periodEnd <= cursor) continue;
      const from = Math.max(periods[i] as number, cursor);
      const available = periodEnd - from;
      // Strictly less: a duration used up exactly at a period's end continues to the next
      // period's start (endpoint rule), and zero at or after a period's end means next opening.
      if (remaining < available) return from + remaining;
      remaining -= available;
      cursor = periodEnd;
    }
    closedDays = periods.length > 0 ? 0 : closedDays + 1;
    if (closedDays > MAX_CLOSED_DAYS) throw new RangeError('The calendar has no open hours for ten years after this time');
    day += 1;
  }
}

function subtractMs(calendar: BusinessCalendar, end: number, duration: number): number {
  if (calendar.alwaysOpen) return end - duration;
  let remaining = duration;
  let cursor = end;
  let day = localDayOf(calendar, end);
  let closedDays = 0;
  for (;;) {
    const { periods } = dayRecord(calendar, day);
    for (let i = periods.length - 2; i >= 0; i -= 2) {
      const periodStart = periods[i] as number;
      if (periodStart >= cursor) continue;
      const to = Math.min(periods[i + 1] as number, cursor);
      const available = to - periodStart;
      if (remaining < available) return to - remaining;
      remaining -= available;
      cursor = periodStart;
    }
    closedDays = periods.length > 0 ? 0 : closedDays + 1;
    if (closedDays > MAX_CLOSED_DAYS) throw new RangeError('The calendar has no open hours for ten years before this time');
    day -= 1;
  }
}

function betweenMs(calendar: BusinessCalendar, a: number, b: number): number {
  if (b <= a) return 0;
  if (calendar.alwaysOpen) return b - a;
  let total = 0;
  for (let day = localDayOf(calendar, a); ; day += 1) {
    const record = dayRecord(calendar, day);
    if (record.start >= b) return total;
    const { periods } = record;
    for (let i = 0; i < periods.length; i += 2) {
      const overlap = Math.min(periods[i + 1] as number, b) - Math.max(periods[i] as number, a);
      if (overlap > 0) total += overlap;
    }
  }
}

/** Local day number whose [start, end) contains instant t. */
function localDayOf(calendar: BusinessCalendar, t: number): number {
  // Offsets are under a day, so the UTC day is off by at most one; the records partition time.
  let day = Math.floor(t / DAY_MS);
  for (;;) {
    const record = dayRecord(calendar, day);
    if (t < record.start) day -= 1;
    else if (t >= record.end) day += 1;
    else return day;
  }
}

function dayRecord(calendar: BusinessCalendar, day: number): DayRecord {
  let cache = dayCache.get(calendar);
  if (!cache) {
    cache = new Map();
    dayCache.set(calendar, cache);
  }
  let record = cache.get(day);
  if (!record) {
    if (cache.size >= MAX_CACHED_DAYS) cache.clear();
    record = buildDayRecord(calendar, day);
    cache.set(day, record);
  }
  return record;
}

function buildDayRecord(calendar: BusinessCalendar, day: number): DayRecord {
  const zone = calendar.timeZone;
  const midnight = day * DAY_MS;
  const start = wallTimeToInstant(zone, midnight);
  const end = wallTimeToInstant(zone, midnight + DAY_MS);
  const raw: [number, number][] = [];
  for (const interval of localHoursOf(calendar, day)) {
    const from = Math.max(start, wallTimeToInstant(zone, midnight + interval.start));
    const to = Math.min(end, interval.end === DAY_MS ? end : wallTimeToInstant(zone, midnight + interval.end));
    // In a gap, "forward by the gap" can push a start past a later end: nothing is open then.
    if (to > from) raw.push([from, to]);
  }
  raw.sort((x, y) => x[0] - y[0]);
  const periods: number[] = [];
  for (const [from, to] of raw) {
    const last = periods.length - 1;
    // Gap shifts can make periods overlap in real time; union them so nothing counts twice.
    if (last > 0 && from <= (periods[last] as number)) periods[last] = Math.max(periods[last] as number, to);
    else periods.push(from, to);
  }
  return { start, end, periods };
}

/** Local hours of one date: holiday → none; else the shift or the weekday's hours, minus breaks. */
function localHoursOf(calendar: BusinessCalendar, day: number): readonly LocalInterval[] {
  if (calendar.holidays.has(day)) return [];
  if (calendar.recurringHolidays.size > 0 && calendar.recurringHolidays.has(isoDateOfDayNumber(day).slice(5))) return [];
  const hours = calendar.shifts.get(day) ?? calendar.weekly[isoWeekdayOfDayNumber(day) - 1] ?? [];
  const breaks = calendar.breaks.get(day);
  return breaks ? subtractIntervals(hours, breaks) : hours;
}

function subtractIntervals(hours: readonly LocalInterval[], breaks: readonly LocalInterval[]): LocalInterval[] {
  let result: LocalInterval[] = [...hours];
  for (const cut of breaks) {
    result = result.flatMap((h) => {
      if (cut.end <= h.start || cut.start >= h.end) return [h];
      const pieces: LocalInterval[] = [];
      if (cut.start > h.start) pieces.push({ start: h.start, end: cut.start });
      if (cut.end < h.end) pieces.push({ start: cut.end, end: h.end });
      return pieces;
    });
  }
  return result;
}

function toMs(instant: Instant, name: string): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`${name} must be a valid instant`);
  return ms;
}

function durationMs(amount: number, unitMs: number, unit: string): number {
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
    throw new RangeError(`${unit} must be a finite number >= 0 (negative durations are rejected)`);
  }
  return Math.round(amount * unitMs);
}
