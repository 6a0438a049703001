import { createRequire } from 'node:module';
import type * as LibphonenumberMax from 'libphonenumber-js/max';

type Libphonenumber = typeof LibphonenumberMax;
let lib: Libphonenumber | null = null;

/**
 * libphonenumber-js loaded on first use: its 'max' metadata takes 130–370 ms to load (measured), which a shop with
 * only Chinese orders should not pay at every start. The CommonJS build, so the load stays synchronous.
 */
function phoneLib(): Libphonenumber {
  lib ??= createRequire(import.meta.url)('libphonenumber-js/max') as Libphonenumber;
  return lib;
}

/*
 * Phone numbers. Chinese numbers (the bulk of orders) are checked by pattern here; every other country through
 * libphonenumber-js with its 'max' metadata (real number-range patterns, not only lengths — measured as fast as
 * 'min': about 10 µs a number), remembered so a re-audit of the same orders costs nothing.
 */

const MOBILE = /^1[3-9]\d{9}$/;
/** 0 + area code (2–3 digits) + 7–8 digit number. */
const LANDLINE = /^0[1-9]\d{8,10}$/;
/** What may follow a number as an extension: platforms' privacy numbers are "13800138000-1234" or "…转1234". */
const EXTENSION = /(?:转|分机|ext\.?|x|#|,|，|-|_)\d{1,6}$/i;
const SEPARATORS = /[\s\-().（）]/g;

function cnCompact(s: string): string {
  let t = s.normalize('NFKC').replace(SEPARATORS, '');
  if (t.startsWith('+86')) t = t.slice(3);
  else if (t.startsWith('0086')) t = t.slice(4);
  else if (/^861[3-9]\d{9}$/.test(t)) t = t.slice(2);
  else return t;
  // "+86 571 8888 8888": a landline written internationally drops its trunk 0.
  return /^[2-9]\d{8,10}$/.test(t) ? `0${t}` : t;
}

function cnNumberOk(compacted: string): boolean {
  return MOBILE.test(compacted) || LANDLINE.test(compacted);
}

/** Whether the text hides part of the value behind asterisks (ASCII or full-width): 138****1234, 王**, *. */
export function isMaskedText(s: string): boolean {
  return s.includes('*') || s.includes('\uff0a');
}

/**
 * A Chinese phone: a mobile 1[3-9]xxxxxxxxx or a landline with its area code, with an optional +86 and an optional
 * extension. A masked value is judged only by what is visible: "138****1234" and "*" pass, "120****1234" (no
 * mobile starts 12) and text without digits or asterisks do not. Returns the problem or null.
 */
export function cnPhoneProblem(phone: string): string | null {
  const raw = phone.trim();
  if (isMaskedText(raw)) {
    const main = cnCompact(raw.replace(EXTENSION, ''));
    if (!/^[\d*]+$/.test(main)) return `phone '${raw}' is not a phone number`;
    if (/^1[0-2]/.test(main)) return `phone '${raw}' is not a Chinese mobile number (no mobile number starts ${main.slice(0, 2)})`;
    if (main.length === 11 && /^1/.test(main) && !/^1[3-9*][\d*]{9}$/.test(main)) return `phone '${raw}' is not a Chinese mobile number`;
    return null;
  }
  if (cnNumberOk(cnCompact(raw))) return null;
  const withoutExt = raw.replace(EXTENSION, '');
  if (withoutExt !== raw && cnNumberOk(cnCompact(withoutExt))) return null;
  return `phone '${raw}' is not a Chinese mobile (1[3-9] + 9 digits) or landline number with area code`;
}

const foreignCache = new Map<string, boolean>();
const FOREIGN_CACHE_MAX = 200_000;

/**
 * A phone of another country, validated with libphonenumber against the order's country (a number written with
 * its +country code is valid as that country's). Returns the problem or null.
 */
export function foreignPhoneProblem(phone: string, country: string | null): string | null {
  const raw = phone.trim();
  const { isSupportedCountry, isValidPhoneNumber } = phoneLib();
  const region = country && isSupportedCountry(country) ? country : undefined;
  if (isMaskedText(raw)) return /[\d*]/.test(raw) ? null : `phone '${raw}' is not a phone number`;
  // Without a known country only a number with its +code can be judged.
  if (!region && !raw.startsWith('+') && !raw.startsWith('00')) return null;
  const key = `${region ?? ''}|${raw}`;
  let ok = foreignCache.get(key);
  if (ok === undefined) {
    ok = isValidPhoneNumber(raw.startsWith('00') ? `+${raw.slice(2)}` : raw, region);
    // Bounded: a long-running app audits millions of orders; starting over costs one slow pass, never memory.
    if (foreignCache.size >= FOREIGN_CACHE_MAX) foreignCache.clear();
    foreignCache.set(key, ok);
  }
  return ok ? null : `phone '${raw}' is not a valid ${region ?? 'international'} phone number`;
}

/**
 * A phone reduced to the digits that identify it, for blacklist comparison: no separators, no country code
 * (+86 13800138000, 0086-138-0013-8000 and 13800138000 are the same), no extension, no trunk 0 (so '0571-8888 8888'
 * and '+86 571 8888 8888' compare equal). Null for a masked or digit-less value, which cannot be compared.
 */
export function normalizePhone(phone: string): string | null {
  const s = phone.normalize('NFKC').trim();
  if (s.includes('*')) return null;
  let digits: string;
  if (s.startsWith('+') || s.startsWith('00')) {
    const intl = `+${s.replace(/^(\+|00)/, '')}`;
    const cn = cnCompact(intl);
    if (cn !== intl.replace(SEPARATORS, '')) digits = cn.replace(/\D/g, '');
    else {
      const parsed = phoneLib().parsePhoneNumberFromString(intl);
      digits = parsed ? parsed.nationalNumber : intl.replace(/\D/g, '');
    }
  } else {
    const cn = cnCompact(s);
    const main = cnNumberOk(cn) ? cn : cnCompact(s.replace(EXTENSION, ''));
    digits = (cnNumberOk(main) ? main : cn).replace(/\D/g, '');
  }
  digits = digits.replace(/^0+/, '');
  return digits === '' ? null : digits;
}
