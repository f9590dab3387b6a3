/** Parsing and formatting of local times of day and dates in calendar definitions. */
import { DAY_MS } from './zoned-time.ts';

export interface CalendarIssue {
  /** Dot path of the offending field, e.g. `weeklyHours.mon.1.end`. */
  path: string;
  message: string;
}

/** `HH:MM` or `HH:MM:SS` → milliseconds since midnight; `24:00` only where `allow24`. */
export function parseTimeOfDay(value: unknown, allow24: boolean): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return undefined;
  const [hours, minutes, seconds] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
  if (minutes > 59 || seconds > 59) return undefined;
  if (hours === 24) return allow24 && minutes === 0 && seconds === 0 ? DAY_MS : undefined;
  if (hours > 23) return undefined;
  return ((hours * 60 + minutes) * 60 + seconds) * 1000;
}

/** Milliseconds since midnight → `HH:MM` (or `HH:MM:SS` when seconds are set); DAY_MS → `24:00`. */
export function formatTimeOfDay(ms: number): string {
  const totalSeconds = Math.floor(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hhmm = `${pad(Math.floor(totalSeconds / 3600))}:${pad(Math.floor(totalSeconds / 60) % 60)}`;
  return totalSeconds % 60 === 0 ? hhmm : `${hhmm}:${pad(totalSeconds % 60)}`;
}

export function parseIsoDate(value: unknown, path: string, issues: CalendarIssue[]): string | undefined {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (match && Number(match[1]) >= 1000 && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    return value as string;
  }
  issues.push({ path, message: 'must be a date YYYY-MM-DD' });
  return undefined;
}

export function parseMonthDay(value: unknown, path: string, issues: CalendarIssue[]): string | undefined {
  const match = typeof value === 'string' ? /^(\d{2})-(\d{2})$/.exec(value) : null;
  // 2000 is a leap year, so 02-29 is accepted (it applies in leap years only).
  if (match && isRealDate(2000, Number(match[1]), Number(match[2]))) return value as string;
  issues.push({ path, message: 'must be MM-DD for a recurring holiday' });
  return undefined;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
