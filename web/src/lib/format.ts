/**
 * Dates, numbers and durations through Intl. Thai uses the Buddhist calendar
 * (th-TH-u-ca-buddhist), which is what Thai agents read on paper and screens.
 */
export function intlLocale(lang: string): string {
  return lang === 'th' ? 'th-TH-u-ca-buddhist' : lang;
}

export function formatDateTime(iso: string, lang: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}

export function formatNumber(value: number, lang: string): string {
  return new Intl.NumberFormat(intlLocale(lang)).format(value);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** "3 hours ago", "in 5 minutes": the largest whole unit, seconds under a minute count as now. */
export function formatRelative(iso: string, now: number, lang: string): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(intlLocale(lang), { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.trunc(seconds / size), unit);
  }
  return rtf.format(0, 'minute');
}

/**
 * A duration as its two largest units ("2 d 5 h", "3 h 20 min"), each through Intl's unit
 * formatting so every language gets its own abbreviations. The sign is dropped: callers say
 * "left" or "overdue" in words.
 */
export function formatDuration(totalSeconds: number, lang: string): string {
  const s = Math.abs(Math.round(totalSeconds));
  const parts: [number, 'day' | 'hour' | 'minute'][] = [
    [Math.floor(s / 86_400), 'day'],
    [Math.floor((s % 86_400) / 3_600), 'hour'],
    [Math.floor((s % 3_600) / 60), 'minute'],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  if (first === -1) return unit(0, 'minute', lang);
  return parts
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, u]) => unit(n, u, lang))
    .join(' ');
}

function unit(value: number, u: 'day' | 'hour' | 'minute', lang: string): string {
  return new Intl.NumberFormat(intlLocale(lang), { style: 'unit', unit: u, unitDisplay: 'short' }).format(value);
}
