/**
 * Types of the dashboard's reads (type-only imports from the contracts: no zod code reaches the
 * browser) and the hooks of part A's screens.
 */
import type { z } from 'zod';
import type { TicketAnalyticsDto, TicketAnalyticsRow } from '../../../../contracts/analytics.ts';
import type { ConsistencyDto, ServiceLevelsDto, ServiceLevelRow, TicketDrilldown, ValueDto, ValueRow } from '../../../../contracts/analytics-quality.ts';
import type { SatisfactionDto } from '../../../../contracts/analytics-satisfaction.ts';
import type { clockMetrics } from '../../../../contracts/sla.ts';

export type { ConsistencyDto, SatisfactionDto, ServiceLevelRow, ServiceLevelsDto, TicketAnalyticsDto, TicketAnalyticsRow, TicketDrilldown, ValueDto, ValueRow };
export type ClockMetric = z.infer<typeof clockMetrics>;
