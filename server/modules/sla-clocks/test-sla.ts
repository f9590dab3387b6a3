/**
 * Fixtures for the SLA clock tests (not a test file): a business calendar stored through the
 * calendars API, and a hand-built policy resolver over it, so the clocks are known by hand.
 */
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { type Auth, call } from '../../../test/harness.ts';
import { newId } from '../../platform/ids.ts';
import { type BusinessCalendar, createCalendar } from '../sla/calendar.ts';
import type { ClockPolicy, ClockTarget } from '../sla/clocks/clock-types.ts';
import type { SlaClockResolver } from './sla-clocks.service.ts';

const NINE_TO_FIVE = [{ start: '09:00', end: '17:00' }];
const OFFICE_HOURS = { mon: NINE_TO_FIVE, tue: NINE_TO_FIVE, wed: NINE_TO_FIVE, thu: NINE_TO_FIVE, fri: NINE_TO_FIVE };

/** Monday 5 January 2026 in Bangkok (UTC+7, no DST): `mon('10:00')`. */
export const mon = (time: string) => `2026-01-05T${time}:00+07:00`;
export const tue = (time: string) => `2026-01-06T${time}:00+07:00`;
export const wed = (time: string) => `2026-01-07T${time}:00+07:00`;
export const iso = (local: string) => new Date(local).toISOString();
export const HOUR = 3600;

/** Mon–Fri 09:00–17:00 Asia/Bangkok, stored through the API; returns it compiled as policies compile it. */
export async function createOfficeCalendar(app: FastifyInstance, as: Auth): Promise<{ id: string; calendar: BusinessCalendar }> {
  const res = await call(app, 'POST', '/api/v1/calendars', { as, body: { name: 'Bangkok office', time_zone: 'Asia/Bangkok', weekly_hours: OFFICE_HOURS } });
  expect(res.statusCode).toBe(201);
  return { id: res.json().id, calendar: createCalendar({ timeZone: 'Asia/Bangkok', weeklyHours: OFFICE_HOURS }) };
}

/**
 * One policy for every ticket but `low` priority ones (no policy: no clocks):
 * - normal: first reply 4 business hours, resolution 16 business hours;
 * - high: first reply 2 business hours, resolution 8 business hours;
 * - urgent: first reply 30 minutes of calendar time.
 * A warning one hour before the first reply is due.
 */
export function officeResolver(calendar: BusinessCalendar, policyId = newId()): SlaClockResolver & { policyId: string } {
  const business = (metric: ClockTarget['metric'], hours: number): ClockTarget => ({ metric, seconds: hours * HOUR, mode: 'business', calendar });
  const policy: ClockPolicy = {
    targets: {
      normal: [business('first_reply', 4), business('resolution', 16)],
      high: [business('first_reply', 2), business('resolution', 8)],
      urgent: [{ metric: 'first_reply', seconds: 30 * 60, mode: 'calendar' }],
    },
  };
  return {
    policyId,
    policyFor: (priority) => (priority === 'low' ? null : policy),
    policyIdFor: (priority) => (priority === 'low' ? null : policyId),
    warningOffsetsFor: (_id, metric) => (metric === 'first_reply' ? [-HOUR] : []),
  };
}
