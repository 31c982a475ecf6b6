import { useEffect, useLayoutEffect } from 'react';
import { useLocation } from 'react-router-dom';
import { useI18n } from '../i18n/i18n.tsx';

/** "<page> · <app>", or the app's name and purpose when the page has no title (yet). */
export function documentTitle(page: string | null | undefined, appName: string, appSubtitle: string): string {
  return page ? `${page} · ${appName}` : `${appName} · ${appSubtitle}`;
}

/**
 * Names the browser tab after the page, in the UI's language, so that tabs, history and bookmarks say
 * which table or list they hold. Runs as a plain effect, after the shell's default (a layout effect),
 * so the page's own title wins.
 */
export function useDocumentTitle(page: string | null | undefined): void {
  const { t } = useI18n();
  const { pathname } = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: pathname re-applies the title after the shell reset it on navigation.
  useEffect(() => {
    document.title = documentTitle(page, t('app.name'), t('app.subtitle'));
  }, [page, t, pathname]);
}

/** The shell's fallback title for pages that set none: the navigation entry the path falls under. */
export function useDefaultDocumentTitle(page: string | null | undefined): void {
  const { t } = useI18n();
  useLayoutEffect(() => {
    document.title = documentTitle(page, t('app.name'), t('app.subtitle'));
  }, [page, t]);
}
