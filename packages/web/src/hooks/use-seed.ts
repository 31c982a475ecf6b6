import { useEffect, useState } from 'react';

/**
 * Starts an editable form from data read through the shared query cache: `seed` runs once per `formKey`
 * (a table and period), when `data` for that key has arrived. Later refetches of the same data (a write
 * elsewhere, the window regaining focus) do not run it again, so they never overwrite what the user is
 * typing; the form shows the fresh data the next time it opens. Returns whether the form holds the current
 * key's data (a page shows its loading state until then).
 */
export function useSeed<T>(formKey: string, data: T | null, seed: (data: T) => void): boolean {
  const [seededFor, setSeededFor] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: seed is the page's closure, new each render; the key and the data decide
  useEffect(() => {
    if (data === null || seededFor === formKey) return;
    seed(data);
    setSeededFor(formKey);
  }, [formKey, data, seededFor]);
  return seededFor === formKey;
}
