/**
 * Types of the admin screens, inferred from the shared contracts (type-only imports: no zod
 * code reaches the browser), and the enum values the forms offer, checked against them.
 */
import type { z } from 'zod';
import type { apiKeyDto, apiKeyRoles, createdApiKeyDto } from '../../../../contracts/api-keys.ts';
import type { auditEntryDto } from '../../../../contracts/audit.ts';
import type { calendarDto, holidayImportDto } from '../../../../contracts/calendars.ts';
import type { roles } from '../../../../contracts/common.ts';
import type { mailboxDto } from '../../../../contracts/email.ts';
import type { formDto, formFieldTypes } from '../../../../contracts/forms.ts';
import type { clockMetrics } from '../../../../contracts/sla.ts';
import type { slaPolicyDto } from '../../../../contracts/sla-policies.ts';
import type { webhookChannelDto, webhookChannelWithSecretDto, webhookKinds } from '../../../../contracts/webhooks.ts';
import type { workspaceDto } from '../../../../contracts/workspaces.ts';

export type Role = z.infer<typeof roles>;
export type ApiKeyRole = z.infer<typeof apiKeyRoles>;
export type ApiKey = z.infer<typeof apiKeyDto>;
export type CreatedApiKey = z.infer<typeof createdApiKeyDto>;
export type AuditEntry = z.infer<typeof auditEntryDto>;
export type Calendar = z.infer<typeof calendarDto>;
export type HolidayImport = z.infer<typeof holidayImportDto>;
export type Mailbox = z.infer<typeof mailboxDto>;
export type WebForm = z.infer<typeof formDto>;
export type FormFieldType = z.infer<typeof formFieldTypes>;
export type SlaPolicy = z.infer<typeof slaPolicyDto>;
export type SlaMetric = z.infer<typeof clockMetrics>;
export type WebhookChannel = z.infer<typeof webhookChannelDto>;
export type WebhookChannelWithSecret = z.infer<typeof webhookChannelWithSecretDto>;
export type WebhookKind = z.infer<typeof webhookKinds>;
export type Workspace = z.infer<typeof workspaceDto>;

export const ROLES = ['owner', 'admin', 'supervisor', 'agent'] as const satisfies readonly Role[];
export const API_KEY_ROLES = ['admin', 'supervisor', 'agent'] as const satisfies readonly ApiKeyRole[];
export const WEBHOOK_KINDS = ['generic', 'telegram'] as const satisfies readonly WebhookKind[];
export const SLA_METRICS = [
  'first_reply',
  'next_reply',
  'periodic_update',
  'requester_wait',
  'agent_work',
  'resolution',
  'total_resolution',
  'chat_greet',
  'chat_hold',
] as const satisfies readonly SlaMetric[];
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** Entity types the audit log records (the filter offers these). */
export const AUDIT_ENTITY_TYPES = [
  'user',
  'team',
  'branch',
  'tier',
  'organization',
  'customer',
  'api_key',
  'calendar',
  'sla_policy',
  'sla_recompute',
  'mailbox',
  'web_form',
  'webhook_channel',
  'survey',
  'survey_invitation',
  'survey_study',
  'import',
  'workspace',
] as const;

type Complete<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
export const ADMIN_LISTS_ARE_COMPLETE: [
  Complete<Role, (typeof ROLES)[number]>,
  Complete<ApiKeyRole, (typeof API_KEY_ROLES)[number]>,
  Complete<WebhookKind, (typeof WEBHOOK_KINDS)[number]>,
  Complete<SlaMetric, (typeof SLA_METRICS)[number]>,
] = [true, true, true, true];

/** Owners and admins see the admin screens (the server refuses everyone else anyway). */
export function isAdminRole(role: string | undefined): boolean {
  return role === 'owner' || role === 'admin';
}
