/**
 * Public entry `gapwise/sla`: business calendars, business-time arithmetic and SLA clocks.
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
export {
  CLOCK_METRICS,
  type ClockActorType,
  type ClockEvent,
  type ClockInstance,
  type ClockMetric,
  type ClockOutcome,
  type ClockPolicy,
  type ClockState,
  type ClockTarget,
  type ClockTicketPriority,
  type ClockTicketState,
  type ClockTicketStatus,
  computeClocks,
  DEFAULT_PAUSE_STATUSES,
  type DisplayStatus,
  displayStatus,
  type PolicyFor,
  type SolveWhileWaiting,
} from './clocks/index.ts';
