import { z } from 'zod';
import { timestamp } from './common.ts';

/** One admin change, as the audit log shows it (secrets are redacted when recorded). */
export const auditEntryDto = z.object({
  id: z.uuid(),
  actor_type: z.string(),
  actor_id: z.uuid().nullable(),
  action: z.string(),
  entity_type: z.string(),
  entity_id: z.uuid().nullable(),
  changes: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
  occurred_at: timestamp,
});
export type AuditEntryDto = z.infer<typeof auditEntryDto>;

export const listAuditQuery = {
  entity_type: z.string().max(50).optional().describe('user, team, api_key, …'),
  entity_id: z.uuid().optional(),
  actor_id: z.uuid().optional().describe('Changes made by this user (or API key)'),
};
