import type { Gender } from './content/types.ts';

export interface TextVars {
  name: string;
  fullname: string;
  agent: string;
  order: string;
  customerGender: Gender;
  agentGender: Gender;
}

const GENDERED = /\{([ca]):([^|{}]*)\|([^{}]*)\}/g;
const VARIABLE = /\{(name|fullname|agent|order)\}/g;

/** Fills a script line's placeholders (see content/types.ts). */
export function renderText(template: string, vars: TextVars): string {
  return template
    .replace(GENDERED, (_, who: string, male: string, female: string) =>
      (who === 'c' ? vars.customerGender : vars.agentGender) === 'm' ? male : female,
    )
    .replace(VARIABLE, (_, key: 'name' | 'fullname' | 'agent' | 'order') => vars[key]);
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The HTML part an email client would send: paragraphs and line breaks. */
export function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
}
