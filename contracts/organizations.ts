import { z } from 'zod';
import { customFields, decimal, timestamp } from './common.ts';

/** An email domain such as example.co.th, stored lowercase. */
export const emailDomain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/, 'must be an email domain such as example.com');

const domains = z
  .array(emailDomain)
  .max(100)
  .transform((list) => [...new Set(list)])
  .describe('Email domains of the organization (lowercase, without @)');

export const organizationDto = z.object({
  id: z.uuid(),
  name: z.string(),
  domains: z.array(z.string()),
  tier_id: z.uuid().nullable(),
  annual_revenue: z.string().nullable().describe('Decimal as a string'),
  margin: z.string().nullable().describe('Decimal as a string'),
  notes: z.string().nullable(),
  custom_fields: z.record(z.string(), z.unknown()),
  created_at: timestamp,
  updated_at: timestamp,
});
export type OrganizationDto = z.infer<typeof organizationDto>;

export const createOrganizationBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    domains: domains.default([]),
    tier_id: z.uuid().nullable().optional(),
    annual_revenue: decimal.nullable().optional(),
    margin: decimal.nullable().optional(),
    notes: z.string().max(10_000).nullable().optional(),
    custom_fields: customFields.optional(),
  })
  .strict();

export const updateOrganizationBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    domains: domains.describe('Replaces the whole set'),
    tier_id: z.uuid().nullable(),
    annual_revenue: decimal.nullable(),
    margin: decimal.nullable(),
    notes: z.string().max(10_000).nullable(),
    custom_fields: customFields,
  })
  .partial()
  .strict();

export const listOrganizationsQuery = {
  q: z.string().trim().min(1).max(200).optional().describe('Matches part of the name'),
  tier_id: z.uuid().optional(),
};
