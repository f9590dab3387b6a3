import { DAY_MS, dayNumberOfIsoDate, isoDateOfDayNumber, isoWeekdayOfDayNumber, offsetAt, wallTimeToInstant } from '../sla/zoned-time.ts';

/**
 * Report weeks (pure): ISO weeks, Monday 00:00 to the next Monday 00:00 in the workspace's time
 * zone, named by their local Monday ("YYYY-MM-DD"). A week with a DST change is 167 or 169 hours
 * long; its bounds are still local midnights.
 */
export interface ReportWeek {
  /** The local Monday, "YYYY-MM-DD". */
  start: string;
  /** The local Sunday, "YYYY-MM-DD" (for display). */
  last: string;
  /** [from, to): the instants of the two local Mondays' midnights. */
  from: Date;
  to: Date;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date "YYYY-MM-DD" that is a Monday. */
export function isWeekStart(date: string): boolean {
  if (!ISO_DATE.test(date)) return false;
  const day = dayNumberOfIsoDate(date);
  return isoDateOfDayNumber(day) === date && isoWeekdayOfDayNumber(day) === 1;
}

/** The week starting on local Monday `start` in `timeZone`. */
export function reportWeek(timeZone: string, start: string): ReportWeek {
  if (!isWeekStart(start)) throw new RangeError(`${start} is not a Monday`);
  const day = dayNumberOfIsoDate(start);
  return {
    start,
    last: isoDateOfDayNumber(day + 6),
    from: new Date(wallTimeToInstant(timeZone, day * DAY_MS)),
    to: new Date(wallTimeToInstant(timeZone, (day + 7) * DAY_MS)),
  };
}

/** The week before `week`. */
export function previousWeek(timeZone: string, week: ReportWeek): ReportWeek {
  return reportWeek(timeZone, isoDateOfDayNumber(dayNumberOfIsoDate(week.start) - 7));
}

/**
 * The last week that has ended at `now` in `timeZone`: the week before the one `now` is in. After
 * any downtime this is still only the latest ended week, so a catch-up never sends older ones.
 */
export function lastEndedWeek(timeZone: string, now: Date): ReportWeek {
  const today = Math.floor((now.getTime() + offsetAt(timeZone, now.getTime())) / DAY_MS);
  const monday = today - (isoWeekdayOfDayNumber(today) - 1);
  return reportWeek(timeZone, isoDateOfDayNumber(monday - 7));
}
