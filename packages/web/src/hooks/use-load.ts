import { keepPreviousData, type QueryKey, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiError, toApiError } from '../api/api-client.ts';

/**
 * What a page shows from one API call, through the shared query cache: `key` names the resource and its
 * parameters (queryKeys in api/query-client.ts), so a write elsewhere that changes it makes it load
 * again. The last data stays visible while new parameters load. `reload` asks again now. An error that
 * is not the server's answer (a bug in the page's code) is not swallowed: it is reported as a problem
 * the page shows, and logged.
 */
export function useLoad<T>(key: QueryKey, load: () => Promise<T>, options: { enabled?: boolean } = {}) {
  const query = useQuery({
    queryKey: key,
    queryFn: async () => {
      try {
        return await load();
      } catch (error) {
        throw toApiError(error);
      }
    },
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
  const { refetch } = query;
  const reload = useCallback(() => void refetch(), [refetch]);
  return {
    data: query.data ?? null,
    loading: query.isFetching,
    error: query.error instanceof ApiError ? query.error : null,
    reload,
  };
}
