import { createHash, createHmac } from 'node:crypto';
import type { SimRequest, SimResponse } from '../base.js';

/**
 * Kuaishou's gateway as the simulator plays it: HTTP 200 with {result, error_msg} (result 1 = success), the newer
 * {code, msg, subCode, subMsg, success} alongside. Result 24 and the business failure 2001 / code 807000 come from the
 * reference [S]; the other codes are the same assumptions [U] as main/sync/platforms/kuaishou/errors.ts, written out
 * here on their own.
 */
export const KS_FAIL = {
  missingParam: { result: 12, msg: '缺少必要参数或参数格式错误' },
  callLimited: { result: 15, msg: '调用频率超过限制' },
  invalidAppKey: { result: 16, msg: 'appkey无效' },
  invalidSign: { result: 17, msg: '签名验证失败' },
  invalidTimestamp: { result: 18, msg: 'timestamp无效或与服务器时间相差过大' },
  revoked: { result: 24, msg: 'AUTHORIZATION_REVOKED 授权已被撤销' },
  tokenExpired: { result: 28, msg: 'access_token已过期' },
  tokenInvalid: { result: 29, msg: 'access_token无效' },
} as const;

export type KsFail = (typeof KS_FAIL)[keyof typeof KS_FAIL];

export function fail(e: KsFail, detail = ''): SimResponse {
  return { status: 200, body: { result: e.result, error_msg: detail ? `${e.msg}: ${detail}` : e.msg } };
}

/** A business refusal, the newer gateway's way: result 2001, code 807000 业务处理失败, the reason in subMsg. */
export function refuse(subCode: string, subMsg: string): SimResponse {
  return { status: 200, body: { result: 2001, error_msg: subMsg, code: '807000', msg: '业务处理失败', subCode, subMsg, success: false } };
}

export function ok(data: unknown): SimResponse {
  return { status: 200, body: { result: 1, error_msg: '', code: '0', msg: 'success', success: true, data } };
}

/** Query parameters, and for a form POST the body's too (the body wins). */
export function readParams(req: SimRequest): Record<string, string> {
  const out: Record<string, string> = Object.fromEntries(req.url.searchParams);
  if (req.method === 'POST' && req.body) for (const [k, v] of new URLSearchParams(req.body)) out[k] = v;
  return out;
}

/** Every parameter but sign, names sorted, name=value joined by "&", then "&signSecret=…"; MD5 hex or HMAC-SHA256 Base64. */
export function expectedSign(params: Record<string, string>, signSecret: string): string | null {
  const names = Object.keys(params).filter((n) => n !== 'sign');
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const text = names.map((n) => `${n}=${params[n]}`).join('&') + `&signSecret=${signSecret}`;
  if (params.signMethod === 'MD5') return createHash('md5').update(Buffer.from(text, 'utf8')).digest('hex');
  if (params.signMethod === 'HMAC_SHA256') return createHmac('sha256', Buffer.from(signSecret, 'utf8')).update(Buffer.from(text, 'utf8')).digest('base64');
  return null;
}

/** An opaque keyset cursor: where the last page ended. */
export function encodeCursor(t: number, id: number): string {
  return Buffer.from(JSON.stringify([t, id])).toString('base64url');
}

export function decodeCursor(cursor: string): [number, number] | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(v) && v.length === 2 && v.every((n) => Number.isSafeInteger(n)) ? (v as [number, number]) : null;
  } catch {
    return null;
  }
}

/** Whole numbers as Kuaishou reads them from the param JSON (numbers only; "50" is not a number). */
export const whole = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) ? v : null);
