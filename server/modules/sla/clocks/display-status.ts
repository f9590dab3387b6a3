/**
 * Display status of a clock (../../../../../shared/specs/sla.md, "Warnings and escalations"):
 * pending · imminent (past the first warning) · breaching · achieved · breached · paused · cancelled.
 */
import { subtractBusinessSeconds } from '../business-time.ts';
import type { ClockInstance, DisplayStatus } from './clock-types.ts';

/**
 * `warningOffsetsSeconds` are the policy's rule offsets relative to due_at, in seconds; only the
 * negative ones are warnings (zero and positive ones escalate), and the earliest is "the first
 * warning". In business mode the offset is business time before due_at, so a 60-minute warning
 * on a 09:30 due time falls at 16:30 the evening before with 09:00–17:00 hours.
 *
 * An active clock is "breaching" from due_at on (a reply at due_at is still on time, but the
 * display does not wait for the next instant) and whenever a breach was recorded.
 */
export function displayStatus(instance: ClockInstance, warningOffsetsSeconds: readonly number[], now: Date | number): DisplayStatus {
  switch (instance.state) {
    case 'cancelled':
      return 'cancelled';
    case 'paused':
      return 'paused';
    case 'fulfilled':
      return instance.outcome ?? 'achieved';
    case 'active':
      break;
  }
  const t = typeof now === 'number' ? now : now.getTime();
  const due = instance.due_at?.getTime() ?? null;
  if (instance.breached_at !== null || (due !== null && t >= due)) return 'breaching';
  if (due === null) return 'pending';
  let earliest = 0;
  for (const offset of warningOffsetsSeconds) if (offset < earliest) earliest = offset;
  if (earliest === 0) return 'pending';
  const target = instance.target;
  const warnAt =
    target.mode === 'business' ? subtractBusinessSeconds(target.calendar, due, -earliest).getTime() : due + earliest * 1000;
  return t >= warnAt ? 'imminent' : 'pending';
}
