import { useMemo } from 'react';
import { useLang, type Lang } from './index.js';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

export interface Relative {
  /** "2 min ago" / "in 20 s" / "2 分钟前", from `now`. */
  from: (ms: number, now: number) => string;
  /** A length of time in its largest unit: "3 min", "45 s" (lag). */
  duration: (ms: number) => string;
}

/** The largest unit that fits, rounded toward zero, so "59 s" never reads as "1 min". */
function split(ms: number): [Intl.RelativeTimeFormatUnit, number] {
  const abs = Math.abs(ms);
  for (const [unit, size] of UNITS) if (abs >= size) return [unit, Math.trunc(ms / size)];
  return ['second', 0];
}

function make(lang: Lang): Relative {
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto', style: 'short' });
  const unitFmt = new Map<string, Intl.NumberFormat>();
  const unit = (u: Intl.RelativeTimeFormatUnit) => {
    let f = unitFmt.get(u);
    if (!f) unitFmt.set(u, (f = new Intl.NumberFormat(lang, { style: 'unit', unit: u, unitDisplay: 'short' })));
    return f;
  };
  return {
    from: (ms, now) => {
      const [u, n] = split(ms - now);
      return rtf.format(n, u);
    },
    duration: (ms) => {
      const [u, n] = split(ms);
      return unit(u).format(Math.abs(n));
    },
  };
}

const cache = new Map<Lang, Relative>();

export function useRelative(): Relative {
  const lang = useLang((s) => s.lang);
  return useMemo(() => {
    let r = cache.get(lang);
    if (!r) cache.set(lang, (r = make(lang)));
    return r;
  }, [lang]);
}
