import { z } from 'zod';
import { BUILTIN_FIELDS, type FormField, HONEYPOT_FIELD } from '../../../../contracts/forms.ts';
import type { FieldIssue } from '../../../platform/errors.ts';

/** Checks a submission against the form's fields (pure; the route only checked it is a record). */

export type SubmittedValue = string | number | boolean | null | string[];

export interface AcceptedSubmission {
  email: string;
  name: string | null;
  subject: string | null;
  message: string | null;
  /** Custom fields, by key (the ticket's custom_fields). */
  custom: Record<string, string | number | boolean | string[]>;
}

const DEFAULT_MAX = { name: 200, email: 320, subject: 500, message: 20_000 } as Record<string, number>;

export function isHoneypotFilled(values: Record<string, SubmittedValue>): boolean {
  const v = values[HONEYPOT_FIELD];
  return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.every((x) => x === ''));
}

function asText(v: SubmittedValue | undefined): string {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.join(', ');
  return String(v);
}

export function checkSubmission(
  fields: FormField[],
  values: Record<string, SubmittedValue>,
): { ok: true; value: AcceptedSubmission } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const out: AcceptedSubmission = { email: '', name: null, subject: null, message: null, custom: {} };
  for (const field of fields) {
    const raw = values[field.key];
    const builtin = (BUILTIN_FIELDS as readonly string[]).includes(field.key);
    const type = builtin ? (field.key === 'email' ? 'email' : field.key === 'message' ? 'textarea' : 'text') : (field.type ?? 'text');
    const path = `body.${field.key}`;
    const text = asText(raw).trim();
    const required = field.required || field.key === 'email';
    if (type === 'checkbox') {
      const checked = raw === true || raw === 'on' || raw === 'true' || raw === '1';
      if (required && !checked) issues.push({ path, message: 'required' });
      out.custom[field.key] = checked;
      continue;
    }
    if (text === '') {
      if (required) issues.push({ path, message: field.key === 'email' ? 'an email address is required' : 'required' });
      continue;
    }
    const max = field.max_length ?? DEFAULT_MAX[field.key] ?? 2_000;
    if (text.length > max) {
      issues.push({ path, message: `at most ${max} characters` });
      continue;
    }
    if (type === 'email' && !z.email().safeParse(text).success) {
      issues.push({ path, message: 'not an email address' });
      continue;
    }
    if (type === 'number' && !Number.isFinite(Number(text))) {
      issues.push({ path, message: 'not a number' });
      continue;
    }
    if (type === 'tel' && !/^\+?[0-9 ()./-]{4,40}$/.test(text)) {
      issues.push({ path, message: 'not a phone number' });
      continue;
    }
    if (type === 'select' && field.options && !field.options.includes(text)) {
      issues.push({ path, message: `one of: ${field.options.join(', ')}` });
      continue;
    }
    if (field.key === 'email') out.email = text.toLowerCase();
    else if (field.key === 'name') out.name = text;
    else if (field.key === 'subject') out.subject = text;
    else if (field.key === 'message') out.message = text;
    else out.custom[field.key] = type === 'number' ? Number(text) : text;
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: out };
}

/** The ticket subject: the subject field, else the message's first line, else the form's name. */
export function ticketSubject(s: AcceptedSubmission, formName: string): string {
  const firstLine = s.message?.split('\n').find((l) => l.trim() !== '')?.trim();
  const subject = s.subject ?? (firstLine ? firstLine.slice(0, 120) : formName);
  return subject.slice(0, 500);
}

/** The message body: the message, followed by the custom fields so agents read everything in one place. */
export function messageBody(s: AcceptedSubmission, labelOf: (key: string) => string): string {
  const lines = Object.entries(s.custom).map(([k, v]) => `${labelOf(k)}: ${Array.isArray(v) ? v.join(', ') : String(v)}`);
  const parts = [s.message ?? '', lines.join('\n')].filter((p) => p !== '');
  return parts.join('\n\n') || '(empty form)';
}
