/**
 * Which escalation rules should fire when, for a ticket's clocks as just computed, and what
 * that changes in the stored schedule. Pure: no I/O (see escalation-scheduler.ts for the writes).
 *
 * A rule is (metric, offset_minutes) of the clock's policy. For a running clock with a due time,
 * each rule of its metric fires at `due_at + offset`: business arithmetic on the clock's calendar
 * for business-mode targets (the spec: "business-mode offsets use business arithmetic"), plain
 * milliseconds in calendar mode.
 */
import type { BusinessCalendar } from '../sla/calendar.ts';
import { addBusinessSeconds, subtractBusinessSeconds } from '../sla/business-time.ts';
import type { ClockRow } from '../sla-clocks/clock-rows.ts';

export interface PlannedEscalation {
  metric: string;
  instance: number;
  offset_minutes: number;
  policy_id: string;
  due_at: Date;
  fire_at: Date;
  /** Whether the clock has breached already (not stored; see diffSchedule). */
  clock_breached: boolean;
}

/** A stored row still relevant to planning (cancelled rows are not: the upsert revives them). */
export interface StoredEscalation {
  id: string;
  metric: string;
  instance: number;
  offset_minutes: number;
  due_at: Date;
  fire_at: Date;
  state: 'scheduled' | 'fired' | 'cancelled';
}

/** Offsets of a policy's rules for a metric, in seconds relative to due_at (the resolver's unit). */
export type RuleOffsetsFor = (policyId: string, metric: string) => readonly number[];

/**
 * The firings the clocks call for. Only active clocks with a due time: a paused clock has none
 * (spec: never fire while paused), fulfilled and cancelled clocks never fire. A business clock
 * whose calendar is unknown (not stored any more) cannot be placed in time and is left out.
 */
export function planEscalations(
  clocks: readonly Pick<ClockRow, 'metric' | 'instance' | 'policy_id' | 'state' | 'due_at' | 'mode' | 'calendar_id' | 'breached_at'>[],
  offsetsFor: RuleOffsetsFor,
  calendars: ReadonlyMap<string, BusinessCalendar>,
): PlannedEscalation[] {
  const planned = new Map<string, PlannedEscalation>();
  for (const clock of clocks) {
    if (clock.state !== 'active' || !clock.due_at || !clock.policy_id) continue;
    const calendar = clock.mode === 'business' ? (clock.calendar_id ? calendars.get(clock.calendar_id) : undefined) : null;
    if (calendar === undefined) continue;
    for (const seconds of offsetsFor(clock.policy_id, clock.metric)) {
      const row: PlannedEscalation = {
        metric: clock.metric,
        instance: clock.instance,
        offset_minutes: Math.round(seconds / 60),
        policy_id: clock.policy_id,
        due_at: clock.due_at,
        fire_at: fireAt(clock.due_at, seconds, calendar),
        clock_breached: clock.breached_at !== null,
      };
      planned.set(keyOf(row), row);
    }
  }
  return [...planned.values()];
}

/**
 * `due + offset`. Before the due time this is the earliest instant from which only |offset| of
 * business time remain (subtractBusinessSeconds' endpoint rule: 60 business minutes before Monday
 * 10:00 with 09–17 hours is Friday 17:00). At zero it is the due time itself.
 */
export function fireAt(due: Date, offsetSeconds: number, calendar: BusinessCalendar | null): Date {
  if (offsetSeconds === 0) return due;
  if (!calendar) return new Date(due.getTime() + offsetSeconds * 1000);
  return offsetSeconds < 0 ? subtractBusinessSeconds(calendar, due, -offsetSeconds) : addBusinessSeconds(calendar, due, offsetSeconds);
}

export interface ScheduleChanges {
  /** Ids of scheduled rows no longer called for (due time moved, clock paused, fulfilled, cancelled, rule gone). */
  cancel: string[];
  /** Rows to insert, or to revive / re-time when the same key is stored but not fired. */
  upsert: PlannedEscalation[];
}

/**
 * Compares the plan with the stored rows of the same tickets' clocks.
 *
 * One rule beyond the unique key: a rule that has fired for a clock instance fires again for a
 * new due time only while that clock has not breached and the new firing instant is still
 * ahead. So a deadline moved later (resumed after a pause, priority lowered) warns and
 * escalates again when its time comes, but a shortened deadline or a breach does not repeat
 * what was said already. In particular an escalation that raises the priority cannot feed on
 * itself: the higher priority's shorter target breaches now, which moves due_at to now, and the
 * same rules would otherwise fire again for it and climb to urgent.
 */
export function diffSchedule(planned: readonly PlannedEscalation[], stored: readonly StoredEscalation[], asOf: Date): ScheduleChanges {
  const storedByKey = new Map(stored.filter((s) => s.state !== 'cancelled').map((s) => [keyOf(s), s]));
  const firedRules = new Set(stored.filter((s) => s.state === 'fired').map(ruleKeyOf));
  const plannedKeys = new Set<string>();
  const upsert: PlannedEscalation[] = [];
  for (const p of planned) {
    const key = keyOf(p);
    plannedKeys.add(key);
    const existing = storedByKey.get(key);
    if (existing) {
      if (existing.state === 'scheduled' && existing.fire_at.getTime() !== p.fire_at.getTime()) upsert.push(p);
      continue;
    }
    if (firedRules.has(ruleKeyOf(p)) && (p.clock_breached || p.fire_at.getTime() <= asOf.getTime())) continue;
    upsert.push(p);
  }
  const cancel = stored.filter((s) => s.state === 'scheduled' && !plannedKeys.has(keyOf(s))).map((s) => s.id);
  return { cancel, upsert };
}

type Keyed = Pick<PlannedEscalation, 'metric' | 'instance' | 'offset_minutes' | 'due_at'>;

/** The stored unique key within a ticket: (metric, instance, rule offset, due_at). */
function keyOf(e: Keyed): string {
  return `${ruleKeyOf(e)}#${e.due_at.getTime()}`;
}

function ruleKeyOf(e: Omit<Keyed, 'due_at'>): string {
  return `${e.metric}#${e.instance}#${e.offset_minutes}`;
}
