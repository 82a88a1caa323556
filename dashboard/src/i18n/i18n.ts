// Russian first (bundled), English on request (its own chunk). t() reads the active
// dictionary; the app shell re-renders everything when the language changes.
import type { Lang } from '#contracts/core/lang.js';
import { ru } from './ru.js';

export { LANGS, type Lang } from '#contracts/core/lang.js';
export type Key = keyof typeof ru;
export type Dictionary = Record<Key, string>;

const STORAGE_KEY = 'wg_lang';
let lang: Lang = 'ru';
let dict: Dictionary = ru;
/** Whether the language was chosen on this device (a link, the saved choice, the switch), not defaulted. */
let chosen = false;
const listeners = new Set<() => void>();

export const currentLang = () => lang;
/** Names the server sends in both languages (tariffs). */
export const localName = (name: { ru: string; en: string }) => name[lang];
export const locale = () => (lang === 'ru' ? 'ru-RU' : 'en-GB');

export function onLangChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => void listeners.delete(fn);
}

/**
 * `remember` false: the language is only a default (nothing chosen on this device yet), so it is
 * neither saved nor sent at sign-in, where it would overwrite the account's own.
 */
export async function setLang(next: Lang, remember = true): Promise<void> {
  dict = next === 'en' ? (await import('./en.js')).en : ru;
  lang = next;
  document.documentElement.lang = next;
  if (remember) {
    chosen = true;
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Storage may be off (private mode); the choice then lasts for this page only.
    }
  }
  listeners.forEach((l) => l());
}

/** Was the current language chosen on this device? If not, the account's (GET /api/me) wins. */
export const langChosen = () => chosen;

/**
 * A language the link asked for (?lang=en: the English product page's "Sign in"), else the saved
 * choice; null when this device has neither.
 */
export function chosenLang(): Lang | null {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'en' || asked === 'ru') return asked;
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return saved === 'en' || saved === 'ru' ? saved : null;
  } catch {
    return null;
  }
}

/** The chosen language, else Russian: the product's first market. */
export const initialLang = (): Lang => chosenLang() ?? 'ru';

const fill = (s: string, vars?: Record<string, string | number>) => (vars ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : s);

export function t(key: Key, vars?: Record<string, string | number>): string {
  return fill(dict[key] ?? ru[key], vars);
}

/**
 * Plural forms separated by "|": Russian "one|few|many" (1 заявка, 2 заявки, 5 заявок),
 * English "one|other". `{n}` in the chosen form is the formatted number. Russian fractions are
 * CLDR's "other", which takes the "few" form (1,5 заявки).
 */
export function tn(key: Key, n: number, vars?: Record<string, string | number>): string {
  const forms = t(key, vars).split('|');
  const rule = new Intl.PluralRules(locale()).select(n);
  const index = lang === 'ru' ? (({ one: 0, few: 1, many: 2, other: 1 } as Record<string, number>)[rule] ?? 2) : rule === 'one' ? 0 : 1;
  return (forms[index] ?? forms.at(-1)!).replace('{n}', formatNumber(n));
}

export const formatNumber = (n: number) => new Intl.NumberFormat(locale()).format(n);
export const formatPercent = (x: number | null) => (x === null ? '—' : new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(x));
/**
 * Every date and time the dashboard shows goes through these: one format, in the dashboard's
 * language (never the browser's), with the year — leads are kept a year, so "6 дек." alone
 * would be ambiguous.
 *
 * "6 дек. 2026" / "6 Dec 2026". Russian Intl adds " г." after the year, which doubled the full
 * stop wherever a sentence ends with a date ("оплачен до 1 янв. 2027 г..").
 */
export const formatDate = (ms: number, timeZone?: string) => new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', year: 'numeric', timeZone }).format(ms).replace(/\s?г\.$/, '');
/** "18:05" */
export const formatTime = (ms: number) => new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
/** "6 дек. 2026, 18:05" / "6 Dec 2026, 18:05" */
export const formatDateTime = (ms: number) => `${formatDate(ms)}, ${formatTime(ms)}`;
/** A UTC day of the statistics ("2026-12-06") in the same format. */
export const formatDay = (day: string) => formatDate(Date.parse(`${day}T00:00:00Z`), 'UTC');
/** A chart axis has room for the day and month only: "6 дек." / "6 Dec" (UTC days). */
export const formatAxisDay = (ms: number) => new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(ms);
export const formatMoney = (rub: number) => new Intl.NumberFormat(locale(), { style: 'currency', currency: 'RUB', maximumFractionDigits: 0 }).format(rub);

/** "5 минут назад" / "5 minutes ago". */
export function formatAgo(ms: number, now = Date.now()): string {
  const rtf = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' });
  const s = Math.round((ms - now) / 1000);
  const abs = Math.abs(s);
  if (abs < 60) return rtf.format(s, 'second');
  if (abs < 3600) return rtf.format(Math.round(s / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(s / 3600), 'hour');
  return rtf.format(Math.round(s / 86400), 'day');
}
