import { cs } from './cs.ts';
import { en } from './en.ts';
import { ms } from './ms.ts';
import { th } from './th.ts';
import type { LanguageContent, Locale } from './types.ts';
import { vi } from './vi.ts';

export const CONTENT: Record<Locale, LanguageContent> = { en, th, vi, cs, ms };
