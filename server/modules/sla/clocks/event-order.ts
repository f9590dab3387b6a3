/** Ticket events in the order the clock fold reads them: occurred_at, then seq, then input order. */
import type { ClockEvent } from './clock-types.ts';

export interface TimedEvent {
  readonly type: string;
  readonly actor_type: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** occurred_at in epoch milliseconds. */
  readonly at: number;
}

interface Keyed extends TimedEvent {
  readonly seq: number;
  readonly index: number;
}

/** Events at or before `until`, sorted. Throws on an unreadable occurred_at (history must be sound). */
export function orderEvents(events: readonly ClockEvent[], until: number): TimedEvent[] {
  const keyed: Keyed[] = [];
  for (let index = 0; index < events.length; index++) {
    const event = events[index] as ClockEvent;
    const at = toMs(event.occurred_at);
    if (!Number.isFinite(at)) throw new RangeError(`event ${index} (${event.type}) has no valid occurred_at`);
    if (at > until) continue;
    // seq is a bigint column: it may arrive as a string; ids stay far below 2^53.
    const seq = event.seq === undefined || event.seq === null ? Number.NaN : Number(event.seq);
    keyed.push({ type: event.type, actor_type: event.actor_type, data: event.data ?? {}, at, seq, index });
  }
  // Histories usually come from the database already in order: check before sorting.
  let sorted = true;
  for (let i = 1; i < keyed.length && sorted; i++) sorted = compare(keyed[i - 1] as Keyed, keyed[i] as Keyed) <= 0;
  return sorted ? keyed : keyed.sort(compare);
}

function compare(a: Keyed, b: Keyed): number {
  return a.at - b.at || compareSeq(a.seq, b.seq) || a.index - b.index;
}

function compareSeq(a: number, b: number): number {
  return Number.isNaN(a) || Number.isNaN(b) ? 0 : a - b;
}

function toMs(value: Date | string | number): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return Date.parse(value);
  return value.getTime();
}
