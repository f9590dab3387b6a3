/**
 * Macro text rendering (pure, no I/O): placeholders `{{ name }}` are replaced by values; a
 * placeholder the values do not know is left exactly as written (so the agent sees it in the
 * reply box and fixes it) and reported. In HTML, values are escaped.
 */
export type Locale = 'en' | 'th' | 'vi' | 'cs' | 'ms';

export interface RenderResult {
  output: string;
  /** Unknown placeholder names, in order of first appearance, without duplicates. */
  unknown: string[];
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g;

export function renderTemplate(template: string, values: ReadonlyMap<string, string>, options: { html?: boolean } = {}): RenderResult {
  const unknown: string[] = [];
  const output = template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values.get(name);
    if (value === undefined) {
      if (!unknown.includes(name)) unknown.push(name);
      return whole;
    }
    return options.html ? escapeHtml(value) : value;
  });
  return { output, unknown };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);
}

/**
 * The language to use: the first of `preferred` the macro has text in (customer's locale, then
 * the workspace's), then English, then whatever language it has.
 */
export function pickLocale<T>(content: Partial<Record<Locale, T>>, preferred: (string | null | undefined)[]): Locale | null {
  const has = (l: string | null | undefined): l is Locale => typeof l === 'string' && content[l as Locale] !== undefined;
  for (const candidate of [...preferred, 'en']) {
    const base = candidate?.toLowerCase().split(/[-_]/)[0];
    if (has(base)) return base;
  }
  const first = Object.keys(content).find((l) => content[l as Locale] !== undefined);
  return (first as Locale | undefined) ?? null;
}

/** The first word of a name (for `first_name` placeholders); the whole name when it has no space. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? '';
}
