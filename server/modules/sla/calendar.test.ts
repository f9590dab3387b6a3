import { describe, expect, it } from 'vitest';
import {
  type CalendarDefinition,
  type CalendarIssue,
  CalendarValidationError,
  createCalendar,
  normalizeCalendarDefinition,
} from './calendar.ts';
import { formatTimeOfDay, parseTimeOfDay } from './local-time.ts';
import { hoChiMinhOffice, newYorkSplit, pragueOffice } from './test-calendars.ts';

function issuesOf(definition: CalendarDefinition): CalendarIssue[] {
  try {
    createCalendar(definition);
  } catch (error) {
    expect(error).toBeInstanceOf(CalendarValidationError);
    return (error as CalendarValidationError).issues;
  }
  throw new Error('expected the calendar to be refused');
}

const tz = 'Europe/Prague';

describe('normalizeCalendarDefinition', () => {
  it('splits overnight hours at midnight, keeps 24:00 and wraps Sunday into Monday', () => {
    const normalized = normalizeCalendarDefinition({
      timeZone: tz,
      weeklyHours: {
        mon: [{ start: '22:00', end: '06:00' }],
        fri: [{ start: '18:00', end: '00:00' }],
        sun: [{ start: '20:00', end: '02:00' }],
      },
    });
    expect(normalized.weeklyHours).toEqual({
      mon: [
        { start: '00:00', end: '02:00' },
        { start: '22:00', end: '24:00' },
      ],
      tue: [{ start: '00:00', end: '06:00' }],
      wed: [],
      thu: [],
      // 18:00–00:00 ends at midnight: stored as 24:00, never 23:59, with nothing spilling into Saturday.
      fri: [{ start: '18:00', end: '24:00' }],
      sat: [],
      sun: [{ start: '20:00', end: '24:00' }],
    });
  });

  it('keeps a whole day as 00:00–24:00, joins touching ranges, keeps seconds, sorts dates', () => {
    const normalized = normalizeCalendarDefinition({
      timeZone: tz,
      weeklyHours: {
        mon: [{ start: '00:00', end: '24:00' }],
        tue: [
          { start: '13:00', end: '17:00:30' },
          { start: '09:00', end: '12:00' },
          { start: '12:00', end: '13:00' },
        ],
      },
      shifts: [
        { date: '2024-12-31', hours: [{ start: '08:00', end: '12:00' }] },
        { date: '2024-12-23', hours: [] },
      ],
      breaks: [
        { date: '2024-05-02', start: '10:00', end: '11:00' },
        { date: '2024-05-02', start: '10:30', end: '11:30' },
      ],
      holidays: [{ date: '12-25', recurring: true, name: 'Christmas' }, { date: '2024-03-29' }, { date: '2024-03-29' }],
    });
    expect(normalized.weeklyHours.mon).toEqual([{ start: '00:00', end: '24:00' }]);
    expect(normalized.weeklyHours.tue).toEqual([{ start: '09:00', end: '17:00:30' }]);
    expect(normalized.shifts.map((s) => s.date)).toEqual(['2024-12-23', '2024-12-31']);
    expect(normalized.breaks).toEqual([{ date: '2024-05-02', start: '10:00', end: '11:30' }]);
    expect(normalized.holidays).toEqual([{ date: '12-25', recurring: true, name: 'Christmas' }, { date: '2024-03-29' }]);
    expect(normalized.alwaysOpen).toBe(false);
  });

  it('is idempotent', () => {
    for (const definition of [newYorkSplit, pragueOffice, hoChiMinhOffice]) {
      const once = normalizeCalendarDefinition(definition);
      expect(normalizeCalendarDefinition(once)).toEqual(once);
    }
  });

  it('accepts a 24/7 calendar and refuses hours or holidays on it', () => {
    expect(createCalendar({ timeZone: 'UTC', alwaysOpen: true }).alwaysOpen).toBe(true);
    expect(issuesOf({ timeZone: tz, alwaysOpen: true, holidays: [{ date: '2024-01-01' }] })).toEqual([
      { path: 'holidays', message: expect.stringContaining('24/7') },
    ]);
  });
});

describe('calendar validation names the field', () => {
  it.each<[string, CalendarDefinition, string]>([
    ['unknown zone', { timeZone: 'Mars/Olympus_Mons', weeklyHours: { mon: [{ start: '09:00', end: '17:00' }] } }, 'timeZone'],
    ['offset instead of zone', { timeZone: '+07:00', weeklyHours: { mon: [{ start: '09:00', end: '17:00' }] } }, 'timeZone'],
    ['no open hours', { timeZone: tz, weeklyHours: { mon: [] } }, 'weeklyHours'],
    ['end equal to start', { timeZone: tz, weeklyHours: { mon: [{ start: '09:00', end: '09:00' }] } }, 'weeklyHours.mon.0.end'],
    ['hour 25', { timeZone: tz, weeklyHours: { tue: [{ start: '09:00', end: '25:00' }] } }, 'weeklyHours.tue.0.end'],
    ['24:30', { timeZone: tz, weeklyHours: { tue: [{ start: '09:00', end: '24:30' }] } }, 'weeklyHours.tue.0.end'],
    ['start at 24:00', { timeZone: tz, weeklyHours: { tue: [{ start: '24:00', end: '06:00' }] } }, 'weeklyHours.tue.0.start'],
    ['one-digit hour', { timeZone: tz, weeklyHours: { tue: [{ start: '9:00', end: '17:00' }] } }, 'weeklyHours.tue.0.start'],
    ['not a weekday', { timeZone: tz, weeklyHours: { mon: [{ start: '09:00', end: '17:00' }], monday: [] } as never }, 'weeklyHours.monday'],
    [
      'overlapping ranges',
      { timeZone: tz, weeklyHours: { wed: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }] } },
      'weeklyHours.wed.1',
    ],
    [
      'overnight overlapping the next day',
      { timeZone: tz, weeklyHours: { mon: [{ start: '22:00', end: '06:00' }], tue: [{ start: '05:00', end: '09:00' }] } },
      'weeklyHours.tue.0',
    ],
    [
      'overnight shift',
      { ...pragueOffice, shifts: [{ date: '2024-12-31', hours: [{ start: '22:00', end: '02:00' }] }] },
      'shifts.0.hours.0.end',
    ],
    [
      'two shifts on one date',
      { ...pragueOffice, shifts: [{ date: '2024-12-31', hours: [] }, { date: '2024-12-31', hours: [] }] },
      'shifts.1.date',
    ],
    ['impossible date', { ...pragueOffice, holidays: [{ date: '2023-02-29' }] }, 'holidays.0.date'],
    ['recurring with a year', { ...pragueOffice, holidays: [{ date: '2024-12-25', recurring: true }] }, 'holidays.0.date'],
    ['one-off without a year', { ...pragueOffice, holidays: [{ date: '12-25' }] }, 'holidays.0.date'],
    ['break ending before it starts', { ...pragueOffice, breaks: [{ date: '2024-05-02', start: '11:00', end: '10:00' }] }, 'breaks.0.end'],
  ])('%s', (_label, definition, path) => {
    expect(issuesOf(definition).map((issue) => issue.path)).toEqual([path]);
  });

  it('reports every problem at once', () => {
    const issues = issuesOf({
      timeZone: 'Nowhere/Town',
      weeklyHours: { mon: [{ start: '09:00', end: '09:00' }] },
      holidays: [{ date: '02-30', recurring: true }],
    });
    expect(issues.map((issue) => issue.path)).toEqual(['timeZone', 'weeklyHours.mon.0.end', 'holidays.0.date']);
  });

  it('accepts 29 February as a yearly holiday (it applies in leap years)', () => {
    expect(createCalendar({ ...pragueOffice, holidays: [{ date: '02-29', recurring: true }] }).recurringHolidays.has('02-29')).toBe(true);
  });
});

describe('time of day', () => {
  it('parses and formats HH:MM[:SS], 24:00 only as an end', () => {
    expect(parseTimeOfDay('24:00', true)).toBe(86_400_000);
    expect(parseTimeOfDay('24:00', false)).toBeUndefined();
    expect(parseTimeOfDay('23:59:59', false)).toBe(86_399_000);
    expect(formatTimeOfDay(86_400_000)).toBe('24:00');
    expect(formatTimeOfDay(30_600_000)).toBe('08:30');
    expect(formatTimeOfDay(30_645_000)).toBe('08:30:45');
  });
});
