import { describe, expect, it } from 'vitest';
import { createCalendar } from '../sla/calendar.ts';
import { diffSchedule, type PlannedEscalation, planEscalations, type StoredEscalation } from './escalation-plan.ts';

const t = (hhmm: string) => new Date(`2026-01-05T${hhmm}:00Z`);
const POLICY = '01900000-0000-7000-8000-000000000001';
const offsets = (_policy: string, metric: string) => (metric === 'first_reply' ? [-15 * 60, 0, 30 * 60] : []);

const clock = {
  metric: 'first_reply',
  instance: 1,
  policy_id: POLICY as string | null,
  state: 'active' as const,
  due_at: t('11:00') as Date | null,
  mode: 'calendar' as const,
  calendar_id: null as string | null,
  breached_at: null as Date | null,
};

function planned(offset: number, due: string, fire: string, breached = false): PlannedEscalation {
  return { metric: 'first_reply', instance: 1, offset_minutes: offset, policy_id: POLICY, due_at: t(due), fire_at: t(fire), clock_breached: breached };
}

function stored(id: string, offset: number, due: string, fire: string, state: StoredEscalation['state']): StoredEscalation {
  return { id, metric: 'first_reply', instance: 1, offset_minutes: offset, due_at: t(due), fire_at: t(fire), state };
}

describe('planEscalations', () => {
  it('plans each rule of a running clock with a due time, and nothing for other clocks', () => {
    expect(planEscalations([clock], offsets, new Map())).toEqual([planned(-15, '11:00', '10:45'), planned(0, '11:00', '11:00'), planned(30, '11:00', '11:30')]);
    for (const other of [
      { ...clock, state: 'paused' as const, due_at: null },
      { ...clock, state: 'fulfilled' as const },
      { ...clock, state: 'cancelled' as const },
      { ...clock, policy_id: null },
      { ...clock, metric: 'resolution' },
      // A business clock whose calendar is not known cannot be placed in time.
      { ...clock, mode: 'business' as const, calendar_id: 'gone' },
    ]) {
      expect(planEscalations([other], offsets, new Map())).toEqual([]);
    }
  });

  it('counts business time on the clock calendar (Mon–Fri 09–17 UTC): 15 min before Monday 09:10 is Friday 16:55', () => {
    const calendar = createCalendar({ timeZone: 'UTC', weeklyHours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start: '09:00', end: '17:00' }]])) });
    const business = { ...clock, mode: 'business' as const, calendar_id: 'office', due_at: t('09:10') };
    const plan = planEscalations([business], offsets, new Map([['office', calendar]]));
    expect(plan.map((p) => p.fire_at.toISOString())).toEqual(['2026-01-02T16:55:00.000Z', t('09:10').toISOString(), t('09:40').toISOString()]);
  });
});

describe('diffSchedule', () => {
  it('inserts what is new, cancels what is no longer planned, re-times what moved, keeps the rest', () => {
    const changes = diffSchedule(
      [planned(-15, '11:00', '10:45'), planned(0, '11:00', '11:01'), planned(30, '11:00', '11:30')],
      [stored('same', -15, '11:00', '10:45', 'scheduled'), stored('retimed', 0, '11:00', '11:00', 'scheduled'), stored('old due', 30, '12:00', '12:30', 'scheduled')],
      t('10:00'),
    );
    expect(changes).toEqual({ cancel: ['old due'], upsert: [planned(0, '11:00', '11:01'), planned(30, '11:00', '11:30')] });
  });

  it('never touches a fired row, and leaves a cancelled one to be revived by the upsert', () => {
    const changes = diffSchedule([planned(-15, '11:00', '10:45'), planned(0, '11:00', '11:00')], [stored('done', -15, '11:00', '10:45', 'fired'), stored('was cancelled', 0, '11:00', '11:00', 'cancelled')], t('10:50'));
    expect(changes).toEqual({ cancel: [], upsert: [planned(0, '11:00', '11:00')] });
  });

  it('a rule that fired for the clock fires again for a later due time only while ahead and not breached', () => {
    const fired = [stored('fired', -15, '11:00', '10:45', 'fired')];
    // Deadline extended to 12:00: the warning is ahead again.
    expect(diffSchedule([planned(-15, '12:00', '11:45')], fired, t('11:00')).upsert).toHaveLength(1);
    // Deadline shortened to 10:55: its warning time (10:40) has passed; warned already.
    expect(diffSchedule([planned(-15, '10:55', '10:40')], fired, t('10:50')).upsert).toEqual([]);
    // The clock breached: nothing already said is repeated, even ahead.
    expect(diffSchedule([planned(-15, '12:00', '11:45', true)], fired, t('11:00')).upsert).toEqual([]);
    // A rule that never fired for the clock fires, even late.
    expect(diffSchedule([planned(0, '10:55', '10:55', true)], fired, t('10:58')).upsert).toHaveLength(1);
  });
});
