import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClockPolicy } from '../../sla/clocks/clock-types.ts';
import { computeClocks } from '../../sla/clocks/compute-clocks.ts';
import { history } from '../../sla/clocks/test-history.ts';
import { afterAgentMessage, afterVisitorMessage, type ChatMessageFact, chatState, chatTimings, startTiming } from './chat-timing.ts';

const s = (seconds: number) => seconds * 1000;
const v = (at: number): ChatMessageFact => ({ at: s(at), from: 'visitor' });
const a = (at: number): ChatMessageFact => ({ at: s(at), from: 'agent' });

describe('chatTimings', () => {
  it.each([
    { name: 'nobody answered yet', messages: [v(0), v(10)], greet: null, holds: [], open: null },
    { name: 'greeted after 45 s', messages: [v(0), a(45)], greet: s(45), holds: [], open: null },
    { name: 'visitor messages before the greeting are no hold', messages: [v(0), v(20), v(30), a(45)], greet: s(45), holds: [], open: null },
    {
      name: 'each wait after the greeting is one hold, measured from the oldest unanswered message',
      messages: [v(0), a(45), v(60), v(70), a(110), v(180), a(200)],
      greet: s(45),
      holds: [s(50), s(20)],
      open: null,
    },
    { name: 'two agent messages in a row end one hold', messages: [v(0), a(5), v(10), a(15), a(16)], greet: s(5), holds: [s(5)], open: null },
    { name: 'a hold still running', messages: [v(0), a(5), v(10)], greet: s(5), holds: [], open: s(10) },
    { name: 'an agent opened the conversation', messages: [a(3), v(10), a(12)], greet: s(3), holds: [s(2)], open: null },
    { name: 'order of input does not matter', messages: [a(110), v(60), a(45), v(0)], greet: s(45), holds: [s(50)], open: null },
  ])('$name', ({ messages, greet, holds, open }) => {
    expect(chatTimings(0, messages)).toEqual({ greetMs: greet, holdsMs: holds, openHoldSince: open });
  });

  it('state: waiting until greeted and while on hold, active otherwise', () => {
    let t = startTiming(0);
    expect(chatState(t)).toBe('waiting');
    t = afterAgentMessage(t, 1000).timing;
    expect(chatState(t)).toBe('active');
    t = afterVisitorMessage(t, 2000);
    expect(chatState(t)).toBe('waiting');
    expect(afterAgentMessage(t, 2500).events).toEqual([{ type: 'chat_hold_ended', hold_ms: 500, hold_started_at: 2000 }]);
  });
});

/** The durations recorded as events agree with the SLA engine's chat clocks on the same story. */
describe('agreement with the SLA clock engine', () => {
  const everyone = (seconds: { greet: number; hold: number }): ClockPolicy => {
    const targets = [
      { metric: 'chat_greet' as const, seconds: seconds.greet, mode: 'calendar' as const },
      { metric: 'chat_hold' as const, seconds: seconds.hold, mode: 'calendar' as const },
    ];
    return { targets: { low: targets, normal: targets, high: targets, urgent: targets } };
  };
  const base = Date.parse('2026-01-05T10:00:00Z');

  it('for any sequence of visitor and agent messages', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 600 }), fc.boolean()), { maxLength: 20 }), (steps) => {
        let at = base;
        const facts: ChatMessageFact[] = [{ at, from: 'visitor' }];
        const h = history(new Date(at).toISOString(), { channel: 'chat' });
        for (const [gap, fromAgent] of steps) {
          at += gap * 1000;
          facts.push({ at, from: fromAgent ? 'agent' : 'visitor' });
          if (fromAgent) h.reply(new Date(at).toISOString());
          else h.customer(new Date(at).toISOString());
        }
        const policy = everyone({ greet: 60, hold: 30 });
        const clocks = computeClocks(h.events, () => policy, at + 1);
        const ours = chatTimings(base, facts);
        const greet = clocks.find((c) => c.metric === 'chat_greet');
        expect(greet?.state === 'fulfilled' ? greet.elapsed_ms : null).toBe(ours.greetMs);
        const holds = clocks.filter((c) => c.metric === 'chat_hold');
        expect(holds.filter((c) => c.state === 'fulfilled').map((c) => c.elapsed_ms)).toEqual(ours.holdsMs);
        const running = holds.find((c) => c.state === 'active');
        expect(running ? running.started_at.getTime() : null).toBe(ours.openHoldSince);
      }),
      { numRuns: 200 },
    );
  });
});
