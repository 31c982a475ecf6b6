import type { Locale as AntdLocale } from 'antd/es/locale';
import zhCN from 'antd/locale/zh_CN';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { format, type Locale, type MessageKey, type Messages, zhMessages } from './messages.ts';

const storageKey = 'jixiao.locale';

interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  /** Picks the zh or en text of a bilingual message from the API (problem+json, warnings). */
  pick: (text: { zh: string; en: string }) => string;
  /** antd's own words (pagination, empty states, pickers) in the same language, for its ConfigProvider. */
  antdLocale: AntdLocale;
}

/** A language's words: ours and antd's. */
interface Pack {
  /** Chinese: the words loaded so far (each route loads its own before it renders); English: all of them. */
  messages: Partial<Messages>;
  antd: AntdLocale;
}

// Chinese is in the first load; English is fetched once, when chosen (or saved from an earlier visit).
const packs: Partial<Record<Locale, Pack>> = { zh: { messages: zhMessages, antd: zhCN } };
let englishLoading: Promise<Pack> | null = null;

function loadPack(locale: Locale): Promise<Pack> {
  const loaded = packs[locale];
  if (loaded) return Promise.resolve(loaded);
  englishLoading ??= import('./messages.en.ts').then(({ en, antdEn }) => {
    const pack = { messages: en, antd: antdEn };
    packs.en = pack;
    return pack;
  });
  return englishLoading;
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
  // The pack on screen: the chosen language's once it is there. `t()` stays synchronous for pages; a
  // switch shows the new language when all its words have arrived, never a mix.
  const [pack, setPack] = useState<Pack | undefined>(() => packs[locale]);
  useEffect(() => {
    let current = true;
    loadPack(locale).then(
      (next) => {
        if (current) setPack(next);
      },
      () => {
        // The English chunk did not arrive (offline, a deploy replaced it): stay in Chinese.
        if (current) {
          setLocaleState('zh');
          setPack(packs.zh);
        }
      },
    );
    return () => {
      current = false;
    };
  }, [locale]);
  const shown: Locale = pack === packs.en ? 'en' : 'zh';
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
    document.documentElement.lang = shown === 'zh' ? 'zh-CN' : 'en';
  }, [shown]);
  const value = useMemo<I18n | null>(
    () =>
      pack
        ? {
            locale: shown,
            setLocale,
            t: (key, params) => format(pack.messages[key] ?? key, params),
            pick: (text) => (shown === 'zh' ? text.zh : text.en),
            antdLocale: pack.antd,
          }
        : null,
    [pack, shown, setLocale],
  );
  // A saved English choice: nothing until its words are there (one small chunk), rather than a flash of
  // Chinese.
  if (!value) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
