/** Value and cost (issue 7, item 4), pure arithmetic. */

const SECONDS_PER_HOUR = 3600;

export function hoursOf(seconds: number): number {
  return seconds / SECONDS_PER_HOUR;
}

/** hours × rate rounded to cents; null without a rate. */
export function costOf(hours: number, hourlyRate: number | null): number | null {
  if (hourlyRate === null) return null;
  return Math.round(hours * hourlyRate * 100) / 100;
}

/** x / n, null at n = 0. */
export function ratioOrNull(x: number, n: number): number | null {
  return n === 0 ? null : x / n;
}
