import { useQuery } from '@tanstack/react-query';
import { type ApiError, toApiError } from '../api/api-client.ts';
import { queryKeys } from '../api/query-client.ts';
import { workbenchApi } from '../api/workbench.api.ts';

/**
 * How many to-dos wait for the signed-in user (the navigation badge); null for visitors or before the
 * first answer. It shares the workbench's query: any write that changes tables (a submission, a review,
 * an import) marks it stale and the badge follows at once, without waiting for a page change.
 */
export function useWorkbenchCount(signedIn: boolean): { count: number | null; error: ApiError | null } {
  const query = useQuery({
    queryKey: queryKeys.workbench,
    queryFn: workbenchApi.get,
    enabled: signedIn,
  });
  if (!signedIn) return { count: null, error: null };
  // The badge is a hint, but a missing one reads as "nothing to do" and a kept one as today's count: when
  // the count cannot be read the badge says so instead of either (the workbench page shows the whole error).
  if (query.error) return { count: null, error: toApiError(query.error) };
  return { count: query.data?.total ?? null, error: null };
}
