import { z } from 'zod';
import { customFields, decimal, identityKinds, locale, timeZone, timestamp } from './common.ts';

export const identityDto = z.object({ id: z.uuid(), kind: identityKinds, value: z.string() });

export const identityInput = z
  .object({
    kind: identityKinds,
    value: z.string().trim().min(1).max(320),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.kind === 'email' && !z.email().safeParse(v.value).success) ctx.addIssue({ code: 'custom', message: 'not an email address', path: ['value'] });
    if (v.kind === 'phone' && !/^\+?[0-9 ()./-]{4,40}$/.test(v.value)) ctx.addIssue({ code: 'custom', message: 'not a phone number', path: ['value'] });
  });

export const customerDto = z.object({
  id: z.uuid(),
  name: z.string(),
  organization_id: z.uuid().nullable(),
  tier_id: z.uuid().nullable(),
  tier_source: z
    .enum(['manual', 'rule', 'organization'])
    .describe("Who set tier_id: by hand (tier rules never override it), by the tiers' value rules, or from the organization's tier"),
  locale: z.string().nullable(),
  time_zone: z.string().nullable(),
  annual_revenue: z.string().nullable(),
  margin: z.string().nullable(),
  notes: z.string().nullable(),
  custom_fields: z.record(z.string(), z.unknown()),
  identities: z.array(identityDto),
  created_at: timestamp,
  updated_at: timestamp,
});
export type CustomerDto = z.infer<typeof customerDto>;

export const createCustomerBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    organization_id: z.uuid().nullable().optional(),
    tier_id: z.uuid().nullable().optional().describe('Sets the tier by hand; leave it out (or null) to let the tier rules decide'),
    locale: locale.nullable().optional(),
    time_zone: timeZone.nullable().optional(),
    annual_revenue: decimal.nullable().optional(),
    margin: decimal.nullable().optional(),
    notes: z.string().max(10_000).nullable().optional(),
    custom_fields: customFields.optional(),
    identities: z.array(identityInput).max(50).default([]),
  })
  .strict();

export const updateCustomerBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    organization_id: z.uuid().nullable(),
    tier_id: z.uuid().nullable().describe('A tier sets it by hand; null returns the customer to the tier rules'),
    locale: locale.nullable(),
    time_zone: timeZone.nullable(),
    annual_revenue: decimal.nullable(),
    margin: decimal.nullable(),
    notes: z.string().max(10_000).nullable(),
    custom_fields: customFields,
    identities: z.array(identityInput).max(50).describe('Replaces the whole set'),
  })
  .partial()
  .strict();

export const listCustomersQuery = {
  q: z.string().trim().min(1).max(200).optional().describe('Matches name or any identity (email, phone, …)'),
  organization_id: z.uuid().optional(),
  tier_id: z.uuid().optional(),
};

/** Merging two customers (issue 4, item 9). */
export const mergeCustomerBody = z
  .object({ source_customer_id: z.uuid().describe('The customer merged into the one in the path; it is deleted afterwards') })
  .strict();

export const customerMergeResultDto = z.object({
  customer: customerDto,
  merged: z.object({
    source_customer_id: z.uuid(),
    moved: z.record(z.string(), z.number().int()).describe('Rows moved per table.column'),
  }),
});

/** One entry of a customer's history across channels: a message, or a ticket event of note. */
export const timelineItemDto = z.object({
  id: z.uuid(),
  type: z.enum(['message', 'event']),
  at: timestamp,
  ticket: z.object({ id: z.uuid(), number: z.number().int(), subject: z.string(), channel: z.string(), status: z.string() }),
  message: z
    .object({
      kind: z.enum(['customer', 'public_reply', 'internal_note']),
      channel: z.string(),
      author_type: z.string(),
      author_user_id: z.uuid().nullable(),
      author_customer_id: z.uuid().nullable(),
      body_text: z.string(),
      attachments: z.array(z.record(z.string(), z.unknown())),
      metadata: z.record(z.string(), z.unknown()),
    })
    .nullable(),
  event: z
    .object({ type: z.string(), actor_type: z.string(), actor_id: z.uuid().nullable(), data: z.record(z.string(), z.unknown()) })
    .nullable(),
});
export type TimelineItemDto = z.infer<typeof timelineItemDto>;

export const timelineQuery = {
  order: z.enum(['asc', 'desc']).default('asc').describe('asc: oldest first (default); desc: newest first'),
  kind: z.enum(['all', 'messages', 'events']).default('all'),
};
