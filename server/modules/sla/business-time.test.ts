import { describe, expect, it } from 'vitest';
import {
  addBusinessMilliseconds,
  addBusinessMinutes,
  addBusinessSeconds,
  businessMinutesBetween,
  businessSecondsBetween,
  isBusinessTime,
  subtractBusinessMinutes,
  subtractBusinessSeconds,
} from './business-time.ts';
import { type CalendarDefinition, createCalendar } from './calendar.ts';
import {
  allDay,
  newYorkGapEdges,
  newYorkOffice,
  newYorkSplit,
  newYorkWeekendDesk,
  pragueOffice,
  weekdays,
} from './test-calendars.ts';
import { runAddTable, runBetweenTable } from './test-tables.ts';

/*
 * Expected values are worked out by hand from the schedule and the zone's rules, and written
 * as local times with their offset so they can be checked against a wall calendar:
 * New York is EST (−05:00) until 2024-03-10 02:00 and from 2024-11-03 02:00 (EDT −04:00 between);
 * Prague is CET (+01:00) / CEST (+02:00), changing 2024-03-31 02:00 and 2024-10-27 03:00.
 * Each comment gives the consumption, e.g. "60 Fri + 60 Mon" = 60 minutes on Friday, 60 on Monday.
 */

const alwaysOpenNewYork: CalendarDefinition = { timeZone: 'America/New_York', alwaysOpen: true };

describe('America/New_York: addBusinessMinutes', () => {
  runAddTable([
    // Spec worked examples (Mon–Fri 09–17; DST began Sun 2024-03-10).
    { name: 'spec: Sat 10:00 + 30 → Mon 09:30 EDT', calendar: newYorkOffice, start: '2024-03-09T10:00:00-05:00', minutes: 30, expected: '2024-03-11T09:30:00-04:00' },
    { name: 'spec endpoint rule: Mon 15:00 + 120 → Tue 09:00, not Mon 17:00', calendar: newYorkOffice, start: '2024-03-11T15:00:00-04:00', minutes: 120, expected: '2024-03-12T09:00:00-04:00' },
    { name: 'spec: 09–12 + 13–17, Mon 11:00 + 120 → 14:00 (60 + 60)', calendar: newYorkSplit, start: '2024-03-11T11:00:00-04:00', minutes: 120, expected: '2024-03-11T14:00:00-04:00' },
    { name: 'spec: 09–12 + 13–17, Mon 11:00 + 60 → 13:00 (ends at 12:00 → next start)', calendar: newYorkSplit, start: '2024-03-11T11:00:00-04:00', minutes: 60, expected: '2024-03-11T13:00:00-04:00' },
    { name: 'spec: 240 min from 09:00, pending 10:00–13:30 → resume 13:30 + 180 = 16:30', calendar: newYorkOffice, start: '2024-03-11T13:30:00-04:00', minutes: 180, expected: '2024-03-11T16:30:00-04:00' },
    { name: 'Fri 16:00 EST + 120 → Mon 10:00 EDT (60 Fri + 60 Mon)', calendar: newYorkOffice, start: '2024-03-08T16:00:00-05:00', minutes: 120, expected: '2024-03-11T10:00:00-04:00' },
    { name: 'zero inside hours → start', calendar: newYorkOffice, start: '2024-03-11T10:15:00-04:00', minutes: 0, expected: '2024-03-11T10:15:00-04:00' },
    { name: 'zero at a period end → next opening', calendar: newYorkOffice, start: '2024-03-11T17:00:00-04:00', minutes: 0, expected: '2024-03-12T09:00:00-04:00' },
    { name: 'zero before opening → opening', calendar: newYorkOffice, start: '2024-03-11T08:00:00-04:00', minutes: 0, expected: '2024-03-11T09:00:00-04:00' },
    // Holidays, shifts, breaks (newYorkSplit: 07-04 one-off, 12-25 yearly, 07-03 shift 09–13, 03-12 break 10–11:30).
    { name: 'shift day 12:00 + 120 → Fri 10:00 (60 Wed shift, Thu holiday, 60 Fri)', calendar: newYorkSplit, start: '2024-07-03T12:00:00-04:00', minutes: 120, expected: '2024-07-05T10:00:00-04:00' },
    { name: 'whole shift used up at 13:00 → next opening after the holiday', calendar: newYorkSplit, start: '2024-07-03T08:00:00-04:00', minutes: 240, expected: '2024-07-05T09:00:00-04:00' },
    { name: 'yearly holiday on a Wednesday (2024): 30 Tue + 30 Thu', calendar: newYorkSplit, start: '2024-12-24T16:30:00-05:00', minutes: 60, expected: '2024-12-26T09:30:00-05:00' },
    { name: 'yearly holiday on a Thursday (2025): 60 Wed + 60 Fri', calendar: newYorkSplit, start: '2025-12-24T16:00:00-05:00', minutes: 120, expected: '2025-12-26T10:00:00-05:00' },
    { name: 'break 10:00–11:30: 60 + 30 + lunch + 30 → 13:30', calendar: newYorkSplit, start: '2024-03-12T09:00:00-04:00', minutes: 120, expected: '2024-03-12T13:30:00-04:00' },
    // Overnight hours across the DST changes (desk open Sat 22:00–Sun 06:00).
    { name: 'spring night: Sat 22:00 EST + 300 → Sun 04:00 EDT (5 real hours)', calendar: newYorkWeekendDesk, start: '2024-03-09T22:00:00-05:00', minutes: 300, expected: '2024-03-10T04:00:00-04:00' },
    { name: 'autumn night: Sat 22:00 EDT + 300 → Sun 02:00 EST (5 real hours)', calendar: newYorkWeekendDesk, start: '2024-11-02T22:00:00-04:00', minutes: 300, expected: '2024-11-03T02:00:00-05:00' },
    // Boundaries inside the gap (newYorkGapEdges: Sun 00:00–01:30 and 02:30–04:00).
    { name: 'gap: 02:30 opens at 03:30 EDT; 90 before + 10 → 03:40', calendar: newYorkGapEdges, start: '2024-03-10T00:00:00-05:00', minutes: 100, expected: '2024-03-10T03:40:00-04:00' },
    { name: 'gap: 90 used up at 01:30 EST → next start 03:30 EDT', calendar: newYorkGapEdges, start: '2024-03-10T00:00:00-05:00', minutes: 90, expected: '2024-03-10T03:30:00-04:00' },
    { name: '24/7: Sat 12:00 EST + 1440 → Sun 13:00 EDT (absolute time)', calendar: alwaysOpenNewYork, start: '2024-03-09T12:00:00-05:00', minutes: 1440, expected: '2024-03-10T13:00:00-04:00' },
  ]);
});

describe('America/New_York: businessMinutesBetween', () => {
  runBetweenTable([
    { name: 'spec: Sat 10:00 → Mon 09:30 = 30', calendar: newYorkOffice, from: '2024-03-09T10:00:00-05:00', to: '2024-03-11T09:30:00-04:00', minutes: 30 },
    { name: 'b before a = 0', calendar: newYorkOffice, from: '2024-03-11T12:00:00-04:00', to: '2024-03-11T10:00:00-04:00', minutes: 0 },
    { name: 'spring-forward day under 00:00–24:00 = 23 h', calendar: allDay('America/New_York'), from: '2024-03-10T00:00:00-05:00', to: '2024-03-11T00:00:00-04:00', minutes: 23 * 60 },
    { name: 'fall-back day under 00:00–24:00 = 25 h', calendar: allDay('America/New_York'), from: '2024-11-03T00:00:00-04:00', to: '2024-11-04T00:00:00-05:00', minutes: 25 * 60 },
    { name: 'spring night Sat 22:00 EST → Sun 06:00 EDT = 7 h', calendar: newYorkWeekendDesk, from: '2024-03-09T12:00:00-05:00', to: '2024-03-10T08:00:00-04:00', minutes: 7 * 60 },
    { name: 'autumn night Sat 22:00 EDT → Sun 06:00 EST = 9 h', calendar: newYorkWeekendDesk, from: '2024-11-02T12:00:00-04:00', to: '2024-11-03T08:00:00-05:00', minutes: 9 * 60 },
    { name: 'gap day: 00:00–01:30 EST (90) + 03:30–04:00 EDT (30)', calendar: newYorkGapEdges, from: '2024-03-09T00:00:00-05:00', to: '2024-03-11T00:00:00-04:00', minutes: 120 },
    { name: 'overlap day: 00:00–01:30 EDT, the earlier 01:30 (90) + 02:30–04:00 EST (90)', calendar: newYorkGapEdges, from: '2024-11-02T00:00:00-04:00', to: '2024-11-04T00:00:00-05:00', minutes: 180 },
    { name: 'ordinary Sunday: 90 + 90', calendar: newYorkGapEdges, from: '2024-03-16T00:00:00-04:00', to: '2024-03-18T00:00:00-04:00', minutes: 180 },
    { name: 'week of 07-01: Mon, Tue, Fri 7 h + Wed shift 4 h + Thu holiday', calendar: newYorkSplit, from: '2024-07-01T00:00:00-04:00', to: '2024-07-06T00:00:00-04:00', minutes: 3 * 7 * 60 + 4 * 60 },
  ]);
});

describe('Europe/Prague', () => {
  const pragueGapEdges: CalendarDefinition = { timeZone: 'Europe/Prague', weeklyHours: { sun: [{ start: '02:30', end: '04:00' }] } };
  runAddTable([
    { name: 'Easter (one-off) + DST: 30 Thu, Good Friday, weekend, Easter Monday, 30 Tue', calendar: pragueOffice, start: '2024-03-28T16:00:00+01:00', minutes: 60, expected: '2024-04-02T08:30:00+02:00' },
    { name: 'Christmas (yearly 12-24..26): 30 Mon + 30 Fri', calendar: pragueOffice, start: '2024-12-23T16:00:00+01:00', minutes: 60, expected: '2024-12-27T08:30:00+01:00' },
    { name: 'New Year’s Eve shift 08–12 and New Year: 30 + 240 + 30', calendar: pragueOffice, start: '2024-12-30T16:00:00+01:00', minutes: 300, expected: '2025-01-02T08:30:00+01:00' },
    { name: 'used up at the shift end 12:00 → next opening after New Year', calendar: pragueOffice, start: '2024-12-31T10:00:00+01:00', minutes: 120, expected: '2025-01-02T08:00:00+01:00' },
    { name: 'autumn weekend: 30 Fri CEST + 30 Mon CET', calendar: pragueOffice, start: '2024-10-25T16:00:00+02:00', minutes: 60, expected: '2024-10-28T08:30:00+01:00' },
  ]);
  runBetweenTable([
    { name: 'spring day = 23 h', calendar: allDay('Europe/Prague'), from: '2024-03-31T00:00:00+01:00', to: '2024-04-01T00:00:00+02:00', minutes: 23 * 60 },
    { name: 'autumn day = 25 h', calendar: allDay('Europe/Prague'), from: '2024-10-27T00:00:00+02:00', to: '2024-10-28T00:00:00+01:00', minutes: 25 * 60 },
    { name: 'gap: Sun 02:30–04:00 opens at 03:30 CEST = 30', calendar: pragueGapEdges, from: '2024-03-30T00:00:00+01:00', to: '2024-04-01T00:00:00+02:00', minutes: 30 },
    { name: 'overlap: earlier 02:30 CEST → 04:00 CET = 150', calendar: pragueGapEdges, from: '2024-10-26T00:00:00+02:00', to: '2024-10-28T00:00:00+01:00', minutes: 150 },
  ]);
});

describe('seconds precision (chat targets)', () => {
  const office = createCalendar(newYorkOffice);
  it('adds and measures seconds across a closed weekend', () => {
    // 30 s on Friday before 17:00 EST, 30 s on Monday after 09:00 EDT.
    const due = addBusinessSeconds(office, new Date('2024-03-08T16:59:30-05:00'), 60);
    expect(due.toISOString()).toBe(new Date('2024-03-11T09:00:30-04:00').toISOString());
    expect(businessSecondsBetween(office, new Date('2024-03-08T16:59:30-05:00'), due)).toBe(60);
    expect(subtractBusinessSeconds(office, due, 60).toISOString()).toBe(new Date('2024-03-08T16:59:30-05:00').toISOString());
  });

  it('accepts fractional minutes, milliseconds and hours with seconds', () => {
    const start = new Date('2024-03-11T10:00:00-04:00');
    expect(addBusinessMinutes(office, start, 0.5).toISOString()).toBe('2024-03-11T14:00:30.000Z');
    expect(addBusinessMilliseconds(office, start, 1).toISOString()).toBe('2024-03-11T14:00:00.001Z');
    const chat = createCalendar({ timeZone: 'America/New_York', weeklyHours: weekdays([{ start: '09:00:15', end: '17:00:45' }]) });
    expect(addBusinessSeconds(chat, new Date('2024-03-11T09:00:00-04:00'), 30).toISOString()).toBe(new Date('2024-03-11T09:00:45-04:00').toISOString());
    expect(businessSecondsBetween(chat, new Date('2024-03-11T00:00:00-04:00'), new Date('2024-03-12T00:00:00-04:00'))).toBe(8 * 3600 + 30);
  });
});

describe('subtractBusinessMinutes (warnings before a due time)', () => {
  const office = createCalendar(newYorkOffice);
  it.each([
    ['Tue 10:00 − 60 → Mon 17:00: used up at the 09:00 start → previous end', '2024-03-12T10:00:00-04:00', 60, '2024-03-11T17:00:00-04:00'],
    ['Tue 09:30 − 60 → Mon 16:30 (30 Tue + 30 Mon)', '2024-03-12T09:30:00-04:00', 60, '2024-03-11T16:30:00-04:00'],
    ['Mon 10:00 EDT − 120 → Fri 16:00 EST (60 + 60)', '2024-03-11T10:00:00-04:00', 120, '2024-03-08T16:00:00-05:00'],
    ['zero inside hours → itself', '2024-03-11T10:00:00-04:00', 0, '2024-03-11T10:00:00-04:00'],
    ['zero before opening → previous closing', '2024-03-11T08:00:00-04:00', 0, '2024-03-08T17:00:00-05:00'],
  ])('%s', (_name, end, minutes, expected) => {
    const result = subtractBusinessMinutes(office, new Date(end), minutes);
    expect(result.toISOString()).toBe(new Date(expected).toISOString());
    expect(businessMinutesBetween(office, result, new Date(end))).toBe(minutes);
  });
});

describe('isBusinessTime and bad input', () => {
  const office = createCalendar(newYorkOffice);
  it('treats periods as half-open', () => {
    expect(isBusinessTime(office, new Date('2024-03-11T09:00:00-04:00'))).toBe(true);
    expect(isBusinessTime(office, new Date('2024-03-11T16:59:59-04:00'))).toBe(true);
    expect(isBusinessTime(office, new Date('2024-03-11T17:00:00-04:00'))).toBe(false);
    expect(isBusinessTime(office, new Date('2024-03-09T12:00:00-05:00'))).toBe(false);
    expect(isBusinessTime(createCalendar(alwaysOpenNewYork), new Date('2024-03-09T12:00:00-05:00'))).toBe(true);
  });

  it('rejects negative or non-finite durations and invalid instants', () => {
    const start = new Date('2024-03-11T10:00:00-04:00');
    expect(() => addBusinessMinutes(office, start, -1)).toThrow(RangeError);
    expect(() => addBusinessMinutes(office, start, Number.NaN)).toThrow(RangeError);
    expect(() => subtractBusinessMinutes(office, start, -5)).toThrow(RangeError);
    expect(() => addBusinessMinutes(office, new Date('nope'), 5)).toThrow(RangeError);
  });

  it('gives up, instead of looping, when no hour opens for ten years', () => {
    // Open on Mondays only, and every Monday from 2024 to 2036 is a holiday.
    const holidays = Array.from({ length: 13 * 53 }, (_, week) => ({
      date: new Date(Date.UTC(2024, 0, 1 + 7 * week)).toISOString().slice(0, 10),
    }));
    const closed = createCalendar({ timeZone: 'UTC', weeklyHours: { mon: [{ start: '09:00', end: '17:00' }] }, holidays });
    expect(() => addBusinessMinutes(closed, new Date('2024-01-01T00:00:00Z'), 1)).toThrow(/ten years/);
  });
});
