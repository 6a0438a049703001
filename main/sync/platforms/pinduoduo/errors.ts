import { PlatformError } from '../../platform-error.js';

/**
 * Pinduoduo answers errors with HTTP 200 and {"error_response":{error_code, error_msg, sub_code, sub_msg,
 * request_id}} (platform-apis.md §6.1). PDD publishes no error catalogue we could confirm, so the codes below are
 * what SDK users have logged ([S]) or our best reading ([U]); anything else is classified by its number range and
 * shown with PDD's own words.
 */
export const PDD_CODE = {
  /** 参数错误:<name> [S]: a parameter PDD refused (window too long on some APIs too). */
  invalidParam: 10000,
  /** client_id 不存在 [U]. */
  unknownClient: 10016,
  /** access_token 已过期 / 不存在 [S]: the shop's authorization ended. */
  accessToken: 10019,
  /** 签名验证失败 [S]. */
  badSign: 20004,
  /** timestamp 超出允许范围 [U]. */
  staleTimestamp: 20005,
  /** 无权限调用该接口 [U]: the app was not granted this API's permission package. */
  noPermission: 20031,
  /** 系统繁忙 [U]. */
  systemBusy: 50000,
  /** 业务服务错误 [S]: a business rule (already shipped, refund pending…); sub_msg says which. */
  business: 50001,
} as const;

/** 限流 [U]: 52101 API limit, 52102 app limit, 52103 shop limit. */
const THROTTLE_CODES = new Set([52101, 52102, 52103]);

/**
 * PDD's limiters count calls per 10-second window (the limiter table shipped with pdd-node-sdk: timeRange 10 [S]).
 * A throttled call waits for the next window rather than hammering the gateway with short backoffs.
 */
export const PDD_THROTTLE_WAIT_MS = 10_000;

export interface PddErrorBody {
  error_code: number;
  error_msg: string;
  sub_code: string | null;
  sub_msg: string | null;
  request_id: string | null;
}

/** The error_response of a body, read leniently (codes arrive as numbers or strings). */
export function readErrorBody(json: unknown): PddErrorBody | null {
  const e = (json as { error_response?: unknown } | null | undefined)?.error_response;
  if (!e || typeof e !== 'object') return null;
  const o = e as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);
  const code = Number(o.error_code);
  return {
    error_code: Number.isFinite(code) ? code : -1,
    error_msg: str(o.error_msg) ?? '',
    sub_code: str(o.sub_code),
    sub_msg: str(o.sub_msg),
    request_id: str(o.request_id),
  };
}

/** PDD's own words: sub_msg when it says more than error_msg. */
export function pddWords(e: PddErrorBody): string {
  const main = e.error_msg.trim();
  const sub = (e.sub_msg ?? '').trim();
  if (!sub || sub === main) return main || `error ${e.error_code}`;
  return main ? `${main}: ${sub}` : sub;
}

const SHOPS = 'Settings → Shops';

/** An error_response as a PlatformError of the right kind, in words a seller can act on. Never echoes credentials. */
export function toPddError(api: string, e: PddErrorBody): PlatformError {
  const said = pddWords(e);
  const details = { platformCode: String(e.error_code) };
  const c = e.error_code;
  if (c === PDD_CODE.accessToken) {
    return new PlatformError('auth', `Pinduoduo refused the shop's access token (${said}): it has expired or the shop withdrew the authorization. Authorize ShopDesk again in the Pinduoduo seller backend and paste the new access token under ${SHOPS}`, details);
  }
  if (c === PDD_CODE.badSign) {
    return new PlatformError('auth', `Pinduoduo refused the request signature (${said}): the clientSecret does not belong to this clientId; copy both again from open.pinduoduo.com → 应用管理`, details);
  }
  if (c === PDD_CODE.unknownClient) return new PlatformError('auth', `Pinduoduo does not know this clientId (${said}); check it under ${SHOPS}`, details);
  if (c === PDD_CODE.staleTimestamp) {
    return new PlatformError('auth', `Pinduoduo refused the request time (${said}): this computer's clock is more than a few minutes off; correct the system clock`, details);
  }
  if (c === PDD_CODE.noPermission) {
    return new PlatformError('auth', `Pinduoduo says the app may not call ${api} (${said}); request that API's permission for the app on open.pinduoduo.com`, details);
  }
  if (THROTTLE_CODES.has(c)) return new PlatformError('throttled', `Pinduoduo is rate limiting ${api} (${said})`, { ...details, retryAfterMs: PDD_THROTTLE_WAIT_MS });
  // Only "system busy" is known to be transient; an unknown code is shown, not retried blindly.
  if (c === PDD_CODE.systemBusy) return new PlatformError('server', `Pinduoduo could not answer ${api} (${said})`, details);
  const sub = e.sub_code && e.sub_code !== String(c) ? ` [${e.sub_code}]` : '';
  return new PlatformError('bad_request', `Pinduoduo refused ${api}: ${said}${sub}`, details);
}
