import { formatDuration, intlLocale } from '../../../lib/format.ts';

/** A share 0..1 as a percentage in the reader's locale ("87.5 %"). */
export function formatPercent(share: number | null | undefined, lang: string, digits = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return new Intl.NumberFormat(intlLocale(lang), { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(share);
}

/** A number with at most `digits` decimals in the reader's locale. */
export function formatDecimal(value: number | null | undefined, lang: string, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(intlLocale(lang), { maximumFractionDigits: digits }).format(value);
}

/** Seconds as "3 h 20 min" in the reader's language; a dash when there is no value. */
export function formatSeconds(seconds: number | null | undefined, lang: string): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  return formatDuration(seconds, lang);
}

/** Money with a currency code, or a plain number when the code is unknown. */
export function formatMoney(value: number | null | undefined, currency: string | null | undefined, lang: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  try {
    if (currency) return new Intl.NumberFormat(intlLocale(lang), { style: 'currency', currency }).format(value);
  } catch {
    // An unknown code: fall through to a plain number.
  }
  return new Intl.NumberFormat(intlLocale(lang), { maximumFractionDigits: 2 }).format(value);
}

/** A local date "YYYY-MM-DD" as the reader writes dates (Thai: Buddhist era). */
export function formatLocalDate(date: string, lang: string, style: 'day' | 'month' = 'day'): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const options: Intl.DateTimeFormatOptions = style === 'month' ? { year: 'numeric', month: 'short', timeZone: 'UTC' } : { dateStyle: 'medium', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(intlLocale(lang), options).format(new Date(Date.UTC(y, m - 1, d)));
}
