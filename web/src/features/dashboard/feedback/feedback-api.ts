/**
 * The feedback dashboard's reads: satisfaction (CSAT/CES/NPS per period), the comment stream,
 * SERVQUAL and Kano. Types come from the shared contract (type-only imports: no zod code reaches
 * the browser); `params` is the dashboard's shared query (range, zone, filters) from the kit.
 */
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type {
  CommentDto,
  CommentsPage,
  KanoDto,
  KanoFeatureDto,
  NoIntervalReason,
  SatisfactionDto,
  SatisfactionRow,
  ServqualDto,
} from '../../../../../contracts/analytics-satisfaction.ts';
import { api, query } from '../../../lib/api.ts';
import type { Page } from '../../../lib/types.ts';
import type { Survey } from '../../surveys/survey-types.ts';

export type { CommentDto, KanoDto, KanoFeatureDto, NoIntervalReason, SatisfactionDto, SatisfactionRow, ServqualDto };
export type ServqualResult = ServqualDto['overall'];
export type ServqualItem = ServqualResult['items'][number];
export type ServqualDimension = ServqualResult['dimensions'][number];
export type KanoCategory = NonNullable<KanoFeatureDto['category']>;

/** Mirrors of the contract's enums as values, checked against it. */
export const KANO_CATEGORIES = ['A', 'O', 'M', 'I', 'R', 'Q'] as const satisfies readonly KanoCategory[];
export const SERVQUAL_DIMENSIONS = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'] as const satisfies readonly ServqualDimension['dimension'][];
type Complete<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
export const FEEDBACK_LISTS_ARE_COMPLETE: [Complete<KanoCategory, (typeof KANO_CATEGORIES)[number]>, Complete<ServqualDimension['dimension'], (typeof SERVQUAL_DIMENSIONS)[number]>] = [
  true,
  true,
];

type Params = Record<string, string>;

/** What the comment stream adds to the shared filters. */
export interface CommentFilters {
  csat_min?: string;
  csat_max?: string;
  nps_category?: string;
  survey_type?: string;
  q?: string;
}

/** Comments newest first, 25 at a time; "load more" follows the cursor. */
export function useComments(params: Params | null, filters: CommentFilters) {
  const all = { ...params, ...filters, limit: '25' };
  return useInfiniteQuery({
    queryKey: ['dashboard', 'comments', all],
    queryFn: ({ pageParam, signal }) => api<CommentsPage>(`/analytics/comments${query({ ...all, cursor: pageParam })}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    enabled: params !== null,
    placeholderData: keepPreviousData,
  });
}

/** The surveys of one type, for the study picker (a workspace has a handful; the first 100 are offered). */
export function useSurveysOfType(type: 'servqual' | 'kano') {
  return useQuery({
    queryKey: ['surveys', 'of-type', type],
    queryFn: ({ signal }) => api<Page<Survey>>(`/surveys${query({ type, limit: 100 })}`, { signal }),
    staleTime: 60_000,
  });
}
