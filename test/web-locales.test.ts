import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { identityKinds } from '../contracts/common.ts';
import { slaDisplayStatuses } from '../contracts/sla.ts';
import { CLOCK_METRICS } from '../server/modules/sla/clocks/clock-types.ts';
import { VIEW_IDS } from '../web/src/features/inbox/views.ts';
import { CHANNELS, LOCALES, PRIORITIES, STATUSES } from '../web/src/lib/types.ts';

/**
 * The web app's five catalogs (locales/web/*.json): every language has exactly the keys
 * English has (plural keys: exactly the plural forms the language uses), the same
 * {{placeholders}}, no key the code does not use, and no key the code uses that is missing.
 */
const DIR = path.resolve('locales/web');
const SRC = path.resolve('web/src');
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Catalog = Record<string, string>;

function flatten(value: unknown, prefix = ''): Catalog {
  const out: Catalog = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof v === 'string') out[full] = v;
    else Object.assign(out, flatten(v, full));
  }
  return out;
}

const catalogs = Object.fromEntries(LOCALES.map((lang) => [lang, flatten(JSON.parse(readFileSync(path.join(DIR, `${lang}.json`), 'utf8')))])) as Record<
  (typeof LOCALES)[number],
  Catalog
>;
const en = catalogs.en;
const baseOf = (key: string) => key.replace(PLURAL, '');
const pluralBases = new Set(Object.keys(en).filter((k) => PLURAL.test(k)).map(baseOf));
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();

/** Every key a language must have: plain keys as in English, plural keys in that language's own forms. */
function expectedKeys(lang: string): string[] {
  const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
  const plain = Object.keys(en).filter((k) => !pluralBases.has(baseOf(k)) || !PLURAL.test(k));
  const plural = [...pluralBases].flatMap((base) => categories.map((c) => `${base}_${c}`));
  return [...plain, ...plural].sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** Keys in the code: quoted dotted literals, and the prefixes of template keys (t(`status.${s}`)). */
function usedInCode(): { literals: Set<string>; prefixes: Set<string> } {
  const literals = new Set<string>();
  const prefixes = new Set<string>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/['"]([a-z][A-Za-z]*(?:\.[A-Za-z_]+)+)['"]/g)) literals.add(m[1] as string);
    for (const m of text.matchAll(/`([a-z][A-Za-z]*(?:\.[A-Za-z_]+)*\.)\$\{/g)) prefixes.add(m[1] as string);
  }
  return { literals, prefixes };
}

describe('web catalogs', () => {
  for (const lang of LOCALES) {
    it(`${lang}: exactly the keys of English, plurals in the forms ${lang} uses`, () => {
      expect(Object.keys(catalogs[lang]).sort()).toEqual(expectedKeys(lang));
    });

    it(`${lang}: placeholders match English, and no message is empty`, () => {
      for (const [key, text] of Object.entries(catalogs[lang])) {
        expect(text.trim(), `${lang} ${key}`).not.toBe('');
        const reference = en[key] ?? en[`${baseOf(key)}_other`] ?? '';
        expect(placeholders(text), `${lang} ${key}`).toEqual(placeholders(reference));
      }
    });
  }

  it('every English key is used by the code, and every key the code names exists', () => {
    const { literals, prefixes } = usedInCode();
    const bases = new Set(Object.keys(en).map(baseOf));
    const unused = [...bases].filter((key) => !literals.has(key) && ![...prefixes].some((p) => key.startsWith(p)));
    expect(unused).toEqual([]);
    // Literals that look like keys of a catalog namespace must exist (typos fail here).
    const namespaces = new Set([...bases].map((k) => k.split('.')[0]));
    const missing = [...literals].filter((l) => namespaces.has(l.split('.')[0]) && !bases.has(l) && !/\.(ts|tsx|json|js)$/.test(l));
    expect(missing).toEqual([]);
  });

  it('keys built from values cover every value the API can send', () => {
    const need = [
      ...STATUSES.map((s) => `status.${s}`),
      ...PRIORITIES.map((p) => `priority.${p}`),
      ...CHANNELS.map((c) => `channels.${c}`),
      ...VIEW_IDS.map((v) => `views.${v}`),
      ...slaDisplayStatuses.options.map((s) => `sla.status.${s}`),
      ...CLOCK_METRICS.map((m) => `sla.metric.${m}`),
      ...identityKinds.options.map((k) => `identity.${k}`),
      ...['connecting', 'open', 'reconnecting'].map((s) => `live.${s}`),
      ...['public_reply', 'internal_note'].map((k) => `reply.${k}`),
    ];
    expect(need.filter((k) => en[k] === undefined)).toEqual([]);
  });
});
