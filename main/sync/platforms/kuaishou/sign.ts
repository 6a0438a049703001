import { createHash, createHmac } from 'node:crypto';
import type { KsSignMethod } from './credentials.js';

/**
 * The string Kuaishou signs (§7.2 [V]): every parameter except `sign`, sorted by name, as name=value joined with "&",
 * values raw (not URL-encoded: sign first, encode afterwards), then "&signSecret=" and the sign secret.
 */
export function ksSignString(params: Readonly<Record<string, string>>, signSecret: string): string {
  const pairs = Object.keys(params)
    .filter((k) => k !== 'sign')
    .sort()
    .map((k) => `${k}=${params[k]}`);
  return `${pairs.join('&')}&signSecret=${signSecret}`;
}

/** MD5: lower-case hex of the string; HMAC_SHA256: keyed with the sign secret, Base64 (three SDKs agree [S]). */
export function ksSign(params: Readonly<Record<string, string>>, signSecret: string, method: KsSignMethod): string {
  const text = ksSignString(params, signSecret);
  if (method === 'MD5') return createHash('md5').update(text, 'utf8').digest('hex');
  return createHmac('sha256', signSecret).update(text, 'utf8').digest('base64');
}

/**
 * The business parameters as the one JSON string that is signed and sent, keys sorted (what Kuaishou's SDKs do,
 * and what the §9 vector shows), so the same request always signs the same.
 */
export function paramJson(business: Readonly<Record<string, unknown>>): string {
  const sorted: Record<string, unknown> = {};
  for (const k of Object.keys(business).sort()) if (business[k] !== undefined) sorted[k] = business[k];
  return JSON.stringify(sorted);
}
