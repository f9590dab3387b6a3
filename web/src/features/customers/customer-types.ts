/** Types of the customer page, inferred from the shared contracts (type-only imports). */
import type { z } from 'zod';
import type { customerMergeResultDto, timelineItemDto } from '../../../../contracts/customers.ts';

export type TimelineItem = z.infer<typeof timelineItemDto>;
export type CustomerMergeResult = z.infer<typeof customerMergeResultDto>;
/** The ticket events the timeline shows (TIMELINE_EVENT_TYPES on the server); others fall back to their name. */
export const TIMELINE_EVENTS = ['created', 'status_changed', 'customer_merged', 'merged', 'acknowledgement_failed', 'webhook_delivery_failed'] as const;
