import { useCallback } from 'react';
import { create } from 'zustand';
import { en, type MessageKey, type Messages } from './en.js';
import { zhCN } from './zh-CN.js';

export type Lang = 'zh-CN' | 'en';
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];
export const LANG_NAMES: Record<Lang, string> = { 'zh-CN': '中文', en: 'English' };
export type { MessageKey };

const DICTS: Record<Lang, Messages> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'shopdesk.lang';

function initialLang(): Lang {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (saved === 'zh-CN' || saved === 'en') return saved;
  } catch {
    // storage disabled: fall back to the browser language
  }
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export const useLang = create<{ lang: Lang; setLang: (l: Lang) => void }>((set) => ({
  lang: initialLang(),
  setLang: (lang) => {
    try {
      window.localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // not remembered, still switched
    }
    set({ lang });
  },
}));

export type Vars = Record<string, string | number>;
export type T = (key: MessageKey, vars?: Vars) => string;

export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const text = DICTS[lang][key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** Looks up a key that is built at run time (e.g. a history action from main); undefined when we have no label. */
export function hasKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/** The translate function for the current language; components re-render when the language changes. */
export function useT(): T {
  const lang = useLang((s) => s.lang);
  return useCallback<T>((key, vars) => translate(lang, key, vars), [lang]);
}
