import { DAY_MS, isoDateOfDayNumber, isoWeekdayOfDayNumber, localDayNumberOf, wallTimeToInstant } from '../sla/zoned-time.ts';

/**
 * Local days, ISO weeks (from Monday) and months of a time zone as UTC instants (pure). The
 * results query groups with `width_bucket(time, starts)` — a binary search per row — instead of
 * converting every row to local time (`date_trunc(… at time zone …)`), which was the slowest part
 * of a grouped query over 500k responses.
 */
export type TimeUnit = 'day' | 'week' | 'month';

export interface TimeBuckets {
  /** Start instant of each bucket, ascending; the first is at or before the earliest time. */
  starts: Date[];
  /** The bucket's local start date, "YYYY-MM-DD". */
  labels: string[];
}

const MAX_BUCKETS = 20_000;

function nextStart(unit: TimeUnit, day: number): number {
  if (unit === 'day') return day + 1;
  if (unit === 'week') return day + 7;
  const date = new Date(day * DAY_MS);
  return Math.floor(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / DAY_MS);
}

function firstStart(unit: TimeUnit, day: number): number {
  if (unit === 'day') return day;
  if (unit === 'week') return day - (isoWeekdayOfDayNumber(day) - 1);
  const date = new Date(day * DAY_MS);
  return Math.floor(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / DAY_MS);
}

/** The buckets of `unit` covering [min, max] in `timeZone`. */
export function timeBuckets(unit: TimeUnit, timeZone: string, min: Date, max: Date): TimeBuckets {
  const starts: Date[] = [];
  const labels: string[] = [];
  const last = localDayNumberOf(timeZone, max.getTime());
  for (let day = firstStart(unit, localDayNumberOf(timeZone, min.getTime())); day <= last && starts.length < MAX_BUCKETS; day = nextStart(unit, day)) {
    starts.push(new Date(wallTimeToInstant(timeZone, day * DAY_MS)));
    labels.push(isoDateOfDayNumber(day));
  }
  return { starts, labels };
}
