import { createHash, createHmac } from 'node:crypto';
import type { DouyinSignMethod } from './credentials.js';

/** The 抖店 open-platform gateway (platform-apis.md §5.1); every method is POST /{method with . → /}. */
export const DOUYIN_HOST = 'https://openapi-fxg.jinritemai.com';

export function methodPath(method: string): string {
  return `/${method.replace(/\./g, '/')}`;
}

/** Go's encoding/json escapes these two even with HTML escaping off; the official SDK's bytes have them escaped. */
const LINE_SEPARATORS = /[\u2028\u2029]/g;

function sortedKeys(o: Record<string, unknown>): string[] {
  // Go sorts map keys by their UTF-8 bytes; JavaScript's default sort compares UTF-16 units, which differs past U+FFFF.
  return Object.keys(o).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

/**
 * param_json as the official SDK makes it (§5.2): the business parameters re-marshalled through a map, so keys are
 * sorted at every level, no spaces, no HTML escaping, numbers as numbers. `undefined` members are left out (a
 * parameter not sent), as JSON.stringify does. This string is signed and sent as the body, byte for byte.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot send a non-finite number (${value}) to 抖店`);
    return JSON.stringify(value);
  }
  if (typeof value === 'string') return JSON.stringify(value).replace(LINE_SEPARATORS, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const parts = sortedKeys(o)
      .filter((k) => o[k] !== undefined)
      .map((k) => `${canonicalJson(k)}:${canonicalJson(o[k])}`);
    return `{${parts.join(',')}}`;
  }
  throw new Error(`cannot send a ${typeof value} to 抖店`);
}

export interface SignInput {
  appKey: string;
  method: string;
  paramJson: string;
  /** Unix seconds, as sent in the query. */
  timestamp: string;
}

/** "app_key…method…param_json…timestamp…v2": the five signed fields, in this order (not access_token, not sign_method). */
export function signPattern(p: SignInput): string {
  return `app_key${p.appKey}method${p.method}param_json${p.paramJson}timestamp${p.timestamp}v2`;
}

/** §5.2: secret + pattern + secret, then HMAC-SHA256 keyed with the secret (or plain MD5), lower-case hex. */
export function douyinSign(p: SignInput, appSecret: string, signMethod: DouyinSignMethod): string {
  const data = appSecret + signPattern(p) + appSecret;
  return signMethod === 'md5' ? createHash('md5').update(data, 'utf8').digest('hex') : createHmac('sha256', appSecret).update(data, 'utf8').digest('hex');
}
