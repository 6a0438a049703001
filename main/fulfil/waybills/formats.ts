import { AppError } from '../../../shared/errors.js';

/**
 * Tracking-number formats per ShopDesk carrier code, to catch a mistyped or mis-scanned number before it is bound.
 * Patterns are deliberately loose and [U]: carriers do not publish them (Taobao's own check is the reg_mail_no of
 * taobao.logistics.companies.get, platform-apis.md §4.6, which we cannot read offline). A carrier not listed accepts
 * any 6–40 letters, digits and dashes.
 */
const FORMATS: Readonly<Record<string, RegExp>> = {
  SF: /^(SF\d{13}|\d{12})$/,
  YTO: /^(YT\d{13}|\d{10})$/,
  ZTO: /^\d{12,15}$/,
  STO: /^\d{12,13}$/,
  YUNDA: /^\d{13,15}$/,
  JT: /^JT\d{13}$/,
  EMS: /^([A-Z]{2}\d{9}[A-Z]{2}|\d{13})$/,
  CHINAPOST: /^([A-Z]{2}\d{9}[A-Z]{2}|\d{13})$/,
  JD: /^JD[0-9A-Z]{11,15}$/,
  DBL: /^(DPK\d{12}|\d{8,10})$/,
  BEST: /^\d{12,14}$/,
  ZJS: /^[A-Z0-9]{10}$/,
  UPS: /^1Z[0-9A-Z]{16}$/,
  USPS: /^(\d{20,22}|[A-Z]{2}\d{9}US)$/,
  FEDEX: /^(\d{12}|\d{15}|\d{20}|\d{22})$/,
  DHL: /^\d{10}$/,
};
const ANY = /^[A-Z0-9-]{6,40}$/;

/** A scanned or typed number as stored: spaces removed, upper-cased (scanners and phones add both). */
export function normalizeTrackingNo(raw: string): string {
  return raw.replace(/[\s\u3000]+/g, '').toUpperCase();
}

export function matchesFormat(carrier: string, trackingNo: string): boolean {
  return (FORMATS[carrier] ?? ANY).test(trackingNo);
}

export function hasKnownFormat(carrier: string): boolean {
  return carrier in FORMATS;
}

/** The normalized number, or an error naming the number, the carrier and what was expected. */
export function checkTrackingNo(carrier: string, raw: string): string {
  const n = normalizeTrackingNo(raw);
  if (!matchesFormat(carrier, n)) {
    const what = hasKnownFormat(carrier) ? `is not a ${carrier} number (expected ${FORMATS[carrier]!.source.replace(/^\^|\$$/g, '')})` : 'must be 6–40 letters, digits or dashes';
    throw new AppError('invalid_input', `tracking number "${raw.trim()}" ${what}`, { field: 'trackingNo', value: raw, carrier });
  }
  return n;
}
