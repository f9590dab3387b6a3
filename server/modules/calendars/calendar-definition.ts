/**
 * Translation between the API's snake_case calendar fields and the calendar
 * library's camelCase definition (server/modules/sla/calendar.ts), both ways,
 * including the library's validation issues, whose paths are turned into the
 * request fields the caller sent. Pure.
 */
import type { z } from 'zod';
import type { calendarDto, createCalendarBody } from '../../../contracts/calendars.ts';
import {
  type CalendarDefinition,
  type CalendarHoliday,
  type CalendarIssue,
  type NormalizedCalendarDefinition,
  WEEKDAYS,
} from '../sla/calendar.ts';
import type { ImportedHoliday, SkippedEvent } from './ics-holidays.ts';

type DefinitionFields = Pick<
  z.output<typeof createCalendarBody>,
  'time_zone' | 'always_open' | 'weekly_hours' | 'shifts' | 'breaks' | 'holidays'
>;
export type CalendarDefinitionDto = Omit<z.infer<typeof calendarDto>, 'id' | 'name' | 'is_default' | 'created_at' | 'updated_at'>;

/** API fields → library definition. Array positions are kept, so issue paths line up with the request. */
export function toLibraryDefinition(fields: Required<Pick<DefinitionFields, 'time_zone'>> & DefinitionFields): {
  definition: CalendarDefinition;
  issues: CalendarIssue[];
} {
  const issues: CalendarIssue[] = [];
  const definition: CalendarDefinition = { timeZone: fields.time_zone };
  if (fields.always_open !== undefined) definition.alwaysOpen = fields.always_open;
  if (fields.weekly_hours) definition.weeklyHours = fields.weekly_hours;
  if (fields.shifts) definition.shifts = fields.shifts.map((s) => ({ date: s.date, hours: s.intervals }));
  if (fields.breaks) definition.breaks = fields.breaks;
  if (fields.holidays) {
    definition.holidays = fields.holidays.map((h, i): CalendarHoliday => {
      const holiday: CalendarHoliday = { date: h.date };
      if (h.name) holiday.name = h.name;
      if (h.recurring_yearly) {
        holiday.recurring = true;
        // A yearly holiday may be given by a date it falls on; it is stored as MM-DD.
        const full = /^(\d{4})-(\d{2})-(\d{2})$/.exec(h.date);
        if (full) {
          if (isRealDate(h.date)) holiday.date = h.date.slice(5);
          else issues.push({ path: `body.holidays.${i}.date`, message: 'must be a date YYYY-MM-DD or MM-DD' });
        }
      }
      return holiday;
    });
  }
  return { definition, issues };
}

/** Stored (normalised) definition → the API fields, for responses and for merging a PATCH. */
export function fromLibraryDefinition(d: NormalizedCalendarDefinition): CalendarDefinitionDto {
  return {
    time_zone: d.timeZone,
    always_open: d.alwaysOpen,
    weekly_hours: Object.fromEntries(WEEKDAYS.map((day) => [day, d.weeklyHours[day].map(range)])) as CalendarDefinitionDto['weekly_hours'],
    shifts: d.shifts.map((s) => ({ date: s.date, intervals: s.hours.map(range) })),
    breaks: d.breaks.map((b) => ({ date: b.date, start: b.start, end: b.end })),
    holidays: d.holidays.map((h) => ({ date: h.date, name: h.name ?? null, recurring_yearly: h.recurring === true })),
  };
}

const range = (r: { start: string; end: string }) => ({ start: r.start, end: r.end });

/** Library issue → request issue: `weeklyHours.mon.1.end` → `body.weekly_hours.mon.1.end`, and so on. */
export function toRequestIssue(issue: CalendarIssue): CalendarIssue {
  // The morning half of an overnight interval carries its source's path plus a note.
  const afterMidnight = issue.path.endsWith(' (after midnight)');
  const path = toRequestPath(issue.path.replace(' (after midnight)', ''));
  // Messages name other fields too ("overlaps weeklyHours.mon.0").
  const message = issue.message.replace(/\b(?:weeklyHours|shifts|breaks|holidays)\.[\w.]*\w( \(after midnight\))?/g, (m, note?: string) =>
    toRequestPath(note ? m.slice(0, -note.length) : m) + (note ? ' (its part after midnight)' : ''),
  );
  return { path, message: afterMidnight ? `${message} (its part after midnight)` : message };
}

function toRequestPath(libraryPath: string): string {
  if (libraryPath === '') return 'body';
  const parts = libraryPath.split('.');
  const renamed = parts.map((part, i) => {
    if (i === 0) return { timeZone: 'time_zone', alwaysOpen: 'always_open', weeklyHours: 'weekly_hours' }[part] ?? part;
    if (parts[0] === 'shifts' && i === 2 && part === 'hours') return 'intervals';
    if (parts[0] === 'holidays' && i === 2 && part === 'recurring') return 'recurring_yearly';
    return part;
  });
  return ['body', ...renamed].join('.');
}

/**
 * Adds imported holidays to a calendar's, one per date: a date that is already
 * a holiday (or falls on a yearly one) is reported as skipped, never doubled.
 */
export function mergeHolidays(
  existing: CalendarHoliday[],
  imported: ImportedHoliday[],
): { holidays: CalendarHoliday[]; added: number; skipped: SkippedEvent[] } {
  const oneOff = new Set(existing.filter((h) => !h.recurring).map((h) => h.date));
  const yearly = new Set(existing.filter((h) => h.recurring).map((h) => h.date));
  const holidays = [...existing];
  const skipped: SkippedEvent[] = [];
  for (const h of imported) {
    const skip = (reason: string) => skipped.push({ line: h.line, summary: h.name, reason });
    if (h.recurringYearly) {
      if (yearly.has(h.date)) {
        skip(`${h.date} is already a yearly holiday`);
        continue;
      }
      yearly.add(h.date);
    } else {
      if (oneOff.has(h.date)) {
        skip(`${h.date} is already a holiday`);
        continue;
      }
      if (yearly.has(h.date.slice(5))) {
        skip(`${h.date} falls on the yearly holiday ${h.date.slice(5)}`);
        continue;
      }
      oneOff.add(h.date);
    }
    holidays.push({ date: h.date, ...(h.recurringYearly ? { recurring: true } : {}), ...(h.name ? { name: h.name } : {}) });
  }
  return { holidays, added: holidays.length - existing.length, skipped };
}

function isRealDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}
