/**
 * Calendar definitions shared by the SLA library tests (not part of the public entry).
 * Realistic schedules for the zones the issue names; boundaries are on quarter hours so the
 * property tests can compare against a naive 15-minute stepping reference.
 */
import type { CalendarDefinition, TimeRange, Weekday } from './calendar.ts';

const range = (start: string, end: string): TimeRange => ({ start, end });

export function weekdays(ranges: TimeRange[], days: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri']) {
  return Object.fromEntries(days.map((day) => [day, ranges])) as Partial<Record<Weekday, TimeRange[]>>;
}

export const allWeek: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Mon–Fri 09:00–17:00, the spec's worked-example schedule. */
export const newYorkOffice: CalendarDefinition = {
  timeZone: 'America/New_York',
  weeklyHours: weekdays([range('09:00', '17:00')]),
};

/** Lunch break, US holidays, a short day before Independence Day and a one-off break. */
export const newYorkSplit: CalendarDefinition = {
  timeZone: 'America/New_York',
  weeklyHours: weekdays([range('09:00', '12:00'), range('13:00', '17:00')]),
  holidays: [{ date: '2024-07-04', name: 'Independence Day' }, { date: '12-25', recurring: true, name: 'Christmas' }],
  shifts: [{ date: '2024-07-03', hours: [range('09:00', '13:00')] }],
  breaks: [{ date: '2024-03-12', start: '10:00', end: '11:30' }],
};

/** Weekend desk: Fri and Sat nights 22:00–06:00 (split at midnight) cover the 02:00 DST changes. */
export const newYorkWeekendDesk: CalendarDefinition = {
  timeZone: 'America/New_York',
  weeklyHours: { fri: [range('22:00', '06:00')], sat: [range('22:00', '06:00')], sun: [range('09:00', '12:00')] },
};

export const pragueOffice: CalendarDefinition = {
  timeZone: 'Europe/Prague',
  weeklyHours: weekdays([range('08:00', '16:30')]),
  holidays: [
    { date: '01-01', recurring: true },
    { date: '05-01', recurring: true },
    { date: '05-08', recurring: true },
    { date: '12-24', recurring: true },
    { date: '12-25', recurring: true },
    { date: '12-26', recurring: true },
    { date: '2024-03-29', name: 'Good Friday' },
    { date: '2024-04-01', name: 'Easter Monday' },
  ],
  shifts: [{ date: '2024-12-31', hours: [range('08:00', '12:00')] }],
};

/** Mon–Sat with a lunch hour; Songkran recurs every April. */
export const bangkokOffice: CalendarDefinition = {
  timeZone: 'Asia/Bangkok',
  weeklyHours: weekdays([range('08:30', '12:00'), range('13:00', '17:30')], ['mon', 'tue', 'wed', 'thu', 'fri', 'sat']),
  holidays: [
    { date: '04-13', recurring: true },
    { date: '04-14', recurring: true },
    { date: '04-15', recurring: true },
  ],
};

export const hoChiMinhOffice: CalendarDefinition = {
  timeZone: 'Asia/Ho_Chi_Minh',
  weeklyHours: {
    ...weekdays([range('08:00', '12:00'), range('13:30', '17:30')]),
    sat: [range('08:00', '12:00')],
  },
  holidays: [
    { date: '04-30', recurring: true },
    { date: '05-01', recurring: true },
    { date: '09-02', recurring: true },
  ],
};

/** Friday has a long midday break for Friday prayers. */
export const kualaLumpurOffice: CalendarDefinition = {
  timeZone: 'Asia/Kuala_Lumpur',
  weeklyHours: {
    ...weekdays([range('09:00', '18:00')], ['mon', 'tue', 'wed', 'thu']),
    fri: [range('09:00', '12:15'), range('14:45', '18:00')],
    sat: [range('09:00', '13:00')],
  },
  holidays: [{ date: '08-31', recurring: true }, { date: '09-16', recurring: true }, { date: '2025-03-31' }],
};

export const lordHoweOffice: CalendarDefinition = {
  timeZone: 'Australia/Lord_Howe',
  weeklyHours: weekdays([range('09:00', '17:00')]),
};

/** Night desk Mon–Fri 22:00–06:00 (split at midnight) plus Sunday 01:00–03:00 over the DST shifts. */
export const lordHoweNightDesk: CalendarDefinition = {
  timeZone: 'Australia/Lord_Howe',
  weeklyHours: { ...weekdays([range('22:00', '06:00')]), sun: [range('01:00', '03:00')] },
};

/** Boundaries inside the gap or the overlap: the spec's wall-time rule decides them. */
export const newYorkGapEdges: CalendarDefinition = {
  timeZone: 'America/New_York',
  weeklyHours: { sun: [range('00:00', '01:30'), range('02:30', '04:00')], wed: [range('10:00', '11:00')] },
};

export const lordHoweGapEdges: CalendarDefinition = {
  timeZone: 'Australia/Lord_Howe',
  weeklyHours: { sun: [range('01:45', '02:15'), range('02:20', '03:00')], tue: [range('10:00', '10:30')] },
};

export function allDay(timeZone: string): CalendarDefinition {
  return { timeZone, weeklyHours: weekdays([range('00:00', '24:00')], allWeek) };
}
