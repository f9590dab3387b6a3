import { expect, it } from 'vitest';
// Imported by package name: resolved through "exports" in package.json (self-reference).
import * as sla from 'gapwise/sla';

it('exposes the business-time library as gapwise/sla', () => {
  expect(Object.keys(sla).sort()).toEqual([
    'CLOCK_METRICS',
    'CalendarValidationError',
    'DEFAULT_PAUSE_STATUSES',
    'WEEKDAYS',
    'addBusinessMilliseconds',
    'addBusinessMinutes',
    'addBusinessSeconds',
    'businessMillisecondsBetween',
    'businessMinutesBetween',
    'businessSecondsBetween',
    'computeClocks',
    'createCalendar',
    'displayStatus',
    'isBusinessTime',
    'isValidTimeZone',
    'normalizeCalendarDefinition',
    'subtractBusinessMinutes',
    'subtractBusinessSeconds',
  ]);
  const calendar: sla.BusinessCalendar = sla.createCalendar({
    timeZone: 'America/New_York',
    weeklyHours: { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }] },
  });
  // Mon 2024-03-11 15:00 EDT + 120 → the period ends at 17:00, so due at Tue 09:00 EDT (13:00Z).
  expect(sla.addBusinessMinutes(calendar, new Date('2024-03-11T19:00:00Z'), 120).toISOString()).toBe('2024-03-12T13:00:00.000Z');
});
