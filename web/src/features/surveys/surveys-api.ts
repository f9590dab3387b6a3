import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../../lib/api.ts';
import type { Organization, Page } from '../../lib/types.ts';
import type { NewStudy, Study, Survey, SurveyDefinition, SurveyResponse, SurveySettings, SurveyType, TicketRatingDto } from './survey-types.ts';

export function useSurveys() {
  return useInfiniteQuery({
    queryKey: ['surveys'],
    queryFn: ({ pageParam, signal }) => api<Page<Survey>>(`/surveys${query({ limit: 50, cursor: pageParam })}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}

export function useSurvey(id: string) {
  return useQuery({ queryKey: ['survey', id], queryFn: ({ signal }) => api<Survey>(`/surveys/${id}`, { signal }) });
}

export function useCreateSurvey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; type: SurveyType; include_ces?: boolean }) => api<Survey>('/surveys', { method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['surveys'] }),
  });
}

export interface SurveyPatch {
  name?: string;
  active?: boolean;
  settings?: Partial<SurveySettings>;
  definition?: SurveyDefinition;
}

export function useUpdateSurvey(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SurveyPatch) => api<Survey>(`/surveys/${id}`, { method: 'PATCH', body }),
    onSuccess: (survey) => {
      queryClient.setQueryData(['survey', id], survey);
      void queryClient.invalidateQueries({ queryKey: ['surveys'] });
    },
  });
}

export function useDeleteSurvey(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>(`/surveys/${id}`, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['surveys'] }),
  });
}

export function useStudies(surveyId: string) {
  return useQuery({
    queryKey: ['survey-studies', surveyId],
    queryFn: ({ signal }) => api<Page<Study>>(`/surveys/${surveyId}/studies${query({ limit: 100 })}`, { signal }),
    refetchInterval: 30_000,
  });
}

export function useLaunchStudy(surveyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewStudy) => api<{ id: string; invited: number }>(`/surveys/${surveyId}/studies`, { method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['survey-studies', surveyId] }),
  });
}

export interface ResponseFilters {
  from?: string;
  to?: string;
  team_id?: string;
  agent_id?: string;
  channel?: string;
  with_comment?: 'true' | 'false';
  score_min?: number;
  score_max?: number;
}

/** One page of responses, newest first; `cursor` walks back in time. */
export function useResponses(surveyId: string, filters: ResponseFilters, cursor: string | null) {
  return useQuery({
    queryKey: ['survey-responses', surveyId, filters, cursor],
    queryFn: ({ signal }) => api<Page<SurveyResponse>>(`/surveys/${surveyId}/responses${query({ limit: 25, cursor, ...filters })}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useTicketRatings(ticketId: string) {
  return useQuery({
    queryKey: ['ticket-ratings', ticketId],
    queryFn: ({ signal }) => api<{ data: TicketRatingDto[] }>(`/survey-responses${query({ ticket_id: ticketId })}`, { signal }),
  });
}

export const useOrganizations = () =>
  useQuery({
    queryKey: ['organizations', 'all'],
    queryFn: async () => {
      const out: Organization[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<Organization> = await api<Page<Organization>>(`/organizations${query({ limit: 100, cursor })}`);
        out.push(...page.data);
        cursor = page.next_cursor;
      } while (cursor && out.length < 2000);
      return out;
    },
    staleTime: 5 * 60_000,
  });
