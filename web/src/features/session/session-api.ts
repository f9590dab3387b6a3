import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../lib/api.ts';
import type { LoginBody, Session, User, UserPatch } from '../../lib/types.ts';

/** The signed-in session, or null when there is none (401). */
export function useSession() {
  return useQuery({
    queryKey: ['session'],
    queryFn: async (): Promise<Session | null> => {
      try {
        return await api<Session>('/session', { quiet401: true });
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: Infinity,
    retry: false,
  });
}

/** The signed-in agent's own record (name, locale). */
export function useMe(session: Session | null | undefined) {
  return useQuery({
    queryKey: ['users', 'me', session?.user_id],
    queryFn: () => api<User>(`/users/${session?.user_id}`),
    enabled: Boolean(session?.user_id),
    staleTime: 5 * 60_000,
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => api<Session>('/session', { method: 'POST', body, quiet401: true }),
    onSuccess: (session) => {
      queryClient.clear();
      queryClient.setQueryData(['session'], session);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/session', { method: 'DELETE' }),
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(['session'], null);
    },
  });
}

export function useUpdateMe(userId: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: UserPatch) => api<User>(`/users/${userId}`, { method: 'PATCH', body: patch }),
    onSuccess: (user) => queryClient.setQueryData(['users', 'me', user.id], user),
  });
}
