import { useEffect, useState } from 'react';
import { workbenchApi } from '../api/workbench.api.ts';

/**
 * How many to-dos wait for the signed-in user (the navigation badge); null for visitors or before the
 * first answer. Asked again on every page change, so a submitted or reviewed table leaves the count as
 * the user moves on.
 */
export function useWorkbenchCount(signedIn: boolean, pathname: string): number | null {
  const [count, setCount] = useState<number | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a page change triggers the refresh on purpose
  useEffect(() => {
    if (!signedIn) {
      setCount(null);
      return;
    }
    let live = true;
    workbenchApi
      .get()
      .then((wb) => live && setCount(wb.total))
      // The badge is a hint: without it the page still works, nothing to tell the user.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [signedIn, pathname]);
  return count;
}
