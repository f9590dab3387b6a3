import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessMilliseconds,
  businessMillisecondsBetween,
  isBusinessTime,
  subtractBusinessSeconds,
} from './business-time.ts';
import { type CalendarDefinition, createCalendar, type Weekday } from './calendar.ts';
import {
  allDay,
  bangkokOffice,
  hoChiMinhOffice,
  kualaLumpurOffice,
  lordHoweGapEdges,
  lordHoweNightDesk,
  lordHoweOffice,
  newYorkGapEdges,
  newYorkOffice,
  newYorkSplit,
  newYorkWeekendDesk,
  pragueOffice,
} from './test-calendars.ts';

/*
 * Invariants from the spec, checked on random instants (many of them within days of a DST
 * change) and durations over every test calendar:
 *   between(t, add(t, d)) == d; add is monotonic in t and d; add(add(t, a), b) == add(t, a + b);
 *   results are inside hours or exactly at a period start.
 * Plus: between is additive over adjacent ranges, subtract mirrors add, a 00:00–24:00 calendar
 * equals the 24/7 one, and add/between agree with a naive reference that steps through time
 * 15 minutes at a time reading the local wall clock with Intl (no wall → instant conversion).
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
const QUARTER = 15 * MINUTE;

const quarterHourCalendars: CalendarDefinition[] = [
  newYorkOffice,
  newYorkSplit,
  newYorkWeekendDesk,
  pragueOffice,
  bangkokOffice,
  hoChiMinhOffice,
  kualaLumpurOffice,
  lordHoweOffice,
  lordHoweNightDesk,
  allDay('Europe/Prague'),
];
const allCalendars = [
  ...quarterHourCalendars,
  newYorkGapEdges,
  lordHoweGapEdges,
  { timeZone: 'Asia/Bangkok', alwaysOpen: true },
].map((definition) => ({ definition, calendar: createCalendar(definition) }));

const transitions = [
  '2024-03-10T07:00:00Z', // New York spring
  '2024-11-03T06:00:00Z', // New York autumn
  '2024-03-31T01:00:00Z', // Prague spring
  '2024-10-27T01:00:00Z', // Prague autumn
  '2024-04-06T15:00:00Z', // Lord Howe autumn (overlap)
  '2024-10-05T15:30:00Z', // Lord Howe spring (gap)
].map(Date.parse);

const anyInstant = fc.oneof(
  fc.integer({ min: Date.parse('2023-01-01T00:00:00Z'), max: Date.parse('2026-12-31T00:00:00Z') }),
  fc.tuple(fc.constantFrom(...transitions), fc.integer({ min: -4 * DAY, max: 4 * DAY })).map(([t, d]) => t + d),
);
const anyDuration = fc.oneof(fc.integer({ min: 0, max: 20_000 }).map((m) => m * MINUTE), fc.integer({ min: 0, max: 5 * DAY }));
const anyCalendar = fc.constantFrom(...allCalendars).map((c) => c.calendar);

const add = addBusinessMilliseconds;
const between = businessMillisecondsBetween;

describe('business-time invariants', () => {
  it('between(t, add(t, d)) == d, and the result is open and not before t', () => {
    fc.assert(
      fc.property(anyCalendar, anyInstant, anyDuration, (calendar, t, d) => {
        const due = add(calendar, t, d).getTime();
        expect(between(calendar, t, due)).toBe(d);
        expect(due).toBeGreaterThanOrEqual(t);
        expect(isBusinessTime(calendar, due)).toBe(true);
      }),
    );
  });

  it('add is monotonic in the start and in the duration', () => {
    fc.assert(
      fc.property(anyCalendar, anyInstant, fc.integer({ min: 0, max: 3 * DAY }), anyDuration, anyDuration, (calendar, t, dt, d1, d2) => {
        expect(add(calendar, t, d1).getTime()).toBeLessThanOrEqual(add(calendar, t + dt, d1).getTime());
        const [short, long] = d1 <= d2 ? [d1, d2] : [d2, d1];
        expect(add(calendar, t, short).getTime()).toBeLessThanOrEqual(add(calendar, t, long).getTime());
      }),
    );
  });

  it('add(add(t, a), b) == add(t, a + b)', () => {
    fc.assert(
      fc.property(anyCalendar, anyInstant, anyDuration, anyDuration, (calendar, t, a, b) => {
        expect(add(calendar, add(calendar, t, a), b).getTime()).toBe(add(calendar, t, a + b).getTime());
      }),
    );
  });

  it('between is additive over adjacent ranges and inverts add for open instants', () => {
    fc.assert(
      fc.property(anyCalendar, fc.array(anyInstant, { minLength: 3, maxLength: 3 }), (calendar, instants) => {
        const [a, b, c] = [...instants].sort((x, y) => x - y) as [number, number, number];
        expect(between(calendar, a, b) + between(calendar, b, c)).toBe(between(calendar, a, c));
        if (isBusinessTime(calendar, c)) expect(add(calendar, a, between(calendar, a, c)).getTime()).toBe(c);
      }),
    );
  });

  it('subtract mirrors add', () => {
    fc.assert(
      fc.property(anyCalendar, anyInstant, fc.integer({ min: 0, max: 400_000 }), (calendar, t, seconds) => {
        const from = subtractBusinessSeconds(calendar, t, seconds).getTime();
        expect(from).toBeLessThanOrEqual(t);
        expect(between(calendar, from, t)).toBe(seconds * 1000);
        if (isBusinessTime(calendar, t)) expect(add(calendar, from, seconds * 1000).getTime()).toBe(t);
      }),
    );
  });

  it('a 00:00–24:00 calendar is absolute elapsed time, like the 24/7 calendar', () => {
    const zones = ['America/New_York', 'Europe/Prague', 'Asia/Kuala_Lumpur', 'Australia/Lord_Howe'];
    const pairs = zones.map((zone) => [createCalendar(allDay(zone)), createCalendar({ timeZone: zone, alwaysOpen: true })] as const);
    fc.assert(
      fc.property(fc.constantFrom(...pairs), anyInstant, anyDuration, ([everyDay, alwaysOpen], t, d) => {
        expect(add(everyDay, t, d).getTime()).toBe(add(alwaysOpen, t, d).getTime());
        expect(between(everyDay, t, t + d)).toBe(d);
      }),
    );
  });
});

describe('agreement with a naive 15-minute stepping reference', () => {
  const quarterInstant = anyInstant.map((t) => Math.floor(t / QUARTER) * QUARTER);
  const quarterCalendar = fc.constantFrom(...quarterHourCalendars);

  it('add', () => {
    fc.assert(
      fc.property(quarterCalendar, quarterInstant, fc.integer({ min: 0, max: 200 }), (definition, t, quarters) => {
        const calendar = createCalendar(definition);
        expect(add(calendar, t, quarters * QUARTER).getTime()).toBe(naiveAdd(definition, t, quarters));
      }),
      { numRuns: 200 },
    );
  });

  it('between', () => {
    fc.assert(
      fc.property(quarterCalendar, quarterInstant, fc.integer({ min: 0, max: 800 }), (definition, t, quarters) => {
        const calendar = createCalendar(definition);
        expect(between(calendar, t, t + quarters * QUARTER)).toBe(naiveOpenQuarters(definition, t, quarters) * QUARTER);
      }),
      { numRuns: 200 },
    );
  });
});

/** Endpoint rule by construction: return the first open quarter once the duration is used up. */
function naiveAdd(definition: CalendarDefinition, start: number, quarters: number): number {
  let remaining = quarters;
  for (let t = start; ; t += QUARTER) {
    if (naiveIsOpen(definition, t)) {
      if (remaining === 0) return t;
      remaining -= 1;
    }
  }
}

function naiveOpenQuarters(definition: CalendarDefinition, start: number, quarters: number): number {
  let open = 0;
  for (let i = 0; i < quarters; i += 1) if (naiveIsOpen(definition, start + i * QUARTER)) open += 1;
  return open;
}

const WEEKDAY_ORDER: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Reads the wall clock at t and checks it against the raw definition (overnight, shifts, holidays, breaks). */
function naiveIsOpen(definition: CalendarDefinition, t: number): boolean {
  let formatter = formatters.get(definition.timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: definition.timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(definition.timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(t).map((p) => [p.type, p.value]));
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const minute = Number(parts.hour) * 60 + Number(parts.minute);
  const weekday = (parts.weekday as string).toLowerCase().slice(0, 3) as Weekday;
  const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

  if (definition.holidays?.some((h) => (h.recurring ? h.date === date.slice(5) : h.date === date))) return false;
  if (definition.breaks?.some((b) => b.date === date && toMinutes(b.start) <= minute && minute < toMinutes(b.end))) return false;
  const shift = definition.shifts?.find((s) => s.date === date);
  if (shift) return shift.hours.some((r) => toMinutes(r.start) <= minute && minute < toMinutes(r.end));
  const today = definition.weeklyHours?.[weekday] ?? [];
  const yesterday = definition.weeklyHours?.[WEEKDAY_ORDER[(WEEKDAY_ORDER.indexOf(weekday) + 6) % 7] as Weekday] ?? [];
  return (
    today.some((r) => {
      const [s, e] = [toMinutes(r.start), toMinutes(r.end)];
      return e > s ? s <= minute && minute < e : s <= minute;
    }) ||
    yesterday.some((r) => {
      const [s, e] = [toMinutes(r.start), toMinutes(r.end)];
      return e < s && minute < e;
    })
  );
}
