import { createHash, createHmac } from 'node:crypto';
import type { SimRequest } from '../base.js';
import { E, type DyError } from './envelope.js';
import { nowSec, type DouyinSimState } from './state.js';

/**
 * The open-platform gateway's checks, done the way 抖店 does them (§5.1–5.2) and written apart from the adapter's
 * signer on purpose, so a shared mistake cannot make both sides agree: system parameters in the query, the method
 * matching the path, the timestamp within tolerance of the server clock, and the signature recomputed over the
 * body bytes exactly as received. The body must also be canonical (keys sorted at every level, no spaces): the
 * official SDK always sends it so, and unsorted JSON is the usual cause of 签名错误 (§5.2).
 */

export interface SignCheck {
  pattern: string;
  computed: string;
  received: string;
  canonical: boolean;
}

export type GatewayOutcome =
  | { ok: true; method: string; params: Record<string, unknown>; accessToken: string | null; check: SignCheck }
  | { ok: false; error: DyError; method: string; check: SignCheck | null };

/** Methods called without an access token (they create or renew it). */
const TOKEN_METHODS = new Set(['token.create', 'token.refresh']);

/** Sorted-key, no-space JSON, written independently of the adapter's canonicalJson. */
export function sortedJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    // Go's map order: by UTF-8 bytes.
    const keys = Object.keys(o).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    return `{${keys.map((k) => `${JSON.stringify(k)}:${sortedJson(o[k])}`).join(',')}}`;
  }
  // Go's encoder escapes U+2028/U+2029 even with HTML escaping off.
  return typeof v === 'string' ? JSON.stringify(v).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029') : JSON.stringify(v);
}

export function simSign(secret: string, pattern: string, method: string): string {
  const data = `${secret}${pattern}${secret}`;
  return method === 'md5' ? createHash('md5').update(data).digest('hex') : createHmac('sha256', secret).update(data).digest('hex');
}

export function gateway(state: DouyinSimState, req: SimRequest, known: ReadonlySet<string>): GatewayOutcome {
  const q = req.url.searchParams;
  const pathMethod = req.url.pathname.replace(/^\//, '').replace(/\//g, '.');
  const fail = (error: DyError, check: SignCheck | null = null): GatewayOutcome => ({ ok: false, error, method: pathMethod, check });
  if (req.method !== 'POST' || !known.has(pathMethod)) return fail(E.apiOff());
  const method = q.get('method');
  if (method !== pathMethod) return fail(E.formatInvalid(`method ${method ?? '(none)'} does not match the path`)); // [U]
  const appKey = q.get('app_key');
  if (!appKey) return fail(E.appIdMissing());
  if (!/^\d{19}$/.test(appKey) || appKey !== state.appKey) return fail(E.appIdInvalid());
  const received = q.get('sign');
  if (!received) return fail(E.signatureMissing());
  if (q.get('v') !== '2') return fail(E.formatInvalid('v must be 2')); // [U]
  const ts = q.get('timestamp') ?? '';
  if (!/^\d{10}$/.test(ts)) return fail(E.timestampFormat());
  if (Math.abs(Number(ts) - nowSec(state)) > state.limits.toleranceSec) return fail(E.timestampInvalid());
  // Without sign_method the gateway assumes the legacy md5 [U].
  const signMethod = q.get('sign_method') ?? 'md5';
  if (signMethod !== 'md5' && signMethod !== 'hmac-sha256') return fail(E.formatInvalid(`sign_method ${signMethod}`)); // [U]
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return fail(E.formatInvalid('Content-Type must be application/json')); // [U]
  let params: unknown;
  try {
    params = JSON.parse(req.body);
  } catch {
    return fail(E.formatInvalid('body is not JSON'));
  }
  if (params === null || typeof params !== 'object' || Array.isArray(params)) return fail(E.formatInvalid('body is not a JSON object'));
  const pattern = `app_key${appKey}method${method}param_json${req.body}timestamp${ts}v2`;
  const check: SignCheck = { pattern, computed: simSign(state.appSecret, pattern, signMethod), received, canonical: sortedJson(params) === req.body };
  if (check.computed !== received || !check.canonical) return fail(E.signatureInvalid(), check);
  if (TOKEN_METHODS.has(method)) return { ok: true, method, params: params as Record<string, unknown>, accessToken: null, check };
  const token = q.get('access_token');
  if (!token) return fail(E.accessTokenMissing(), check);
  const t = state.tokens.access.get(token);
  if (!t) return fail(E.tokenNoExisted(), check);
  if (state.clock.now() >= t.expiresAt) return fail(E.tokenExpired(), check);
  return { ok: true, method, params: params as Record<string, unknown>, accessToken: token, check };
}
