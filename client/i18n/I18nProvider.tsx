/** The UI language: a React context, persisted in localStorage and mirrored on `<html lang>`. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { FIELD_LABELS, type Lang } from '../../shared/schema/index.js';
import { en } from './en.js';
import { zh, type MessageKey } from './zh.js';
import { interpolate } from './format.js';
import { readStored, writeStored } from '../prefs/storage.js';

export const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { zh, en };
const STORAGE_KEY = 'gongbi.uiLang';
/** BCP 47 tags for `<html lang>`: screen readers pick the voice from it. */
export const HTML_LANG: Record<Lang, string> = { zh: 'zh-Hant-TW', en: 'en' };

export interface I18n {
  lang: Lang;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  /** A commitment field's label (FIELD_LABELS) in the UI language. */
  field: (key: string) => string;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18n | null>(null);

const asLang = (tag: string | null | undefined): Lang | null => {
  const t = (tag ?? '').toLowerCase();
  return t.startsWith('zh') ? 'zh' : t.startsWith('en') ? 'en' : null;
};

/**
 * A link's `?lang=en` (shared with an IRM reader, say) decides and is remembered; then the
 * person's own choice; on a first visit, the first of the browser's languages that the UI
 * speaks; Chinese otherwise.
 */
export function initialLang(): Lang {
  const asked = asLang(new URLSearchParams(globalThis.location?.search ?? '').get('lang'));
  if (asked) {
    writeStored(STORAGE_KEY, asked);
    return asked;
  }
  const stored = readStored(STORAGE_KEY);
  if (stored === 'en' || stored === 'zh') return stored;
  for (const tag of globalThis.navigator?.languages ?? []) {
    const lang = asLang(tag);
    if (lang) return lang;
  }
  return 'zh';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = HTML_LANG[lang];
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    writeStored(STORAGE_KEY, next);
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const dict = DICTIONARIES[lang];
    return {
      lang,
      setLang,
      t: (key, vars) => interpolate(dict[key], vars),
      field: (key) => FIELD_LABELS[key]?.[lang] ?? key,
    };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside <I18nProvider>');
  return ctx;
}
