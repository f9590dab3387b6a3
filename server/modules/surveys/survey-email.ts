import type { SurveyDefinition, SurveyLocale } from '../../../contracts/surveys.ts';
import type { OutgoingMail } from '../../platform/mailer.ts';
import { fill, SURVEY_TEXTS, textIn } from './texts/index.ts';

/**
 * The invitation email (pure). A CSAT, CES or NPS survey gets one link per rating: each opens the
 * page with that rating chosen and a confirm button (a link never records an answer — scanners
 * follow links). Other surveys get one link to the page.
 */
export function invitationMail(spec: {
  to: string;
  url: string;
  locale: SurveyLocale;
  company: string;
  definition: SurveyDefinition;
  ticketSubject: string | null;
  reminder: boolean;
}): OutgoingMail {
  const t = SURVEY_TEXTS[spec.locale];
  const values = { company: spec.company, subject: spec.ticketSubject ?? '' };
  const headline = spec.definition.questions.find((q) => q.kind === 'scale' && q.role !== undefined);
  const lines = [t.email.greeting, ''];
  const html: string[] = [`<p>${escapeHtml(t.email.greeting)}</p>`];
  let subject: string;
  if (headline?.kind === 'scale') {
    subject = spec.ticketSubject ? fill(t.email.subject_rating, values) : textIn(spec.definition.title, spec.locale);
    const intro = spec.ticketSubject ? fill(t.email.body_rating, values) : fill(textIn(headline.text, spec.locale), values);
    lines.push(intro, '');
    html.push(`<p>${escapeHtml(intro)}</p>`, '<p>');
    for (let score = headline.scale.min; score <= headline.scale.max; score++) {
      const label = textIn(headline.scale.labels[String(score)], spec.locale);
      const link = `${spec.url}?score=${score}`;
      lines.push(`${score}${label ? ` (${label})` : ''}: ${link}`);
      html.push(`<a href="${escapeHtml(link)}" style="display:inline-block;padding:8px 12px;margin:2px;border:1px solid #888;border-radius:4px;text-decoration:none">${score}${label ? ` — ${escapeHtml(label)}` : ''}</a>`);
    }
    html.push('</p>');
  } else {
    subject = t.email.subject_survey;
    const intro = fill(t.email.body_survey, values);
    lines.push(intro, '', `${t.email.open_link}: ${spec.url}`);
    html.push(`<p>${escapeHtml(intro)}</p>`, `<p><a href="${escapeHtml(spec.url)}">${escapeHtml(t.email.open_link)}</a></p>`);
  }
  if (spec.reminder) subject = `${t.email.subject_reminder}`;
  const footer = fill(t.email.footer, values);
  lines.push('', footer);
  html.push(`<p style="color:#666;font-size:12px">${escapeHtml(footer)}</p>`);
  return {
    to: [spec.to],
    subject,
    text: lines.join('\n'),
    html: `<!doctype html><html lang="${spec.locale}"><body>${html.join('\n')}</body></html>`,
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
