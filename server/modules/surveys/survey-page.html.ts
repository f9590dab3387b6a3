import type { SurveyDefinition, SurveyLocale, SurveyQuestion, Translations } from '../../../contracts/surveys.ts';
import type { AnswerIssue, Answers } from './survey-answers.ts';
import { escapeHtml as e } from './survey-email.ts';
import { fill, SURVEY_TEXTS, textIn } from './texts/index.ts';

/**
 * The public response page (pure HTML, no script): one form that POSTs to its own URL, every
 * question a fieldset with a legend, every choice a labelled radio or checkbox, errors listed at
 * the top (role=alert) and beside their question, the page's `lang` set, visible focus, and a
 * layout that fits a phone.
 */

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Thai",sans-serif;color:#1a1a1a;background:#f6f6f4}
main{max-width:42rem;margin:0 auto;padding:1rem}h1{font-size:1.5rem;line-height:1.25}h2{font-size:1.2rem;margin-top:2rem}
fieldset{border:1px solid #c8c8c8;border-radius:8px;margin:0 0 1rem;padding:.75rem 1rem;background:#fff}legend{font-weight:600;padding:0 .25rem}
.choices{display:flex;flex-wrap:wrap;gap:.5rem}.choices label{display:flex;align-items:center;gap:.4rem;border:1px solid #bbb;border-radius:6px;padding:.5rem .75rem;min-height:44px;cursor:pointer;background:#fafafa}
.choices.stack{flex-direction:column}.ends{display:flex;justify-content:space-between;font-size:.85rem;color:#555}
input[type=radio],input[type=checkbox]{width:1.25rem;height:1.25rem}textarea,input[type=number]{width:100%;font:inherit;padding:.5rem;border:1px solid #888;border-radius:6px}
input[type=number]{max-width:7rem}button{font:inherit;font-weight:600;padding:.75rem 1.5rem;min-height:44px;border:0;border-radius:6px;background:#1f5fbf;color:#fff;cursor:pointer}
:focus-visible{outline:3px solid #f5a623;outline-offset:2px}.errors{border:2px solid #b00020;background:#fdecee;border-radius:8px;padding:.75rem 1rem;margin-bottom:1rem}
.error{color:#b00020;font-weight:600}.note{background:#eef4ff;border-radius:8px;padding:.75rem 1rem}.muted{color:#555;font-size:.9rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
`;

export function pageShell(locale: SurveyLocale, title: string, body: string): string {
  return `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer"><title>${e(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

/** A page that only says something: thanks, expired, closed, already answered, not found. */
export function messagePage(locale: SurveyLocale, title: string, message: string, extra = ''): string {
  return pageShell(locale, title, `<h1>${e(title)}</h1><p role="status">${e(message)}</p>${extra}`);
}

export interface FormPage {
  locale: SurveyLocale;
  company: string;
  definition: SurveyDefinition;
  version: number;
  token: string;
  /** Answers to show chosen (a previous answer being edited, a one-click rating, or a rejected submission). */
  values: Answers | Record<string, unknown>;
  issues: AnswerIssue[];
  preselected: boolean;
  editUntil: string | null;
}

const fieldId = (...parts: string[]) => `f-${parts.join('-')}`.replace(/[^A-Za-z0-9_-]/g, '_');

function questionTitle(q: SurveyQuestion, page: FormPage): string {
  const vars = { company: page.company };
  switch (q.kind) {
    case 'servqual':
      return fill(textIn(q.perception, page.locale), vars);
    case 'kano':
      return textIn(q.feature, page.locale);
    default:
      return fill(textIn(q.text, page.locale), vars);
  }
}

function issueText(issue: AnswerIssue, page: FormPage): string {
  const q = page.definition.questions.find((x) => x.id === issue.questionId);
  const name = q ? questionTitle(q, page) : issue.questionId;
  return fill(SURVEY_TEXTS[page.locale].page[issue.kind], { field: name });
}

function radios(name: string, options: { value: string; label: string }[], chosen: unknown, describedBy: string, stack = false): string {
  return `<div class="choices${stack ? ' stack' : ''}">${options
    .map((o) => {
      const id = fieldId(name, o.value);
      const checked = String(chosen ?? '') === o.value ? ' checked' : '';
      return `<label for="${id}"><input type="radio" id="${id}" name="${e(name)}" value="${e(o.value)}"${checked}${describedBy}><span>${e(o.label)}</span></label>`;
    })
    .join('')}</div>`;
}

function scaleOptions(scale: { min: number; max: number; labels: Record<string, unknown> }, locale: SurveyLocale, compact: boolean) {
  const options: { value: string; label: string }[] = [];
  for (let v = scale.min; v <= scale.max; v++) {
    const label = textIn(scale.labels[String(v)] as never, locale);
    options.push({ value: String(v), label: compact || !label ? String(v) : `${v} — ${label}` });
  }
  return options;
}

function partValue(values: FormPage['values'], id: string, part: string): unknown {
  const v = values[id];
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>)[part] : undefined;
}

function renderQuestion(q: SurveyQuestion, page: FormPage, part?: 'expectation' | 'perception'): string {
  const t = SURVEY_TEXTS[page.locale];
  const errs = page.issues.filter((i) => i.questionId === q.id && (!part || i.path.endsWith(`.${part}`) || i.path === `answers.${q.id}`));
  const errId = fieldId('err', q.id, part ?? '');
  const describedBy = errs.length > 0 ? ` aria-describedby="${errId}" aria-invalid="true"` : '';
  const errorHtml = errs.length > 0 ? `<p class="error" id="${errId}">${errs.map((i) => e(issueText(i, page))).join(' ')}</p>` : '';
  const optional = q.required ? '' : ` <span class="muted">${e(t.page.optional)}</span>`;
  const legend = (text: string) => `<legend id="${fieldId('q', q.id, part ?? '')}">${e(text)}${optional}</legend>`;
  switch (q.kind) {
    case 'scale': {
      const compact = q.scale.max - q.scale.min > 6;
      const ends = compact
        ? `<div class="ends" aria-hidden="true"><span>${e(textIn(q.scale.labels[String(q.scale.min)], page.locale))}</span><span>${e(textIn(q.scale.labels[String(q.scale.max)], page.locale))}</span></div>`
        : '';
      return `<fieldset>${legend(questionTitle(q, page))}${errorHtml}${radios(`q.${q.id}`, scaleOptions(q.scale, page.locale, compact), page.values[q.id], describedBy, !compact)}${ends}</fieldset>`;
    }
    case 'choice': {
      const chosen = new Set(([] as unknown[]).concat(page.values[q.id] ?? []).map(String));
      const inputs = q.options
        .map((o) => {
          const id = fieldId('q', q.id, o.id);
          const type = q.multiple ? 'checkbox' : 'radio';
          return `<label for="${id}"><input type="${type}" id="${id}" name="q.${e(q.id)}" value="${e(o.id)}"${chosen.has(o.id) ? ' checked' : ''}${describedBy}><span>${e(textIn(o.text, page.locale))}</span></label>`;
        })
        .join('');
      return `<fieldset>${legend(questionTitle(q, page))}${errorHtml}<div class="choices stack">${inputs}</div></fieldset>`;
    }
    case 'text': {
      const id = fieldId('q', q.id, '');
      const value = typeof page.values[q.id] === 'string' ? (page.values[q.id] as string) : '';
      return `<div class="field"><label for="${id}"><strong>${e(questionTitle(q, page))}</strong>${optional}</label>${errorHtml}<textarea id="${id}" name="q.${e(q.id)}" rows="4" maxlength="${q.max_length}"${describedBy}>${e(value)}</textarea></div>`;
    }
    case 'servqual': {
      const scale: { min: number; max: number; labels: Record<string, Translations> } = page.definition.servqual?.scale ?? { min: 1, max: 7, labels: {} };
      const statement = part === 'expectation' ? textIn(q.expectation, page.locale) : textIn(q.perception, page.locale);
      const parts: readonly string[] = page.definition.servqual?.form === 'three_column' ? ['adequate', 'desired', 'perception'] : [part ?? 'perception'];
      const labels = page.definition.servqual?.column_labels ?? {};
      const rows = parts
        .map((p) => {
          const heading = parts.length > 1 ? `<p><strong>${e(fill(textIn(labels[p as keyof typeof labels], page.locale), { company: page.company }))}</strong></p>` : '';
          return `${heading}${radios(`q.${q.id}.${p}`, scaleOptions(scale, page.locale, true), partValue(page.values, q.id, p), describedBy)}`;
        })
        .join('');
      const ends = `<div class="ends" aria-hidden="true"><span>${e(textIn(scale.labels[String(scale.min)], page.locale))}</span><span>${e(textIn(scale.labels[String(scale.max)], page.locale))}</span></div>`;
      return `<fieldset>${legend(fill(statement, { company: page.company }))}${errorHtml}${rows}${ends}</fieldset>`;
    }
    case 'kano': {
      const answers = page.definition.kano_answers;
      const options = (['like', 'expect', 'neutral', 'live_with', 'dislike'] as const).map((a) => ({
        value: a,
        label: answers?.[a] ? textIn(answers[a], page.locale) : t.kano.answers[a],
      }));
      const half = (p: 'functional' | 'dysfunctional') =>
        `<fieldset><legend>${e(textIn(q[p], page.locale))}</legend>${radios(`q.${q.id}.${p}`, options, partValue(page.values, q.id, p), describedBy, true)}</fieldset>`;
      return `<fieldset>${legend(questionTitle(q, page))}${errorHtml}${half('functional')}${half('dysfunctional')}</fieldset>`;
    }
    case 'allocation': {
      const hintId = fieldId('hint', q.id);
      const inputs = q.options
        .map((o) => {
          const id = fieldId('q', q.id, o.id);
          const v = partValue(page.values, q.id, o.id);
          return `<p><label for="${id}">${e(textIn(o.text, page.locale))}</label><br><input type="number" inputmode="numeric" min="0" max="${q.total}" step="any" id="${id}" name="q.${e(q.id)}.${e(o.id)}" value="${v === undefined ? '' : e(String(v))}" aria-describedby="${hintId}"></p>`;
        })
        .join('');
      return `<fieldset>${legend(questionTitle(q, page))}<p class="muted" id="${hintId}">${e(fill(t.page.allocation_hint, { total: String(q.total) }))}</p>${errorHtml}${inputs}</fieldset>`;
    }
  }
}

export function formPage(page: FormPage): string {
  const t = SURVEY_TEXTS[page.locale];
  const title = fill(textIn(page.definition.title, page.locale), { company: page.company });
  const parts: string[] = [`<h1>${e(title)}</h1>`];
  if (page.definition.intro) parts.push(`<p>${e(fill(textIn(page.definition.intro, page.locale), { company: page.company }))}</p>`);
  if (page.issues.length > 0) {
    const items = [...new Map(page.issues.map((i) => [i.path, i])).values()]
      .map((i) => `<li><a href="#${fieldId('q', i.questionId, i.path.split('.')[2] ?? '')}">${e(issueText(i, page))}</a></li>`)
      .join('');
    parts.push(`<div class="errors" role="alert"><p><strong>${e(t.page.error_summary)}</strong></p><ul>${items}</ul></div>`);
  }
  if (page.preselected) parts.push(`<p class="note" role="status">${e(t.page.preselected)}</p>`);
  if (page.editUntil) parts.push(`<p class="muted">${e(fill(t.page.edit_until, { time: page.editUntil }))}</p>`);
  const body: string[] = [];
  const servqual = page.definition.questions.filter((q) => q.kind === 'servqual');
  const gapForm = servqual.length > 0 && page.definition.servqual?.form !== 'three_column';
  const columns = page.definition.servqual?.column_labels ?? {};
  let servqualDone = false;
  for (const q of page.definition.questions) {
    if (q.kind === 'servqual' && gapForm) {
      if (servqualDone) continue;
      servqualDone = true;
      // The published form: all expectations first, then all perceptions.
      for (const part of ['expectation', 'perception'] as const) {
        body.push(`<h2>${e(fill(textIn(columns[part], page.locale), { company: page.company }))}</h2>`);
        for (const item of servqual) body.push(renderQuestion(item, page, part));
      }
      continue;
    }
    body.push(renderQuestion(q, page));
  }
  parts.push(
    `<form method="post" action="/s/${e(page.token)}" accept-charset="utf-8">` +
      `<input type="hidden" name="t" value="${e(page.token)}"><input type="hidden" name="version" value="${page.version}">` +
      `${body.join('\n')}<p><button type="submit">${e(page.preselected ? t.page.confirm : t.page.submit)}</button></p></form>`,
  );
  return pageShell(page.locale, title, parts.join('\n'));
}
