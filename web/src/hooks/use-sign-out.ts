import { useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '@/lib/query-keys';
import { signOut } from '@/lib/session';

/** Signs out and drops every cached list that belonged to a user, so whoever comes next never sees them. */
export function useSignOut(): () => void {
  const queryClient = useQueryClient();
  return () => {
    signOut();
    queryClient.removeQueries({ queryKey: queryKeys.everyUser() });
  };
}
