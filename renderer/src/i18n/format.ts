import { useMemo } from 'react';
import { minorToDecimal } from '../../../shared/domain/money.js';
import { useLang, type Lang } from './index.js';

const SYMBOLS: Record<string, string> = { CNY: '¥', USD: '$', EUR: '€', GBP: '£', JPY: 'JP¥', HKD: 'HK$', TWD: 'NT$', KRW: '₩', AUD: 'A$', CAD: 'C$', SGD: 'S$' };

/** Thousands separators added to the exact decimal string: money never goes through floating point. */
function groupDigits(decimal: string): string {
  const neg = decimal.startsWith('-');
  const body = neg ? decimal.slice(1) : decimal;
  const dot = body.indexOf('.');
  const whole = dot === -1 ? body : body.slice(0, dot);
  const frac = dot === -1 ? '' : body.slice(dot);
  return (neg ? '-' : '') + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + frac;
}

export function formatMoney(minor: number, currency: string): string {
  const text = groupDigits(minorToDecimal(minor, currency));
  const symbol = SYMBOLS[currency];
  if (!symbol) return `${currency} ${text}`;
  return text.startsWith('-') ? `-${symbol}${text.slice(1)}` : `${symbol}${text}`;
}

export interface Formatters {
  money: (minor: number, currency: string) => string;
  /** Full local date and time, for the drawer and tooltips. */
  dateTime: (ms: number) => string;
  /** Compact local date/time for list rows: no year within the current year. */
  shortDateTime: (ms: number) => string;
  number: (n: number) => string;
}

const cache = new Map<Lang, Formatters>();

/** Builds a value on first use: the first Intl formatter for a locale costs tens of milliseconds (ICU data). */
function lazy<T>(make: () => T): () => T {
  let v: T | undefined;
  return () => (v ??= make());
}

/** Intl formatters are costly to build, so one set per language, shared by every row, each built when first needed. */
export function formatters(lang: Lang): Formatters {
  let f = cache.get(lang);
  if (f) return f;
  const time = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
  const full = lazy(() => new Intl.DateTimeFormat(lang, { year: 'numeric', month: '2-digit', day: '2-digit', second: '2-digit', ...time }));
  const withYear = lazy(() => new Intl.DateTimeFormat(lang, { year: 'numeric', month: '2-digit', day: '2-digit', ...time }));
  const noYear = lazy(() => new Intl.DateTimeFormat(lang, { month: '2-digit', day: '2-digit', ...time }));
  const num = lazy(() => new Intl.NumberFormat(lang));
  const thisYear = new Date().getFullYear();
  f = {
    money: formatMoney,
    dateTime: (ms) => full().format(ms),
    shortDateTime: (ms) => (new Date(ms).getFullYear() === thisYear ? noYear() : withYear()).format(ms),
    number: (n) => num().format(n),
  };
  cache.set(lang, f);
  return f;
}

export function useFormat(): Formatters {
  const lang = useLang((s) => s.lang);
  return useMemo(() => formatters(lang), [lang]);
}
