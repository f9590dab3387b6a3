import { z } from 'zod';
import { timestamp } from './common.ts';

/**
 * Business calendars: opening hours in one IANA zone, used by SLA targets in
 * business mode. The shape is checked here; the rules (time formats, overlaps,
 * end after start, zones, 24/7) are checked by the calendar library, whose
 * issues come back as 400 validation_failed naming the request field.
 */

const time = z.string().max(8).describe('Local time HH:MM or HH:MM:SS; an end may be 24:00 (midnight at the end of the day)');
const date = z.string().max(10).describe('Local date YYYY-MM-DD');

export const timeRange = z.object({ start: time, end: time }).strict();

const dayRanges = z
  .array(timeRange)
  .max(48)
  .describe('Open intervals of the day; an overnight interval (22:00–06:00) is split at midnight into this day and the next');

export const weeklyHours = z
  .object({ mon: dayRanges, tue: dayRanges, wed: dayRanges, thu: dayRanges, fri: dayRanges, sat: dayRanges, sun: dayRanges })
  .partial()
  .strict()
  .describe('Weekday → open intervals; missing days are closed');

export const calendarShift = z
  .object({
    date,
    intervals: z.array(timeRange).max(48).describe('Replaces the weekly hours of this date; [] closes it. No overnight intervals: use 24:00 and the next date'),
  })
  .strict();

export const calendarBreak = z.object({ date, start: time, end: time }).strict().describe('Removes a segment of one date');

export const calendarHoliday = z
  .object({
    date: z.string().max(10).describe('YYYY-MM-DD; for a yearly holiday MM-DD (a YYYY-MM-DD date is taken as its month and day)'),
    name: z.string().max(200).nullable().optional(),
    recurring_yearly: z.boolean().optional(),
  })
  .strict();

const definitionFields = {
  time_zone: z.string().max(100).describe('IANA time zone, e.g. Europe/Prague'),
  always_open: z.boolean().optional().describe('24/7: business time is elapsed time; no hours, shifts, breaks or holidays'),
  weekly_hours: weeklyHours.optional(),
  shifts: z.array(calendarShift).max(2000).optional(),
  breaks: z.array(calendarBreak).max(2000).optional(),
  holidays: z.array(calendarHoliday).max(2000).optional(),
};

export const createCalendarBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    ...definitionFields,
    is_default: z.boolean().optional().describe('The workspace default; setting it unsets the previous default'),
  })
  .strict();

/** Every given field replaces the stored one as a whole (weekly_hours, shifts, breaks and holidays too). */
export const updateCalendarBody = createCalendarBody.partial().strict();

const normalizedRange = z.object({ start: z.string(), end: z.string() });

export const calendarDto = z.object({
  id: z.uuid(),
  name: z.string(),
  time_zone: z.string(),
  always_open: z.boolean(),
  is_default: z.boolean(),
  weekly_hours: z
    .object({
      mon: z.array(normalizedRange),
      tue: z.array(normalizedRange),
      wed: z.array(normalizedRange),
      thu: z.array(normalizedRange),
      fri: z.array(normalizedRange),
      sat: z.array(normalizedRange),
      sun: z.array(normalizedRange),
    })
    .describe('Normalised: overnight intervals split at midnight, sorted, touching intervals joined, 24:00 kept'),
  shifts: z.array(z.object({ date: z.string(), intervals: z.array(normalizedRange) })),
  breaks: z.array(z.object({ date: z.string(), start: z.string(), end: z.string() })),
  holidays: z.array(z.object({ date: z.string(), name: z.string().nullable(), recurring_yearly: z.boolean() })),
  created_at: timestamp,
  updated_at: timestamp,
});
export type CalendarDto = z.infer<typeof calendarDto>;

export const holidayImportDto = z.object({
  calendar: calendarDto,
  summary: z.object({
    added: z.number().int().describe('Holidays added to the calendar'),
    skipped: z
      .array(z.object({ line: z.number().int(), summary: z.string().nullable(), reason: z.string() }))
      .describe('Events not imported (line of their BEGIN:VEVENT), with the reason: already a holiday, unsupported repeat rule, cancelled …'),
  }),
});
export type HolidayImportDto = z.infer<typeof holidayImportDto>;
