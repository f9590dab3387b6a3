import { cs } from './cs.ts';
import { en } from './en.ts';
import { ms } from './ms.ts';
import { th } from './th.ts';
import type { ReportTexts } from './types.ts';
import { vi } from './vi.ts';

export const REPORT_LOCALES = ['en', 'th', 'vi', 'cs', 'ms'] as const;
export type ReportLocale = (typeof REPORT_LOCALES)[number];

export const REPORT_TEXTS: Record<ReportLocale, ReportTexts> = { en, th, vi, cs, ms };

/** The user's language when the report has it, else English. */
export function reportLocale(locale: string): ReportLocale {
  const base = locale.toLowerCase().split(/[-_]/)[0] ?? 'en';
  return (REPORT_LOCALES as readonly string[]).includes(base) ? (base as ReportLocale) : 'en';
}

/** Fills `{name}` placeholders; unknown names stay as written. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
