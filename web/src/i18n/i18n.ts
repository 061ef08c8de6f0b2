import { store, useStore } from '../ui/store';
import { catalogs, type Catalog, type Lang, type MessageKey } from './messages';

const LANG_KEY = 'ticketrush.lang';

function initialLang(): Lang {
  const saved = localStorage.getItem(LANG_KEY);
  return saved === 'en' || saved === 'ko' ? saved : 'ko';
}

export const lang = store<Lang>(initialLang());
lang.subscribe((l) => {
  localStorage.setItem(LANG_KEY, l);
  document.documentElement.lang = l;
});
document.documentElement.lang = lang.get();

type Params<K extends MessageKey> = Catalog[K] extends (p: infer P) => string ? [P] : [];

/** Looks a message up in the current language: `t('queue.ahead', { n: '12' })`. */
export function t<K extends MessageKey>(key: K, ...params: Params<K>): string {
  const entry = catalogs[lang.get()][key] as string | ((p: unknown) => string);
  return typeof entry === 'function' ? entry(params[0]) : entry;
}

/** Re-renders the calling component when the language changes; returns it for locale-aware formatting. */
export function useLang(): Lang {
  return useStore(lang);
}
