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
    const seq = seqOf(event);
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

/** Events in fold order, with each one's occurred_at in epoch milliseconds (`at[i]` is `events[i]`'s). */
export interface OrderedEvents {
  readonly events: readonly ClockEvent[];
  readonly at: readonly number[];
}

/**
 * orderEvents for the clock fold, without a copy of each event: histories usually come from the
 * database in order and with nothing after `until`, and then the input is returned as it is,
 * with only its instants beside it (a recompute reads a million events, and a copy of each only
 * to add its instant is as much garbage again). Otherwise the same order as orderEvents.
 */
export function orderEventsForFold(events: readonly ClockEvent[], until: number): OrderedEvents {
  const at = new Array<number>(events.length);
  let inOrder = true;
  let allUntil = true;
  for (let index = 0; index < events.length; index++) {
    const event = events[index] as ClockEvent;
    const t = toMs(event.occurred_at);
    if (!Number.isFinite(t)) throw new RangeError(`event ${index} (${event.type}) has no valid occurred_at`);
    at[index] = t;
    if (t > until) allUntil = false;
    if (index > 0 && inOrder) {
      const before = at[index - 1] as number;
      inOrder = before < t || (before === t && compareSeq(seqOf(events[index - 1] as ClockEvent), seqOf(event)) <= 0);
    }
  }
  if (inOrder && allUntil) return { events, at };
  const ordered = orderEvents(events, until) as Keyed[]; // its records keep their input index
  return { events: ordered.map((e) => events[e.index] as ClockEvent), at: ordered.map((e) => e.at) };
}

function seqOf(event: ClockEvent): number {
  return event.seq === undefined || event.seq === null ? Number.NaN : Number(event.seq);
}
