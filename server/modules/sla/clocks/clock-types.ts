/**
 * Types of the SLA clock engine (../../../../../shared/specs/sla.md, "Metrics", "Clock state").
 *
 * Units: everything is computed in milliseconds; targets are given in **seconds** so that a chat
 * greeting (60 s) and a resolution promise (2 business days of 8 h = 57,600 s) fit
 * one field. The spec stores targets in minutes: callers multiply by 60.
 */
import type { BusinessCalendar } from '../calendar.ts';

export const CLOCK_METRICS = [
  'first_reply',
  'next_reply',
  'periodic_update',
  'requester_wait',
  'agent_work',
  'resolution',
  'total_resolution',
  'chat_greet',
  'chat_hold',
] as const;
export type ClockMetric = (typeof CLOCK_METRICS)[number];

/** Ticket statuses as in server/platform/schema.ts (kept here so the library stays free of the app). */
export type ClockTicketStatus = 'new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed';
export type ClockTicketPriority = 'low' | 'normal' | 'high' | 'urgent';
export type ClockActorType = 'user' | 'customer' | 'system' | 'api_key';

/**
 * One promise: `seconds` of business time over `calendar`, or of absolute elapsed time
 * (`calendar` mode: due = start + target in UTC, whatever the wall clock does across DST).
 */
export type ClockTarget =
  | { readonly metric: ClockMetric; readonly seconds: number; readonly mode: 'calendar' }
  | { readonly metric: ClockMetric; readonly seconds: number; readonly mode: 'business'; readonly calendar: BusinessCalendar };

export type SolveWhileWaiting = 'fulfil' | 'cancel';

export interface ClockPolicy {
  /** Targets per priority; a metric without a target has no clock (the first entry per metric wins). */
  readonly targets: Partial<Record<ClockTicketPriority, readonly ClockTarget[]>>;
  /** Statuses that pause a metric; a metric given here replaces its default (DEFAULT_PAUSE_STATUSES). */
  readonly pauseStatuses?: Partial<Record<ClockMetric, readonly ClockTicketStatus[]>>;
  /** What solving does to a running reply clock (first/next reply, periodic update, chat). Default fulfil. */
  readonly solveWhileWaiting?: SolveWhileWaiting;
}

/** The spec's "paused while (default)" column. */
export const DEFAULT_PAUSE_STATUSES: Readonly<Record<ClockMetric, readonly ClockTicketStatus[]>> = {
  first_reply: [],
  next_reply: [],
  periodic_update: [],
  requester_wait: ['pending'],
  agent_work: ['pending', 'on_hold'],
  resolution: ['pending'],
  total_resolution: ['pending'],
  chat_greet: [],
  chat_hold: [],
};

/** What the ticket looks like after each event, as far as its events tell (for policy conditions). */
export interface ClockTicketState {
  readonly status: ClockTicketStatus;
  readonly priority: ClockTicketPriority;
  readonly tier_id: string | null;
  readonly channel: string;
  readonly team_id: string | null;
  readonly branch_id: string | null;
  readonly assignee_id: string | null;
  readonly organization_id: string | null;
  readonly category: string | null;
  /** Lower-case, as the ticket writer stores them. */
  readonly tags: readonly string[];
  readonly custom_fields: Readonly<Record<string, unknown>>;
}

/**
 * The policy in force for the ticket as it is now; called after every event. Return the same
 * object for the same inputs where you can (it is compared by value anyway); `null` = no policy
 * matches, which cancels running clocks.
 */
export type PolicyFor = (priority: ClockTicketPriority, tierId: string | null, ticket: ClockTicketState) => ClockPolicy | null;

/**
 * A ticket event as stored in `ticket_events` (TicketEvent satisfies it). Types read: created,
 * message_added, status_changed, priority_changed, assigned, team_changed, branch_changed,
 * category_changed, tags_changed, custom_fields_changed (each with {from, to}), and
 * tier_changed / organization_changed / merged / deleted (not emitted yet; supported so history
 * can carry them).
 */
export interface ClockEvent {
  readonly type: string;
  readonly actor_type: ClockActorType;
  readonly data: Readonly<Record<string, unknown>>;
  readonly occurred_at: Date | string | number;
  /** Tie-breaker for events at the same instant; without it, input order is kept. */
  readonly seq?: number | string | bigint | null;
}

export type ClockState = 'active' | 'paused' | 'fulfilled' | 'cancelled';
export type ClockOutcome = 'achieved' | 'breached';

export interface ClockInstance {
  readonly metric: ClockMetric;
  /** 1-based per metric: the nth wait of this kind on the ticket (stable; see README). */
  readonly instance: number;
  readonly target: ClockTarget;
  readonly state: ClockState;
  readonly started_at: Date;
  /** Null while paused and once cancelled; the last due time is kept on a fulfilled clock. */
  readonly due_at: Date | null;
  /** Business (or calendar, per the target's mode) milliseconds while active, as of `now` or fulfilment. */
  readonly elapsed_ms: number;
  readonly fulfilled_at: Date | null;
  readonly cancelled_at: Date | null;
  readonly outcome: ClockOutcome | null;
  readonly breached_at: Date | null;
}

export type DisplayStatus = 'pending' | 'imminent' | 'breaching' | 'achieved' | 'breached' | 'paused' | 'cancelled';
