/** Table runners shared by the SLA library tests (not part of the public entry). */
import { expect, it } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween } from './business-time.ts';
import { type CalendarDefinition, createCalendar } from './calendar.ts';

export interface AddCase {
  name: string;
  calendar: CalendarDefinition;
  start: string;
  minutes: number;
  expected: string;
}

export interface BetweenCase {
  name: string;
  calendar: CalendarDefinition;
  from: string;
  to: string;
  minutes: number;
}

/** Runs an add table; each row also checks between(start, result) == minutes. */
export function runAddTable(cases: AddCase[]) {
  it.each(cases)('$name', ({ calendar, start, minutes, expected }) => {
    const compiled = createCalendar(calendar);
    const result = addBusinessMinutes(compiled, new Date(start), minutes);
    expect(result.toISOString()).toBe(new Date(expected).toISOString());
    expect(businessMinutesBetween(compiled, new Date(start), result)).toBe(minutes);
  });
}

export function runBetweenTable(cases: BetweenCase[]) {
  it.each(cases)('$name', ({ calendar, from, to, minutes }) => {
    expect(businessMinutesBetween(createCalendar(calendar), new Date(from), new Date(to))).toBe(minutes);
  });
}

