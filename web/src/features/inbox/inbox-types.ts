/** Types of the inbox's saved views, bulk changes and merges, from the contracts (type-only imports). */
import type { z } from 'zod';
import type { bulkUpdateBody, BulkResultDto, MergeResultDto } from '../../../../contracts/tickets.ts';
import type { createViewBody, updateViewBody, ViewCountsDto, ViewDto, ViewFilters } from '../../../../contracts/views.ts';

export type SavedView = ViewDto;
export type SavedViewFilters = ViewFilters;
export type NewSavedView = z.input<typeof createViewBody>;
export type SavedViewPatch = z.input<typeof updateViewBody>;
export type ViewCounts = ViewCountsDto;
export type BulkBody = z.input<typeof bulkUpdateBody>;
export type BulkChanges = BulkBody['changes'];
export type BulkResult = BulkResultDto;
export type MergeResult = MergeResultDto;
