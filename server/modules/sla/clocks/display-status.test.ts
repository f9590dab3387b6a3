import { describe, expect, it } from 'vitest';
import type { ClockPolicy } from './clock-types.ts';
import { computeClocks } from './compute-clocks.ts';
import { displayStatus } from './display-status.ts';
import { history, type TicketHistory } from './test-history.ts';
import { calendarMode, everyPriority, fixed, mon, perPriority, tue } from './test-policies.ts';

/** Display status of the ticket's only clock, computed and shown at `now`. */
function statusAt(events: TicketHistory, policy: ClockPolicy, now: string, warnings: number[]) {
  const clocks = computeClocks(events.events, fixed(policy), new Date(now));
  expect(clocks).toHaveLength(1);
  return displayStatus(clocks[0]!, warnings, new Date(now));
}

const WARN_60_AND_15 = [-3600, -900];

describe('displayStatus of an active clock', () => {
  // Created Mon 15:30 with 120 business minutes (09:00–17:00): 90 today, 30 tomorrow → due Tue
  // 09:30. The first warning, 60 business minutes before, is 30 min of Tue + 30 of Mon → Mon 16:30.
  const open = history(mon('15:30'));
  const businessPolicy = everyPriority({ first_reply: 120 });
  it.each([
    [mon('16:29'), 'pending'],
    [mon('16:30'), 'imminent'],
    [mon('20:00'), 'imminent'], // closed hours: still inside the last business hour
    [tue('09:29'), 'imminent'],
    [tue('09:30'), 'breaching'], // due reached (a reply now would still be on time, but it is due)
    [tue('11:00'), 'breaching'],
  ])('business mode at %s → %s', (now, expected) => {
    expect(statusAt(open, businessPolicy, now, WARN_60_AND_15)).toBe(expected);
  });

  // Calendar mode: due 17:30, first warning at 16:30 by the clock.
  it.each([
    [mon('16:29'), 'pending'],
    [mon('16:30'), 'imminent'],
    [mon('17:30'), 'breaching'],
  ])('calendar mode at %s → %s', (now, expected) => {
    expect(statusAt(open, everyPriority({ first_reply: 120 }, { mode: calendarMode }), now, WARN_60_AND_15)).toBe(expected);
  });

  it('is pending until due without warnings; escalation offsets (>= 0) are not warnings', () => {
    expect(statusAt(open, businessPolicy, tue('09:29'), [])).toBe('pending');
    expect(statusAt(open, businessPolicy, tue('09:29'), [0, 1800])).toBe('pending');
  });

  it('stays breaching once a breach is recorded, even if a longer target moved due_at later', () => {
    // 180 → urgent 60 at 11:30 (150 elapsed: breached) → normal at 11:45: due 12:00 again.
    const events = history(mon('09:00')).priority(mon('11:30'), 'urgent').priority(mon('11:45'), 'normal');
    const policy = perPriority({ normal: { first_reply: 180 }, urgent: { first_reply: 60 } });
    expect(statusAt(events, policy, mon('11:50'), WARN_60_AND_15)).toBe('breaching');
  });
});

describe('displayStatus of other states', () => {
  it.each<[string, TicketHistory, string]>([
    ['achieved', history(mon('09:00')).reply(mon('09:30')), 'achieved'],
    ['breached', history(mon('09:00')).reply(mon('11:30')), 'breached'],
    ['cancelled', history(mon('09:00')).merged(mon('09:30')), 'cancelled'],
  ])('%s', (_, events, expected) => {
    expect(statusAt(events, everyPriority({ first_reply: 60 }), mon('12:00'), WARN_60_AND_15)).toBe(expected);
  });

  it('paused (even past the due time it had)', () => {
    const events = history(mon('09:00')).reply(mon('09:30'), { status: 'pending' });
    expect(statusAt(events, everyPriority({ requester_wait: 60 }), mon('12:00'), WARN_60_AND_15)).toBe('paused');
  });
});
