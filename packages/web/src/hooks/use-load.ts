import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/api-client.ts';

/**
 * What a page shows from one API call: loaded on mount and again whenever `load` changes (wrap it in
 * useCallback with its inputs). A superseded or unmounted load's answer is dropped, so a slow old
 * query never overwrites a newer one; the last data stays visible while the next loads. `reload` asks
 * again with the same inputs (after a change the page made itself).
 */
export function useLoad<T>(load: () => Promise<T>) {
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [round, setRound] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `round` is there to load again on reload().
  useEffect(() => {
    let live = true;
    setLoading(true);
    load()
      .then((body) => {
        if (!live) return;
        setData(body);
        setError(null);
      })
      .catch((e: unknown) => {
        if (live && e instanceof ApiError) setError(e);
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [load, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { data, loading, error, reload };
}
