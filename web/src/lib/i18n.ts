import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../../../locales/web/en.json';
import { LOCALES, type Locale } from './types.ts';

const STORAGE_KEY = 'gapwise.locale';

/** Catalogs other than English load on demand (a chunk each). */
const loaders = import.meta.glob<{ default: Record<string, unknown> }>(['../../../locales/web/*.json', '!../../../locales/web/en.json']);

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The first supported language among the browser's preferences (th-TH → th), else English. */
export function browserLocale(languages: readonly string[] = navigator.languages ?? [navigator.language]): Locale {
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

/** A choice made with the switcher in this browser, if any. */
export function chosenLocale(): Locale | null {
  const stored = localStorage.getItem(STORAGE_KEY);
  return isLocale(stored) ? stored : null;
}

export async function initI18n(): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en } },
    lng: 'en',
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes
  });
  await applyLocale(chosenLocale() ?? browserLocale());
}

/** Loads the catalog if needed and switches the UI (and <html lang>) to it. */
export async function applyLocale(lang: Locale, remember = false): Promise<void> {
  if (!i18next.hasResourceBundle(lang, 'translation')) {
    const load = loaders[`../../../locales/web/${lang}.json`];
    if (load) i18next.addResourceBundle(lang, 'translation', (await load()).default);
  }
  if (remember) localStorage.setItem(STORAGE_KEY, lang);
  await i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
}

export { i18next };
