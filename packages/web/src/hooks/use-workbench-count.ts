import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../api/query-client.ts';
import { workbenchApi } from '../api/workbench.api.ts';

/**
 * How many to-dos wait for the signed-in user (the navigation badge); null for visitors or before the
 * first answer. It shares the workbench's query: any write that changes tables (a submission, a review,
 * an import) marks it stale and the badge follows at once, without waiting for a page change.
 */
export function useWorkbenchCount(signedIn: boolean): number | null {
  const query = useQuery({
    queryKey: queryKeys.workbench,
    queryFn: workbenchApi.get,
    enabled: signedIn,
  });
  // The badge is a hint: when it cannot be read the page still works (the workbench page shows the error).
  return signedIn ? (query.data?.total ?? null) : null;
}
