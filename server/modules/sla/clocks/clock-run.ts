/**
 * One clock run — the nth wait of one metric on a ticket — and the state changes the spec allows
 * (../../../../../shared/specs/sla.md, "Clock state"): active → paused → active …,
 * active|paused → fulfilled, any → cancelled, and (for requester_wait, agent_work and
 * total_resolution, per the metric table) fulfilled → active again on reopen.
 *
 * A run exists whether or not the policy gives its metric a target: the phases of a ticket do not
 * depend on policies. Without a target the run is *latent*: it records its active stretches and is
 * not reported. When a target appears (priority raised, tier changed) the run materialises with
 * the business time of those stretches measured on the new target's calendar.
 *
 * Internal; mutable on purpose — computeClocks owns every run it creates and returns copies.
 */
import { addBusinessMilliseconds, businessMillisecondsBetween } from '../business-time.ts';
import type { ClockInstance, ClockMetric, ClockOutcome, ClockState, ClockTarget } from './clock-types.ts';

export interface ClockRun {
  readonly metric: ClockMetric;
  readonly instance: number;
  readonly startedAt: number;
  state: ClockState;
  /** null: latent (no target in force yet). */
  target: ClockTarget | null;
  /** Milliseconds accumulated up to `since` (or up to the last pause), in the target's measure. */
  elapsed: number;
  /** Latent only: closed active stretches, flat [from0, to0, from1, to1, …]. */
  latentSpans: number[];
  /** Start of the current active stretch not yet added to `elapsed`; null unless active. */
  since: number | null;
  due: number | null;
  breachedAt: number | null;
  fulfilledAt: number | null;
  cancelledAt: number | null;
  outcome: ClockOutcome | null;
}

export function startRun(metric: ClockMetric, instance: number, at: number): ClockRun {
  return {
    metric,
    instance,
    startedAt: at,
    state: 'active',
    target: null,
    elapsed: 0,
    latentSpans: [],
    since: at,
    due: null,
    breachedAt: null,
    fulfilledAt: null,
    cancelledAt: null,
    outcome: null,
  };
}

export function isLive(run: ClockRun | undefined): run is ClockRun {
  return run !== undefined && (run.state === 'active' || run.state === 'paused');
}

/**
 * Records the breach if the clock is active and its due time is strictly before `t`. Strictly:
 * a reply at exactly due_at has elapsed == target and is on time, so the fact can only be
 * recorded once time has passed due_at. The recorded instant is due_at itself.
 */
export function recordBreachBefore(run: ClockRun, t: number): void {
  if (run.state === 'active' && run.due !== null && run.due < t && run.breachedAt === null) run.breachedAt = run.due;
}

export function fulfilRun(run: ClockRun, t: number): void {
  accumulate(run, t);
  run.state = 'fulfilled';
  run.since = null;
  run.fulfilledAt = t;
  if (run.target) {
    // A recorded breach stands even if a later, longer target would have been met: the
    // warnings and escalations already fired, and lowering a priority must not erase breaches.
    run.outcome = run.breachedAt !== null || run.elapsed > targetMs(run.target) ? 'breached' : 'achieved';
  }
}

export function cancelRun(run: ClockRun, t: number): void {
  accumulate(run, t);
  run.state = 'cancelled';
  run.since = null;
  run.due = null;
  run.cancelledAt = t;
}

/** Reopen of requester_wait / agent_work / total_resolution: elapsed continues from where it stopped. */
export function reactivateRun(run: ClockRun, t: number): void {
  run.state = 'active';
  run.since = t;
  run.due = null;
  run.fulfilledAt = null;
  run.outcome = null;
}

/**
 * Brings a live run in line with the policy in force at `t`: its target (null = none) and whether
 * its metric pauses on the ticket's status. A target that disappears cancels the run ("a policy
 * that stops matching cancels its running clocks"); a changed target keeps start and elapsed
 * time and recomputes due_at; elapsed already over the new target breaches now, once.
 */
export function syncRun(run: ClockRun, t: number, target: ClockTarget | null, paused: boolean): void {
  if (!isLive(run)) return;
  const pause = paused && run.state === 'active';
  const resume = !paused && run.state === 'paused';
  const targetChanged = run.target === null ? target !== null : target === null || !sameTarget(run.target, target);
  const needsDue = run.state === 'active' && run.due === null && target !== null;
  if (!pause && !resume && !targetChanged && !needsDue) return;

  accumulate(run, t); // close the current stretch under the old measure
  if (target === null) {
    if (run.target !== null) return cancelRun(run, t);
    if (pause) setPaused(run);
    if (resume) setActive(run, t);
    return;
  }
  if (run.target === null) run.elapsed = latentElapsed(target, run.latentSpans);
  run.latentSpans = [];
  run.target = target;
  if (pause) setPaused(run);
  if (resume) setActive(run, t);

  const limit = targetMs(target);
  if (run.state === 'paused') {
    if (targetChanged && run.elapsed > limit && run.breachedAt === null) run.breachedAt = t;
    return;
  }
  const remaining = limit - run.elapsed;
  if (remaining < 0) {
    if (run.breachedAt === null) run.breachedAt = t;
    run.due = t;
  } else {
    run.due = dueAfter(target, t, remaining);
  }
}

/** The reported instance as of `now`; null for latent runs. */
export function toInstance(run: ClockRun, now: number): ClockInstance | null {
  const target = run.target;
  if (!target) return null;
  const running = run.state === 'active' && run.since !== null ? measure(target, run.since, now) : 0;
  return {
    metric: run.metric,
    instance: run.instance,
    target,
    state: run.state,
    started_at: new Date(run.startedAt),
    due_at: run.due === null ? null : new Date(run.due),
    elapsed_ms: run.elapsed + running,
    fulfilled_at: run.fulfilledAt === null ? null : new Date(run.fulfilledAt),
    cancelled_at: run.cancelledAt === null ? null : new Date(run.cancelledAt),
    outcome: run.outcome,
    breached_at: run.breachedAt === null ? null : new Date(run.breachedAt),
  };
}

export function targetMs(target: ClockTarget): number {
  return Math.round(target.seconds * 1000);
}

/** Time that counts towards the target in [a, b): business time, or all of it in calendar mode. */
export function measure(target: ClockTarget, a: number, b: number): number {
  if (b <= a) return 0;
  return target.mode === 'calendar' ? b - a : businessMillisecondsBetween(target.calendar, a, b);
}

function dueAfter(target: ClockTarget, at: number, remaining: number): number {
  return target.mode === 'calendar' ? at + remaining : addBusinessMilliseconds(target.calendar, at, remaining).getTime();
}

function sameTarget(a: ClockTarget, b: ClockTarget): boolean {
  if (a === b) return true;
  if (a.metric !== b.metric || a.seconds !== b.seconds) return false;
  if (a.mode === 'calendar' || b.mode === 'calendar') return a.mode === b.mode;
  return a.calendar === b.calendar;
}

function accumulate(run: ClockRun, t: number): void {
  if (run.state !== 'active' || run.since === null) return;
  if (run.target) run.elapsed += measure(run.target, run.since, t);
  else if (t > run.since) run.latentSpans.push(run.since, t);
  run.since = t;
}

function latentElapsed(target: ClockTarget, spans: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < spans.length; i += 2) total += measure(target, spans[i] as number, spans[i + 1] as number);
  return total;
}

function setPaused(run: ClockRun): void {
  run.state = 'paused';
  run.since = null;
  run.due = null;
}

function setActive(run: ClockRun, t: number): void {
  run.state = 'active';
  run.since = t;
  run.due = null;
}
