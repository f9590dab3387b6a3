import { z } from 'zod';
import { pageQuery, timestamp } from './common.ts';

/** A notice in the signed-in user's in-app inbox (SLA warnings and escalations, for now). */
export const notificationDto = z.object({
  id: z.uuid(),
  kind: z.string().describe('What it is about: sla_warning, sla_escalated'),
  ticket_id: z.uuid().nullable(),
  subject: z.string(),
  body: z.string(),
  data: z.record(z.string(), z.unknown()).describe('Details by kind; for SLA notices metric, instance, offset_minutes, due_at'),
  created_at: timestamp,
  read_at: timestamp.nullable(),
});
export type NotificationDto = z.infer<typeof notificationDto>;

export const listNotificationsQuery = z
  .object({
    ...pageQuery,
    unread: z.enum(['true', 'false']).optional().describe('true: only notices not yet read'),
  })
  .strict();
