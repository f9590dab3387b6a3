import { expect, expectTypeOf, it } from 'vitest';
// Imported by package name, as a consumer would (package.json "exports" self-reference).
import { CLOCK_METRICS, type ClockEvent, type ClockPolicy, computeClocks, createCalendar, DEFAULT_PAUSE_STATUSES, displayStatus } from 'gapwise/sla';
import type { TicketEvent } from '../../../platform/schema.ts';

it('takes ticket_events rows as they are (checked by tsc)', () => {
  expectTypeOf<TicketEvent>().toExtend<ClockEvent>();
});

it('exposes the clock engine through gapwise/sla', () => {
  expect(CLOCK_METRICS).toHaveLength(9);
  expect(DEFAULT_PAUSE_STATUSES.agent_work).toEqual(['pending', 'on_hold']);
  const calendar = createCalendar({ timeZone: 'Europe/Prague', weeklyHours: { mon: [{ start: '08:00', end: '16:30' }] } });
  const policy: ClockPolicy = { targets: { normal: [{ metric: 'first_reply', seconds: 3600, mode: 'business', calendar }] } };
  // Mon 2024-04-08 16:00 CEST: 30 min today, 30 next Monday (the only open day) → due Mon 15 April 08:30.
  const events = [{ type: 'created', actor_type: 'customer' as const, data: { status: 'new', priority: 'normal', channel: 'email' }, occurred_at: '2024-04-08T14:00:00Z' }];
  const [clock] = computeClocks(events, () => policy, new Date('2024-04-09T10:00:00Z'));
  expect(clock?.due_at?.toISOString()).toBe('2024-04-15T06:30:00.000Z');
  expect(clock && displayStatus(clock, [-1800], new Date('2024-04-09T10:00:00Z'))).toBe('imminent');
});
