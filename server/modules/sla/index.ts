/**
 * Public entry `gapwise/sla`: business calendars and business-time arithmetic.
 * Pure functions; see README.md beside this file.
 */
export {
  addBusinessMilliseconds,
  addBusinessMinutes,
  addBusinessSeconds,
  businessMillisecondsBetween,
  businessMinutesBetween,
  businessSecondsBetween,
  type Instant,
  isBusinessTime,
  subtractBusinessMinutes,
  subtractBusinessSeconds,
} from './business-time.ts';
export {
  type BusinessCalendar,
  type CalendarBreak,
  type CalendarDefinition,
  type CalendarHoliday,
  type CalendarIssue,
  type CalendarShift,
  CalendarValidationError,
  createCalendar,
  type LocalInterval,
  type NormalizedCalendarDefinition,
  normalizeCalendarDefinition,
  type TimeRange,
  WEEKDAYS,
  type Weekday,
} from './calendar.ts';
export { isValidTimeZone } from './zoned-time.ts';
