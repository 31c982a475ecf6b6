import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { format, type Locale, type MessageKey, messages } from './messages.ts';

const storageKey = 'jixiao.locale';

interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  /** Picks the zh or en text of a bilingual message from the API (problem+json, warnings). */
  pick: (text: { zh: string; en: string }) => string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(storageKey);
    if (saved === 'zh' || saved === 'en') return saved;
  } catch {
    // Storage can be unavailable (private mode); Chinese is the default.
  }
  return 'zh';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      localStorage.setItem(storageKey, next);
    } catch {
      // Not persisted; the switch still applies to this tab.
    }
  }, []);
  // Also on the first render: a saved English choice must not leave the page declared as Chinese
  // (screen readers and the browser's translate offer read this).
  useEffect(() => {
    document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
  }, [locale]);
  const value = useMemo<I18n>(
    () => ({
      locale,
      setLocale,
      t: (key, params) => format(messages[locale][key], params),
      pick: (text) => (locale === 'zh' ? text.zh : text.en),
    }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
