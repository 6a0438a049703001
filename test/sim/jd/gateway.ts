import { createHash } from 'node:crypto';
import type { SimRequest, SimResponse } from '../base.js';

/**
 * The JOS router's gateway layer as the simulator plays it: parameters from the form body (and the query, as the
 * router also reads those), signature recomputed over exactly what arrived, and JD's own error envelope
 * {"error_response":{code, zh_desc, en_desc}}. Codes 12/15/19 are seen in JOS clients [S]; the others are the same
 * assumptions [U] as main/sync/platforms/jd/errors.ts, written out here independently.
 */
export const GATEWAY = {
  serviceUnavailable: { code: '1', zh: '服务不可用', en: 'Service unavailable' },
  badParameter: { code: '3', zh: '缺少必选参数或参数无效', en: 'Missing or invalid parameter' },
  invalidAppKey: { code: '11', zh: '无效的app_key', en: 'Invalid app_key' },
  invalidSign: { code: '12', zh: '无效签名', en: 'Invalid signature' },
  invalidTimestamp: { code: '13', zh: 'timestamp参数无效或与服务器时间相差过大', en: 'Invalid timestamp' },
  invalidMethod: { code: '15', zh: '不存在的方法名', en: 'Invalid Method' },
  invalidToken: { code: '19', zh: '无效access_token', en: 'Invalid access_token' },
  callLimited: { code: '21', zh: '调用频率超过限制', en: 'Call frequency exceeds the limit' },
} as const;

export type GatewayCode = (typeof GATEWAY)[keyof typeof GATEWAY];

export function gatewayError(e: GatewayCode, detail = ''): SimResponse {
  return { status: 200, body: { error_response: { code: e.code, zh_desc: detail ? `${e.zh}: ${detail}` : e.zh, en_desc: e.en } } };
}

/** Form body and query merged (the body wins), as the router reads them. */
export function readParams(req: SimRequest): Record<string, string> {
  const out: Record<string, string> = Object.fromEntries(req.url.searchParams);
  const type = String(req.headers['content-type'] ?? '');
  if (req.body && (type.includes('application/x-www-form-urlencoded') || type === '')) {
    for (const [k, v] of new URLSearchParams(req.body)) out[k] = v;
  }
  return out;
}

/** secret + name1value1name2value2… + secret over every parameter but sign, names sorted; MD5, upper-case hex. */
export function expectedSign(params: Record<string, string>, secret: string): string {
  const names = Object.keys(params).filter((n) => n !== 'sign');
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let text = secret;
  for (const n of names) text += n + params[n];
  text += secret;
  return createHash('md5').update(Buffer.from(text, 'utf8')).digest('hex').toUpperCase();
}

const CN = 8 * 3600_000;

/**
 * "yyyy-MM-dd HH:mm:ss" in China time → epoch ms. Newer JOS SDKs send "yyyy-MM-dd HH:mm:ss.SSSZ" (§7.1 [S]), which
 * the router accepts too. Anything else is null.
 */
export function parseJdTimestamp(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{3})([+-]\d{4}))?$/.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = m[7] ? Number(m[7]) : 0;
  const zone = m[8] ? (m[8].startsWith('-') ? -1 : 1) * (Number(m[8].slice(1, 3)) * 60 + Number(m[8].slice(3))) * 60_000 : CN;
  return Date.UTC(y, mo - 1, d, h, mi, s, ms) - zone;
}

export function cnTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000 + CN).toISOString().slice(0, 19).replace('T', ' ');
}
