import { z } from 'zod';
import { PlatformError } from '../../platform-error.js';

/**
 * The 抖店 envelope (§5.4), asked for with x-open-no-old-err-code: 1: HTTP 200 and
 * {code, msg, sub_code, sub_msg, log_id, data}; success is code 10000.
 *
 * The code catalogue is not in the SDK (§10.2); what follows is the platform's "平台基础错误码" table as quoted by
 * independent clients [S]: 20000/20001 service unavailable / timeout (isp.service-error:*), 30001 permission
 * (app lacks the API package, authorization closed), 30002 IP not whitelisted, 40001/40002 missing parameter,
 * 40003 illegal parameter at the gateway (isv.signature-invalid, isv.access-token-expired,
 * isv.access-token-no-existed, isv.timestamp-invalid…), 40004 illegal business parameter
 * (isv.parameter-invalid:NNN), 50001 platform failure (dop.token-generate-failed:* on token calls), 50002 business
 * failure (isv.business-failed:NNN), 60000 rate limit (isp.traffic-limited:NNN), 70000 API offline, 80000 security,
 * 90000 other.
 */
export const Envelope = z.looseObject({
  code: z.number(),
  msg: z.string().optional(),
  sub_code: z.string().optional(),
  sub_msg: z.string().optional(),
  log_id: z.string().optional(),
  data: z.unknown().optional(),
});
export type Envelope = z.infer<typeof Envelope>;

export const SUCCESS = 10000;

/** The access token is stale: refresh once and repeat (the official SDK refreshes on exactly these two). */
export function isTokenExpired(env: Envelope): boolean {
  return env.sub_code === 'isv.access-token-expired' || env.sub_code === 'isv.access-token-no-existed';
}

/** The business code inside "isv.business-failed:60110" / "isv.parameter-invalid:60018", or null. */
export function businessCode(env: Pick<Envelope, 'sub_code'>): string | null {
  const m = /:(-?\d+)$/.exec(env.sub_code ?? '');
  return m ? m[1]! : null;
}

const AUTH_SUB_CODES = new Set([
  'isv.access-token-invalid',
  'isv.access-token-missing',
  'isv.app-id-invalid',
  'isv.app-id-missing',
  'isv.app-id-expired',
  'isv.authorization-type-invalid',
  'isv.app-permissions-insufficient',
  'dop.authorization-no-existed',
  'dop.authorization-closed',
  'dop.app-forbidden',
]);

/** How long to wait after a rate-limit answer: 抖店 limits are per second [U] and name no wait of their own. */
export const THROTTLE_WAIT_MS = 1000;

/**
 * Turns a non-success envelope into a PlatformError of the right kind. The message keeps 抖店's own words and its
 * log_id (what 抖店 support asks for), never a credential.
 */
export function envelopeError(method: string, env: Envelope): PlatformError {
  const sub = env.sub_code ?? '';
  const words = env.sub_msg || env.msg || 'no message';
  const where = `抖店 ${method}: ${words} (code ${env.code}${sub ? `, ${sub}` : ''}${env.log_id ? `, log_id ${env.log_id}` : ''})`;
  const details = { platformCode: sub || String(env.code) };
  if (env.code === 60000 || sub.startsWith('isp.traffic-limited')) return new PlatformError('throttled', where, { ...details, retryAfterMs: THROTTLE_WAIT_MS });
  if (sub === 'isv.signature-invalid' || sub === 'isv.signature-missing') {
    return new PlatformError('auth', `signature rejected: check the app secret (and the signature method) of this shop. ${where}`, details);
  }
  if (isTokenExpired(env) || AUTH_SUB_CODES.has(sub) || env.code === 30001 || env.code === 30002 || env.code === 80000) {
    const hint = env.code === 30002 ? 'add this computer’s public IP to the app’s IP whitelist on the 抖店 open platform' : 're-authorize ShopDesk in the 抖店 service market';
    return new PlatformError('auth', `${where}: ${hint}`, details);
  }
  if (sub.startsWith('dop.token-generate-failed')) return new PlatformError('auth', `${where}: re-authorize ShopDesk in the 抖店 service market`, details);
  if (sub === 'isv.timestamp-invalid' || sub === 'isv.timestamp-format-error') {
    return new PlatformError('bad_request', `${where}: 抖店 refused the request time; check this computer’s clock`, details);
  }
  if (env.code === 20000 || env.code === 20001 || env.code === 90000 || sub.startsWith('isp.') || sub.startsWith('dop.service-error')) {
    return new PlatformError('server', where, details);
  }
  return new PlatformError('bad_request', where, details);
}
