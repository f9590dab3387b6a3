import { z } from 'zod';
import { locale, ticketPriorities, timestamp } from './common.ts';

/** Public web forms (issue 4, item 5). */

export const BUILTIN_FIELDS = ['name', 'email', 'subject', 'message'] as const;
/** Names the form itself uses: the honeypot and the page's language. */
export const RESERVED_FIELDS = ['website', 'locale'] as const;
export const HONEYPOT_FIELD = 'website';

export const formFieldTypes = z.enum(['text', 'email', 'textarea', 'tel', 'number', 'select', 'checkbox']);

const label = z.union([
  z.string().trim().min(1).max(200),
  z.partialRecord(locale, z.string().trim().min(1).max(200)).describe('A label per language; missing languages fall back to en, then the key'),
]);

export const formField = z
  .object({
    key: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,49}$/, 'lower-case letters, digits and _ (starting with a letter)')
      .describe('name, email, subject and message are built in (their labels are translated); any other key is a custom field stored in the ticket custom_fields'),
    type: formFieldTypes.optional().describe('Ignored for built-in fields; default text'),
    label: label.optional(),
    required: z.boolean().default(false),
    options: z.array(z.string().trim().min(1).max(200)).min(1).max(100).optional().describe('The choices of a select field'),
    max_length: z.number().int().min(1).max(20_000).optional(),
  })
  .strict();
export type FormField = z.output<typeof formField>;

const fieldList = z
  .array(formField)
  .min(1)
  .max(30)
  .superRefine((fields, ctx) => {
    const keys = fields.map((f) => f.key);
    if (!keys.includes('email')) ctx.addIssue({ code: 'custom', message: 'a form needs the email field (the submitter gets an acknowledgement)' });
    keys.forEach((k, i) => {
      if (keys.indexOf(k) !== i) ctx.addIssue({ code: 'custom', message: `the key ${k} is used twice`, path: [i, 'key'] });
      if ((RESERVED_FIELDS as readonly string[]).includes(k)) ctx.addIssue({ code: 'custom', message: `${k} is reserved`, path: [i, 'key'] });
    });
    fields.forEach((f, i) => {
      if (f.type === 'select' && !f.options && !(BUILTIN_FIELDS as readonly string[]).includes(f.key)) {
        ctx.addIssue({ code: 'custom', message: 'a select field needs options', path: [i, 'options'] });
      }
    });
  });

export const DEFAULT_FORM_FIELDS: FormField[] = [
  { key: 'name', required: false },
  { key: 'email', required: true },
  { key: 'subject', required: false },
  { key: 'message', required: true },
];

export const createFormBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    enabled: z.boolean().default(true),
    locale: locale.default('en').describe('Language of the page and the acknowledgement when the submitter did not choose one'),
    fields: fieldList.default(DEFAULT_FORM_FIELDS),
    category: z.string().trim().max(100).nullable().optional(),
    team_id: z.uuid().nullable().optional(),
    priority: ticketPriorities.default('normal'),
    tags: z.array(z.string().trim().min(1).max(100).regex(/^[^\s,]+$/)).max(50).default([]),
    max_per_ip_per_hour: z.number().int().min(1).max(10_000).default(10).describe('Submissions per client IP and hour before 429'),
  })
  .strict();

export const updateFormBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    enabled: z.boolean(),
    locale,
    fields: fieldList,
    category: z.string().trim().max(100).nullable(),
    team_id: z.uuid().nullable(),
    priority: ticketPriorities,
    tags: z.array(z.string().trim().min(1).max(100).regex(/^[^\s,]+$/)).max(50),
    max_per_ip_per_hour: z.number().int().min(1).max(10_000),
  })
  .partial()
  .strict();

export const formDto = z.object({
  id: z.uuid(),
  name: z.string(),
  enabled: z.boolean(),
  locale: z.string(),
  fields: z.array(formField),
  category: z.string().nullable(),
  team_id: z.uuid().nullable(),
  priority: ticketPriorities,
  tags: z.array(z.string()),
  max_per_ip_per_hour: z.number().int(),
  spam_blocked: z.number().int().describe('Submissions dropped because the honeypot was filled'),
  submit_path: z.string().describe('POST JSON or application/x-www-form-urlencoded here'),
  embed_path: z.string().describe('A ready HTML page with the form, for an iframe (?locale=th|vi|cs|ms|en)'),
  created_at: timestamp,
  updated_at: timestamp,
});
export type FormDto = z.infer<typeof formDto>;

export const formParams = z.object({ formId: z.uuid() }).strict();
export const embedQuery = z.object({ locale: locale.optional() }).strict();

/** A submission: field key → value (JSON, or the fields of a url-encoded form post). */
export const formSubmission = z.record(
  z.string().max(100),
  z.union([z.string().max(40_000), z.number(), z.boolean(), z.null(), z.array(z.string().max(2_000)).max(50)]),
);

export const formReceipt = z.object({ status: z.literal('received') });
