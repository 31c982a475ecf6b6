import { useCallback, useEffect, useRef } from 'react';
import { useBlocker } from 'react-router-dom';

/**
 * Keeps unsaved edits from being lost: the browser asks before closing or reloading the tab, and
 * in-app navigation is blocked until the returned blocker is proceeded or reset (the page asks).
 * `release()` lets the next navigation through, for the page's own moves (after creating a table).
 */
export function useUnsavedGuard(dirty: boolean) {
  // The blocker reads refs, not the render's `dirty`: a navigate() right after a save must see it.
  const dirtyRef = useRef(dirty);
  const released = useRef(false);
  dirtyRef.current = dirty;

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (released.current) return;
      event.preventDefault();
      // Older browsers need returnValue set to show the dialog.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  const blocker = useBlocker(({ currentLocation, nextLocation }) => {
    if (released.current) {
      released.current = false;
      return false;
    }
    return dirtyRef.current && currentLocation.pathname !== nextLocation.pathname;
  });
  const release = useCallback(() => {
    released.current = true;
  }, []);
  return { blocker, release };
}
