/**
 * Time to greet and hold times of a live chat, as pure rules (no I/O). They follow the SLA
 * clock engine's chat metrics exactly (server/modules/sla/clocks/compute-clocks.ts;
 * ../shared/specs/sla.md "chat_greet" and "chat_hold"), so the durations recorded as ticket
 * events agree with the clocks the engine derives from the same messages:
 *
 * - greet: from the chat's start (the ticket's creation) to the first public agent message.
 * - hold: once greeted, a visitor message while no hold runs starts one; the next public agent
 *   message ends it. Visitor messages during a running hold do not restart it (the wait is
 *   measured from the oldest unanswered message). Before the greeting nothing is "on hold": the
 *   visitor waits for the greeting.
 */

export interface ChatTiming {
  startedAt: number;
  greetedAt: number | null;
  /** Start of the running hold, or null. */
  holdSince: number | null;
}

export type ChatTimingEvent =
  | { type: 'chat_greeted'; greet_ms: number }
  | { type: 'chat_hold_ended'; hold_ms: number; hold_started_at: number };

export type ChatState = 'waiting' | 'active';

export function startTiming(at: number): ChatTiming {
  return { startedAt: at, greetedAt: null, holdSince: null };
}

export function afterVisitorMessage(timing: ChatTiming, at: number): ChatTiming {
  if (timing.greetedAt === null || timing.holdSince !== null) return timing;
  return { ...timing, holdSince: at };
}

export function afterAgentMessage(timing: ChatTiming, at: number): { timing: ChatTiming; events: ChatTimingEvent[] } {
  if (timing.greetedAt === null) {
    return { timing: { ...timing, greetedAt: at, holdSince: null }, events: [{ type: 'chat_greeted', greet_ms: Math.max(0, at - timing.startedAt) }] };
  }
  if (timing.holdSince !== null) {
    const hold = { type: 'chat_hold_ended' as const, hold_ms: Math.max(0, at - timing.holdSince), hold_started_at: timing.holdSince };
    return { timing: { ...timing, holdSince: null }, events: [hold] };
  }
  return { timing, events: [] };
}

/** Waiting: the visitor waits for an agent (not greeted yet, or on hold); active otherwise. */
export function chatState(timing: ChatTiming): ChatState {
  return timing.greetedAt === null || timing.holdSince !== null ? 'waiting' : 'active';
}

export interface ChatMessageFact {
  at: number;
  from: 'visitor' | 'agent';
}

export interface ChatTimings {
  greetMs: number | null;
  /** Finished holds, in order. */
  holdsMs: number[];
  /** A hold still running at the end of the sequence: its start. */
  openHoldSince: number | null;
}

/** The greet and hold durations of a chat from its public messages (any order; sorted by time). */
export function chatTimings(startedAt: number, messages: readonly ChatMessageFact[]): ChatTimings {
  let timing = startTiming(startedAt);
  const holdsMs: number[] = [];
  let greetMs: number | null = null;
  const ordered = [...messages].sort((a, b) => a.at - b.at);
  for (const m of ordered) {
    if (m.from === 'visitor') {
      timing = afterVisitorMessage(timing, m.at);
      continue;
    }
    const step = afterAgentMessage(timing, m.at);
    timing = step.timing;
    for (const e of step.events) {
      if (e.type === 'chat_greeted') greetMs = e.greet_ms;
      else holdsMs.push(e.hold_ms);
    }
  }
  return { greetMs, holdsMs, openHoldSince: timing.holdSince };
}
