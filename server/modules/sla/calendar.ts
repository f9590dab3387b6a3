/**
 * Business calendars: the definition callers store and send (`CalendarDefinition`), its
 * validated canonical form (`NormalizedCalendarDefinition`) and the compiled calendar the
 * arithmetic runs on (`BusinessCalendar`). Pure: no I/O, no host time zone.
 *
 * Rules (../../../../shared/specs/sla.md, "Calendars"):
 * - several intervals per weekday; a whole day is 00:00–24:00 and `24:00` is kept as is,
 *   never turned into 23:59;
 * - weekly overnight hours (22:00–06:00, end before start) are split at midnight into
 *   22:00–24:00 and 00:00–06:00 of the next weekday (Sunday wraps to Monday);
 * - a date-specific shift replaces that date's weekly hours (an empty list closes the date);
 * - breaks remove a segment of one date; holidays (one-off `YYYY-MM-DD`, yearly `MM-DD`)
 *   remove their whole local day, shifts included (as in biz);
 * - `alwaysOpen` is the 24/7 calendar: absolute elapsed time, no hours, no holidays.
 */
import { type CalendarIssue, formatTimeOfDay, parseIsoDate, parseMonthDay, parseTimeOfDay } from './local-time.ts';
import { DAY_MS, dayNumberOfIsoDate, isValidTimeZone } from './zoned-time.ts';

export type { CalendarIssue } from './local-time.ts';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local times `HH:MM` or `HH:MM:SS`; `end` may be `24:00`. */
export interface TimeRange {
  start: string;
  end: string;
}

export interface CalendarShift {
  /** `YYYY-MM-DD` in the calendar's zone. */
  date: string;
  /** Replaces the weekly hours of `date`; `[]` closes the date. Overnight ranges are refused. */
  hours: TimeRange[];
}

export interface CalendarBreak {
  date: string;
  start: string;
  end: string;
}

export interface CalendarHoliday {
  /** `YYYY-MM-DD` for a one-off holiday, `MM-DD` with `recurring: true` for a yearly one. */
  date: string;
  recurring?: boolean;
  name?: string;
}

export interface CalendarDefinition {
  /** IANA zone, e.g. `Europe/Prague`. */
  timeZone: string;
  /** 24/7: business time is absolute elapsed time. No hours, shifts, breaks or holidays allowed. */
  alwaysOpen?: boolean;
  weeklyHours?: Partial<Record<Weekday, TimeRange[]>>;
  shifts?: CalendarShift[];
  breaks?: CalendarBreak[];
  holidays?: CalendarHoliday[];
}

/** Canonical form: every field present, overnight hours split, ranges sorted and merged. */
export interface NormalizedCalendarDefinition {
  timeZone: string;
  alwaysOpen: boolean;
  weeklyHours: Record<Weekday, TimeRange[]>;
  shifts: CalendarShift[];
  breaks: CalendarBreak[];
  holidays: CalendarHoliday[];
}

/** Milliseconds since local midnight, `0 <= start < end <= DAY_MS`. */
export interface LocalInterval {
  readonly start: number;
  readonly end: number;
}

export interface BusinessCalendar {
  readonly definition: NormalizedCalendarDefinition;
  readonly timeZone: string;
  readonly alwaysOpen: boolean;
  /** Index 0 = Monday … 6 = Sunday (ISO weekday − 1). */
  readonly weekly: readonly (readonly LocalInterval[])[];
  /** Keyed by local day number (days since 1970-01-01). */
  readonly shifts: ReadonlyMap<number, readonly LocalInterval[]>;
  readonly breaks: ReadonlyMap<number, readonly LocalInterval[]>;
  readonly holidays: ReadonlySet<number>;
  /** `MM-DD`. */
  readonly recurringHolidays: ReadonlySet<string>;
}

export class CalendarValidationError extends Error {
  override name = 'CalendarValidationError';
  constructor(readonly issues: CalendarIssue[]) {
    super(`Invalid calendar: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  }
}

/** Validates and returns the canonical definition (throws CalendarValidationError). */
export function normalizeCalendarDefinition(input: CalendarDefinition): NormalizedCalendarDefinition {
  return compile(input).definition;
}

/** Validates, normalises and compiles a definition for addBusinessMinutes & co. */
export function createCalendar(input: CalendarDefinition): BusinessCalendar {
  return compile(input);
}

interface SourcedInterval extends LocalInterval {
  path: string;
}

function compile(input: CalendarDefinition): BusinessCalendar {
  const issues: CalendarIssue[] = [];
  if (typeof input !== 'object' || input === null) {
    throw new CalendarValidationError([{ path: '', message: 'must be an object' }]);
  }
  const timeZone = input.timeZone;
  if (typeof timeZone !== 'string' || !isValidTimeZone(timeZone)) {
    issues.push({ path: 'timeZone', message: 'must be an IANA time zone such as Europe/Prague' });
  }
  if (input.alwaysOpen !== undefined && typeof input.alwaysOpen !== 'boolean') {
    issues.push({ path: 'alwaysOpen', message: 'must be a boolean' });
  }
  const alwaysOpen = input.alwaysOpen === true;

  const weekly = compileWeeklyHours(input.weeklyHours, issues);
  const shifts = compileShifts(input.shifts, issues);
  const breaks = compileBreaks(input.breaks, issues);
  const holidays = compileHolidays(input.holidays, issues);

  if (alwaysOpen) {
    const extra: [string, boolean][] = [
      ['weeklyHours', weekly.some((day) => day.length > 0)],
      ['shifts', shifts.size > 0],
      ['breaks', breaks.size > 0],
      ['holidays', holidays.oneOff.size + holidays.recurring.size > 0],
    ];
    for (const [path, present] of extra) {
      if (present) issues.push({ path, message: 'a 24/7 calendar has no hours, shifts, breaks or holidays' });
    }
  } else if (!weekly.some((day) => day.length > 0) && !issues.some((i) => i.path.startsWith('weeklyHours'))) {
    issues.push({ path: 'weeklyHours', message: 'has no open hours: a business-time target would never come due' });
  }
  if (issues.length > 0) throw new CalendarValidationError(issues);

  const definition: NormalizedCalendarDefinition = {
    timeZone,
    alwaysOpen,
    weeklyHours: Object.fromEntries(WEEKDAYS.map((day, i) => [day, (weekly[i] ?? []).map(toTimeRange)])) as Record<
      Weekday,
      TimeRange[]
    >,
    shifts: [...shifts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([date, hours]) => ({ date, hours: hours.map(toTimeRange) })),
    breaks: [...breaks.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([date, ranges]) => ranges.map((r) => ({ date, ...toTimeRange(r) }))),
    holidays: [
      ...[...holidays.oneOff.entries()].map(([date, name]) => ({ date, ...(name ? { name } : {}) })),
      ...[...holidays.recurring.entries()].map(([date, name]) => ({ date, recurring: true, ...(name ? { name } : {}) })),
    ].sort((a, b) => a.date.localeCompare(b.date)),
  };
  const byDayNumber = (m: Map<string, SourcedInterval[]>) =>
    new Map([...m.entries()].map(([date, list]) => [dayNumberOfIsoDate(date), list.map(plain)] as const));
  return Object.freeze({
    definition,
    timeZone,
    alwaysOpen,
    weekly: weekly.map((day) => day.map(plain)),
    shifts: byDayNumber(shifts),
    breaks: byDayNumber(breaks),
    holidays: new Set([...holidays.oneOff.keys()].map(dayNumberOfIsoDate)),
    recurringHolidays: new Set(holidays.recurring.keys()),
  });
}

function compileWeeklyHours(weeklyHours: CalendarDefinition['weeklyHours'], issues: CalendarIssue[]) {
  const days: SourcedInterval[][] = WEEKDAYS.map(() => []);
  if (weeklyHours === undefined) return days;
  if (typeof weeklyHours !== 'object' || weeklyHours === null) {
    issues.push({ path: 'weeklyHours', message: 'must be an object keyed by mon … sun' });
    return days;
  }
  for (const key of Object.keys(weeklyHours)) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) {
      issues.push({ path: `weeklyHours.${key}`, message: 'is not a weekday (mon, tue, wed, thu, fri, sat, sun)' });
    }
  }
  WEEKDAYS.forEach((day, index) => {
    const ranges = weeklyHours[day];
    if (ranges === undefined) return;
    if (!Array.isArray(ranges)) {
      issues.push({ path: `weeklyHours.${day}`, message: 'must be an array of {start, end}' });
      return;
    }
    ranges.forEach((range, i) => {
      const path = `weeklyHours.${day}.${i}`;
      const parsed = parseRange(range, path, issues);
      if (!parsed) return;
      if (parsed.end > parsed.start) {
        days[index]?.push({ ...parsed, path });
      } else {
        // Overnight: split at midnight; the morning part belongs to the next weekday.
        days[index]?.push({ start: parsed.start, end: DAY_MS, path });
        if (parsed.end > 0) days[(index + 1) % 7]?.push({ start: 0, end: parsed.end, path: `${path} (after midnight)` });
      }
    });
  });
  return days.map((list) => sortAndMerge(list, issues, 'overlaps'));
}

function compileShifts(shifts: CalendarDefinition['shifts'], issues: CalendarIssue[]) {
  const byDate = new Map<string, SourcedInterval[]>();
  if (shifts === undefined) return byDate;
  if (!Array.isArray(shifts)) {
    issues.push({ path: 'shifts', message: 'must be an array of {date, hours}' });
    return byDate;
  }
  shifts.forEach((shift, i) => {
    const path = `shifts.${i}`;
    const date = parseIsoDate(shift?.date, `${path}.date`, issues);
    if (!Array.isArray(shift?.hours)) {
      issues.push({ path: `${path}.hours`, message: 'must be an array of {start, end} ([] closes the date)' });
      return;
    }
    const list: SourcedInterval[] = [];
    shift.hours.forEach((range, j) => {
      const parsed = parseRange(range, `${path}.hours.${j}`, issues);
      if (parsed) list.push(...inDayOnly(parsed, `${path}.hours.${j}`, issues));
    });
    if (date === undefined) return;
    if (byDate.has(date)) {
      issues.push({ path: `${path}.date`, message: `${date} already has a shift` });
      return;
    }
    byDate.set(date, sortAndMerge(list, issues, 'overlaps'));
  });
  return byDate;
}

function compileBreaks(breaks: CalendarDefinition['breaks'], issues: CalendarIssue[]) {
  const byDate = new Map<string, SourcedInterval[]>();
  if (breaks === undefined) return byDate;
  if (!Array.isArray(breaks)) {
    issues.push({ path: 'breaks', message: 'must be an array of {date, start, end}' });
    return byDate;
  }
  breaks.forEach((entry, i) => {
    const path = `breaks.${i}`;
    const date = parseIsoDate(entry?.date, `${path}.date`, issues);
    const parsed = parseRange(entry, path, issues);
    if (date === undefined || !parsed) return;
    const list = byDate.get(date) ?? [];
    list.push(...inDayOnly(parsed, path, issues));
    byDate.set(date, list);
  });
  // Overlapping breaks are harmless (they remove the same time): merge them.
  for (const [date, list] of byDate) byDate.set(date, sortAndMerge(list, issues, 'merge'));
  return byDate;
}

function compileHolidays(holidays: CalendarDefinition['holidays'], issues: CalendarIssue[]) {
  const oneOff = new Map<string, string | undefined>();
  const recurring = new Map<string, string | undefined>();
  if (holidays === undefined) return { oneOff, recurring };
  if (!Array.isArray(holidays)) {
    issues.push({ path: 'holidays', message: 'must be an array of {date, recurring?, name?}' });
    return { oneOff, recurring };
  }
  holidays.forEach((holiday, i) => {
    const path = `holidays.${i}`;
    if (holiday?.name !== undefined && typeof holiday.name !== 'string') {
      issues.push({ path: `${path}.name`, message: 'must be a string' });
    }
    if (holiday?.recurring !== undefined && typeof holiday.recurring !== 'boolean') {
      issues.push({ path: `${path}.recurring`, message: 'must be a boolean' });
      return;
    }
    if (holiday?.recurring) {
      const date = parseMonthDay(holiday.date, `${path}.date`, issues);
      if (date !== undefined && !recurring.has(date)) recurring.set(date, holiday.name);
    } else {
      const date = parseIsoDate(holiday?.date, `${path}.date`, issues);
      if (date !== undefined && !oneOff.has(date)) oneOff.set(date, holiday.name);
    }
  });
  return { oneOff, recurring };
}

/** Sorts by start; `overlaps` reports overlapping ranges, `merge` unions them. Touching ranges are joined. */
function sortAndMerge(list: SourcedInterval[], issues: CalendarIssue[], onOverlap: 'overlaps' | 'merge'): SourcedInterval[] {
  const sorted = [...list].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: SourcedInterval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.start < last.end && onOverlap === 'overlaps') {
      issues.push({ path: interval.path, message: `overlaps ${last.path}` });
    } else if (last && interval.start <= last.end) {
      merged[merged.length - 1] = { ...last, end: Math.max(last.end, interval.end) };
    } else {
      merged.push(interval);
    }
  }
  return merged;
}

function inDayOnly(range: LocalInterval, path: string, issues: CalendarIssue[]): SourcedInterval[] {
  if (range.end > range.start) return [{ ...range, path }];
  issues.push({
    path: `${path}.end`,
    message: 'must be after start (use 24:00 for midnight; split overnight hours into two dates)',
  });
  return [];
}

function parseRange(range: unknown, path: string, issues: CalendarIssue[]): LocalInterval | undefined {
  if (typeof range !== 'object' || range === null) {
    issues.push({ path, message: 'must be {start, end}' });
    return undefined;
  }
  const { start, end } = range as { start?: unknown; end?: unknown };
  const startMs = parseTimeOfDay(start, false);
  const endMs = parseTimeOfDay(end, true);
  if (startMs === undefined) issues.push({ path: `${path}.start`, message: 'must be a time HH:MM or HH:MM:SS before 24:00' });
  if (endMs === undefined) issues.push({ path: `${path}.end`, message: 'must be a time HH:MM or HH:MM:SS, up to 24:00' });
  if (startMs === undefined || endMs === undefined) return undefined;
  if (startMs === endMs) {
    issues.push({ path: `${path}.end`, message: 'must differ from start (a whole day is 00:00–24:00)' });
    return undefined;
  }
  return { start: startMs, end: endMs };
}

function toTimeRange(interval: LocalInterval): TimeRange {
  return { start: formatTimeOfDay(interval.start), end: formatTimeOfDay(interval.end) };
}

function plain(interval: LocalInterval): LocalInterval {
  return Object.freeze({ start: interval.start, end: interval.end });
}
