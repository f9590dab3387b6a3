/** SLA clock engine: pure functions from ticket events and policies to clock instances. */
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
  DEFAULT_PAUSE_STATUSES,
  type DisplayStatus,
  type PolicyFor,
  type SolveWhileWaiting,
} from './clock-types.ts';
export { computeClocks } from './compute-clocks.ts';
export { displayStatus } from './display-status.ts';
export { CLOCK_EVENT_DATA_READ, clockEventDataKeys, projectClockEventData } from './event-data-read.ts';
