/**
 * Pure rules between the clock engine's instances and the stored rows: what is stored for an
 * instance, which stored rows a recompute keeps, a row's display status at any instant, and the
 * ticket's SLA summary. No I/O.
 */
import type { SlaDisplayStatus } from '../../platform/schema.ts';
import { subtractBusinessSeconds } from '../sla/business-time.ts';
import { CLOCK_METRICS, type ClockInstance, type ClockMetric } from '../sla/clocks/clock-types.ts';

/** A ticket_clocks row without workspace and ticket (the caller adds them). */
export interface ClockRow {
  metric: string;
  instance: number;
  policy_id: string | null;
  target_seconds: number;
  mode: 'business' | 'calendar';
  calendar_id: string | null;
  state: ClockInstance['state'];
  started_at: Date;
  due_at: Date | null;
  warning_at: Date | null;
  elapsed_ms: number;
  fulfilled_at: Date | null;
  cancelled_at: Date | null;
  outcome: ClockInstance['outcome'];
  breached_at: Date | null;
  computed_at: Date;
}

/**
 * Worst first. A promise already broken (breached) outranks one being broken right now
 * (breaching): the status says whether the ticket kept its SLA. The list filters answer "what
 * needs action" separately (see sla-clocks.repository.ts).
 */
export const STATUS_RANK: readonly SlaDisplayStatus[] = ['breached', 'breaching', 'imminent', 'pending', 'paused', 'achieved', 'cancelled'];

export function worse(a: SlaDisplayStatus | null, b: SlaDisplayStatus | null): SlaDisplayStatus | null {
  if (a === null) return b;
  if (b === null) return a;
  return STATUS_RANK.indexOf(a) <= STATUS_RANK.indexOf(b) ? a : b;
}

export interface RowContext {
  policyId: string | null;
  calendarId: string | null;
  /** Offsets relative to due_at in seconds; the negative ones are warnings. */
  warningOffsets: readonly number[];
  computedAt: Date;
}

export function toClockRow(instance: ClockInstance, context: RowContext): ClockRow {
  const target = instance.target;
  return {
    metric: instance.metric,
    instance: instance.instance,
    policy_id: context.policyId,
    target_seconds: Math.round(target.seconds),
    mode: target.mode,
    calendar_id: target.mode === 'business' ? context.calendarId : null,
    state: instance.state,
    started_at: instance.started_at,
    due_at: instance.due_at,
    warning_at: instance.state === 'active' ? firstWarningAt(instance, context.warningOffsets) : null,
    elapsed_ms: Math.round(instance.elapsed_ms),
    fulfilled_at: instance.fulfilled_at,
    cancelled_at: instance.cancelled_at,
    outcome: instance.outcome,
    breached_at: instance.breached_at,
    computed_at: context.computedAt,
  };
}

/** The instant the earliest warning falls due, as displayStatus (sla/clocks) measures it. */
function firstWarningAt(instance: ClockInstance, offsets: readonly number[]): Date | null {
  const due = instance.due_at;
  if (!due) return null;
  let earliest = 0;
  for (const offset of offsets) if (offset < earliest) earliest = offset;
  if (earliest === 0) return null;
  const target = instance.target;
  return target.mode === 'business' ? subtractBusinessSeconds(target.calendar, due, -earliest) : new Date(due.getTime() + earliest * 1000);
}

/**
 * Fulfilled clocks are immutable (spec, "Clock state"): when a recompute under changed policies
 * finds the same instance fulfilled at the same instant, the stored row — the target promised
 * then, and its outcome — stays. A stored fulfilled instance the new policies give no target is
 * kept too. Everything else comes from the recompute; a fulfilled clock that reopened
 * (requester_wait, agent_work, total_resolution) is live again and is recomputed.
 */
export function keepFulfilled(computed: readonly ClockRow[], stored: readonly ClockRow[]): ClockRow[] {
  const key = (r: ClockRow) => `${r.metric}#${r.instance}`;
  const byKey = new Map(computed.map((r) => [key(r), r]));
  for (const old of stored) {
    if (old.state !== 'fulfilled') continue;
    const fresh = byKey.get(key(old));
    if (!fresh || (fresh.state === 'fulfilled' && fresh.fulfilled_at?.getTime() === old.fulfilled_at?.getTime())) byKey.set(key(old), old);
  }
  return [...byKey.values()].sort(byMetricAndInstance);
}

/**
 * What a refresh must write to turn a ticket's stored rows into the computed ones: the stored
 * rows to remove (gone, or changed) and the computed rows to insert (new, or changed). Rows equal
 * in every column are left alone, so a recompute that changes nothing writes nothing.
 */
export function diffClockRows(stored: readonly ClockRow[], computed: readonly ClockRow[]): { removed: ClockRow[]; added: ClockRow[] } {
  if (stored.length === 0) return { removed: [], added: [...computed] };
  const key = (r: ClockRow) => `${r.metric}#${r.instance}`;
  const before = new Map(stored.map((r) => [key(r), r]));
  const added: ClockRow[] = [];
  const kept = new Set<ClockRow>();
  for (const row of computed) {
    const old = before.get(key(row));
    if (old && sameClockRow(old, row)) kept.add(old);
    else added.push(row);
  }
  return { removed: stored.filter((r) => !kept.has(r)), added };
}

/** Every column equal (instants to the millisecond, as stored). */
export function sameClockRow(a: ClockRow, b: ClockRow): boolean {
  return (
    a === b ||
    (a.metric === b.metric &&
      a.instance === b.instance &&
      a.policy_id === b.policy_id &&
      a.target_seconds === b.target_seconds &&
      a.mode === b.mode &&
      a.calendar_id === b.calendar_id &&
      a.state === b.state &&
      sameInstant(a.started_at, b.started_at) &&
      sameInstant(a.due_at, b.due_at) &&
      sameInstant(a.warning_at, b.warning_at) &&
      a.elapsed_ms === b.elapsed_ms &&
      sameInstant(a.fulfilled_at, b.fulfilled_at) &&
      sameInstant(a.cancelled_at, b.cancelled_at) &&
      a.outcome === b.outcome &&
      sameInstant(a.breached_at, b.breached_at) &&
      sameInstant(a.computed_at, b.computed_at))
  );
}

function sameInstant(a: Date | null, b: Date | null): boolean {
  return a === null || b === null ? a === b : a.getTime() === b.getTime();
}

const METRIC_ORDER = new Map<string, number>(CLOCK_METRICS.map((m: ClockMetric, i) => [m, i]));

/** The engine's order: metrics as CLOCK_METRICS lists them, then instance. */
export function byMetricAndInstance(a: Pick<ClockRow, 'metric' | 'instance'>, b: Pick<ClockRow, 'metric' | 'instance'>): number {
  return (METRIC_ORDER.get(a.metric) ?? 99) - (METRIC_ORDER.get(b.metric) ?? 99) || a.instance - b.instance;
}

type StatusFields = Pick<ClockRow, 'state' | 'outcome' | 'due_at' | 'warning_at' | 'breached_at'>;

/**
 * displayStatus (sla/clocks) from a stored row, at any instant after it was computed: a running
 * clock is breaching from due_at on (or once a breach was recorded), imminent from its first
 * warning on.
 */
export function rowDisplayStatus(row: StatusFields, now: Date): SlaDisplayStatus {
  switch (row.state) {
    case 'cancelled':
      return 'cancelled';
    case 'paused':
      return 'paused';
    case 'fulfilled':
      return row.outcome ?? 'achieved';
    case 'active':
      break;
  }
  const t = now.getTime();
  if (row.breached_at !== null || (row.due_at !== null && t >= row.due_at.getTime())) return 'breaching';
  if (row.warning_at !== null && t >= row.warning_at.getTime()) return 'imminent';
  return 'pending';
}

export interface TicketSlaSummary {
  sla_next_due_at: Date | null;
  sla_next_warning_at: Date | null;
  sla_status: SlaDisplayStatus | null;
}

/**
 * The ticket's columns: the earliest due time of its running clocks (a running clock that already
 * breached counts at its breach instant, so "breaching" is `sla_next_due_at <= now`), the earliest
 * instant one of them becomes imminent, and the worst status now.
 */
export function summarize(rows: readonly StatusFields[], now: Date): TicketSlaSummary {
  let due: number | null = null;
  let warning: number | null = null;
  let status: SlaDisplayStatus | null = null;
  for (const row of rows) {
    status = worse(status, rowDisplayStatus(row, now));
    if (row.state !== 'active') continue;
    const rowDue = (row.breached_at ?? row.due_at)?.getTime() ?? null;
    if (rowDue === null) continue;
    const rowWarning = Math.min(rowDue, row.warning_at?.getTime() ?? rowDue);
    due = due === null ? rowDue : Math.min(due, rowDue);
    warning = warning === null ? rowWarning : Math.min(warning, rowWarning);
  }
  return {
    sla_next_due_at: due === null ? null : new Date(due),
    sla_next_warning_at: warning === null ? null : new Date(warning),
    sla_status: status,
  };
}

/** The ticket's status now, from its columns: time alone turns pending into imminent and breaching. */
export function effectiveStatus(
  ticket: { sla_status: SlaDisplayStatus | null; sla_next_due_at: Date | null; sla_next_warning_at: Date | null },
  now: Date,
): SlaDisplayStatus | null {
  const t = now.getTime();
  let status = ticket.sla_status;
  if (ticket.sla_next_due_at && t >= ticket.sla_next_due_at.getTime()) status = worse(status, 'breaching');
  else if (ticket.sla_next_warning_at && t >= ticket.sla_next_warning_at.getTime()) status = worse(status, 'imminent');
  return status;
}
