/**
 * The dashboard's period as it sits in the address bar, turned into instants. Pure (no React),
 * so it is easy to reason about: local dates in the chosen time zone, end exclusive.
 */
export const PRESETS = ['7d', '30d', '90d', '365d', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];
export const PERIODS = ['day', 'week', 'month'] as const;
export type Period = (typeof PERIODS)[number];

/** The filters every analytics endpoint takes, named as the API names them. */
export const FILTER_KEYS = ['tier_id', 'organization_id', 'channel', 'priority', 'category', 'team_id', 'branch_id', 'assignee_id', 'tag'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

export interface DashboardRange {
  preset: Preset;
  /** First local day, YYYY-MM-DD. */
  fromDate: string;
  /** Last local day (inclusive), YYYY-MM-DD. */
  toDate: string;
  /** Instants for the API: start of fromDate, start of the day after toDate. */
  from: string;
  to: string;
  /** The same number of days just before. */
  previous: { from: string; to: string; fromDate: string; toDate: string };
  timeZone: string;
  period: Period;
  days: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isDate(value: string | null | undefined): value is string {
  if (!value || !DATE.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The local calendar date of an instant in a time zone. */
export function localDate(instant: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Milliseconds the zone is ahead of UTC at an instant. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - Math.floor(instant / 1000) * 1000;
}

/** The instant a local day starts in a time zone (twice round, for days that change offset). */
export function startOfLocalDay(date: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  let t = wall - offsetAt(wall, timeZone);
  t = wall - offsetAt(t, timeZone);
  return new Date(t).toISOString();
}

/** Day buckets up to a month, weeks up to half a year, months beyond: about 5–60 points. */
export function defaultPeriod(days: number): Period {
  return days <= 31 ? 'day' : days <= 184 ? 'week' : 'month';
}

/** Reads the range from URL parameters (unknown values fall back to the last 30 days). */
export function rangeFrom(params: URLSearchParams, timeZone: string, now: number): DashboardRange {
  const raw = params.get('range') as Preset | null;
  let preset: Preset = raw && (PRESETS as readonly string[]).includes(raw) ? raw : '30d';
  const today = localDate(now, timeZone);
  let fromDate: string;
  let toDate: string;
  const from = params.get('from');
  const to = params.get('to');
  if (preset === 'custom' && isDate(from) && isDate(to) && from <= to && daysBetween(from, to) < 731) {
    fromDate = from;
    toDate = to;
  } else {
    if (preset === 'custom') preset = '30d';
    toDate = today;
    fromDate = addDays(today, -(Number.parseInt(preset, 10) - 1));
  }
  const days = daysBetween(fromDate, toDate) + 1;
  const rawPeriod = params.get('period') as Period | null;
  const period = rawPeriod && (PERIODS as readonly string[]).includes(rawPeriod) ? rawPeriod : defaultPeriod(days);
  const prevTo = addDays(fromDate, -1);
  const prevFrom = addDays(fromDate, -days);
  return {
    preset,
    fromDate,
    toDate,
    from: startOfLocalDay(fromDate, timeZone),
    to: startOfLocalDay(addDays(toDate, 1), timeZone),
    previous: { fromDate: prevFrom, toDate: prevTo, from: startOfLocalDay(prevFrom, timeZone), to: startOfLocalDay(fromDate, timeZone) },
    timeZone,
    period,
    days,
  };
}

export function filtersFrom(params: URLSearchParams): Filters {
  const out: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) out[key] = value;
  }
  return out;
}
