import { BUILTIN_FIELDS, type FormField, HONEYPOT_FIELD } from '../../../../contracts/forms.ts';
import { type FormLocale, formTexts } from './form-texts.ts';

/**
 * The embeddable form: a small self-contained HTML page (no script) that posts
 * application/x-www-form-urlencoded to the public submit route. Every admin-given text is escaped.
 * The honeypot is a text field people cannot see (off-screen, not focusable); bots fill it.
 */

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export function fieldLabel(field: FormField, locale: FormLocale): string {
  if ((BUILTIN_FIELDS as readonly string[]).includes(field.key) && field.label === undefined) {
    return formTexts(locale).labels[field.key as keyof ReturnType<typeof formTexts>['labels']];
  }
  if (typeof field.label === 'string') return field.label;
  return field.label?.[locale] ?? field.label?.en ?? field.key;
}

const STYLE = `body{font:16px/1.4 system-ui,sans-serif;margin:0;padding:16px;color:#1f2328}
form{max-width:560px}label{display:block;margin:12px 0 4px;font-weight:600}
input,textarea,select{width:100%;box-sizing:border-box;padding:8px;border:1px solid #8c959f;border-radius:6px;font:inherit}
textarea{min-height:140px}input[type=checkbox]{width:auto}button{margin-top:16px;padding:10px 20px;border:0;border-radius:6px;background:#0969da;color:#fff;font:inherit;cursor:pointer}
.hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}.req{color:#cf222e;font-weight:400;font-size:.85em}`;

function page(locale: FormLocale, title: string, body: string): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

function control(field: FormField, id: string, required: boolean): string {
  const builtin = (BUILTIN_FIELDS as readonly string[]).includes(field.key);
  const type = builtin ? (field.key === 'email' ? 'email' : field.key === 'message' ? 'textarea' : 'text') : (field.type ?? 'text');
  const req = required ? ' required' : '';
  const max = field.max_length ? ` maxlength="${field.max_length}"` : '';
  const name = `name="${escapeHtml(field.key)}" id="${id}"`;
  if (type === 'textarea') return `<textarea ${name}${req}${max}></textarea>`;
  if (type === 'select') {
    const options = (field.options ?? []).map((o) => `<option value="${escapeHtml(o)}">${escapeHtml(o)}</option>`).join('');
    return `<select ${name}${req}><option value=""></option>${options}</select>`;
  }
  if (type === 'checkbox') return `<input type="checkbox" value="on" ${name}${req}>`;
  return `<input type="${type}" ${name}${req}${max}>`;
}

export function renderFormPage(form: { id: string; name: string; fields: FormField[] }, locale: FormLocale, action: string): string {
  const t = formTexts(locale);
  const rows = form.fields
    .map((f, i) => {
      const required = f.required || f.key === 'email';
      const id = `f${i}`;
      const mark = required ? ` <span class="req">(${escapeHtml(t.required)})</span>` : '';
      return `<label for="${id}">${escapeHtml(fieldLabel(f, locale))}${mark}</label>${control(f, id, required)}`;
    })
    .join('\n');
  const honeypot = `<div class="hp" aria-hidden="true"><label for="hp">${escapeHtml(t.honeypot)}</label><input type="text" name="${HONEYPOT_FIELD}" id="hp" tabindex="-1" autocomplete="off"></div>`;
  const body = `<form method="post" action="${escapeHtml(action)}" accept-charset="utf-8">
<input type="hidden" name="locale" value="${locale}">
${rows}
${honeypot}
<button type="submit">${escapeHtml(t.submit)}</button>
</form>`;
  return page(locale, form.name, body);
}

export function renderThanksPage(locale: FormLocale): string {
  const t = formTexts(locale);
  return page(locale, t.thanksTitle, `<h1>${escapeHtml(t.thanksTitle)}</h1><p>${escapeHtml(t.thanksBody)}</p>`);
}

export function renderErrorPage(locale: FormLocale, lines: string[]): string {
  const t = formTexts(locale);
  const items = lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('');
  return page(locale, t.errorTitle, `<h1>${escapeHtml(t.errorTitle)}</h1><ul>${items}</ul>`);
}
