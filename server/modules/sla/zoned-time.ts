/**
 * Time-zone helpers built on Intl.DateTimeFormat with an explicit `timeZone`.
 * Nothing here reads the host zone (no Date#getTimezoneOffset, no local getters).
 *
 * "Wall time" is a local date and time written as epoch milliseconds as if it were UTC:
 * wall(2024-03-10 02:30) = Date.UTC(2024, 2, 10, 2, 30). A local day number is
 * floor(wall / DAY_MS), i.e. days since 1970-01-01 of the local calendar date.
 */

export const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** IANA names only ("Europe/Prague", "UTC", "Etc/GMT-7"); offset strings like "+07:00" are refused. */
export function isValidTimeZone(timeZone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(timeZone)) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Offset of `timeZone` from UTC at `epochMs`, in milliseconds (wall = instant + offset). */
export function offsetAt(timeZone: string, epochMs: number): number {
  const parts = formatterFor(timeZone).formatToParts(epochMs);
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let bc = false;
  for (const part of parts) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      case 'era':
        bc = part.value === 'BC';
        break;
    }
  }
  const wall = new Date(0);
  wall.setUTCFullYear(bc ? 1 - year : year, month - 1, day);
  wall.setUTCHours(hour, minute, second, 0);
  // Intl drops milliseconds, so compare against the instant floored to the second.
  const flooredToSecond = epochMs - (((epochMs % 1000) + 1000) % 1000);
  return wall.getTime() - flooredToSecond;
}

/**
 * Instant of a local wall time, by the spec's rule: a time that occurs twice (fall-back)
 * takes the earlier occurrence; a time that does not exist (spring-forward gap) moves
 * forward by the gap (02:30 → 03:30), i.e. it is read with the offset in force before
 * the transition. Same as Temporal's `disambiguation: 'compatible'`.
 */
export function wallTimeToInstant(timeZone: string, wall: number): number {
  // Offsets a day either side bracket any transition near this wall time (|offset| < 1 day).
  const before = offsetAt(timeZone, wall - DAY_MS);
  const after = offsetAt(timeZone, wall + DAY_MS);
  let earliest = Number.POSITIVE_INFINITY;
  for (const offset of before === after ? [before] : [before, after]) {
    const instant = wall - offset;
    if (offsetAt(timeZone, instant) === offset && instant < earliest) earliest = instant;
  }
  if (earliest !== Number.POSITIVE_INFINITY) return earliest;
  if (before === after) {
    // Two transitions within the window (historical oddities): trust the offset found at the guess.
    const guess = wall - before;
    return wall - offsetAt(timeZone, guess);
  }
  return wall - before;
}

/** The local day number (days since 1970-01-01 in the zone's wall time) of an instant. */
export function localDayNumberOf(timeZone: string, epochMs: number): number {
  return Math.floor((epochMs + offsetAt(timeZone, epochMs)) / DAY_MS);
}

/** Days since 1970-01-01 of an ISO date "YYYY-MM-DD" (no validation; see calendar.ts). */
export function dayNumberOfIsoDate(isoDate: string): number {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  date.setUTCFullYear(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10)));
  return Math.floor(date.getTime() / DAY_MS);
}

/** "YYYY-MM-DD" of a local day number (years 0000–9999). */
export function isoDateOfDayNumber(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a local day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekdayOfDayNumber(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}
