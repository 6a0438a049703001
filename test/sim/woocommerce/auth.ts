import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SimRequest } from '../base.js';

/**
 * WooCommerce's own key check (WC_REST_Authentication), rebuilt from its PHP rather than shared with the adapter so
 * the two implementations cross-check each other:
 * - over HTTPS: consumer_key/consumer_secret in the query first, else HTTP Basic. An unknown key sets no error (the
 *   request goes on anonymously and the route's permission check answers 401 woocommerce_rest_cannot_view); a known
 *   key with the wrong secret is 401 "Consumer secret is invalid.".
 * - otherwise (and as HTTPS fallback): OAuth 1.0a one-legged, parameters from the query or an "OAuth" header,
 *   HMAC-SHA1/256 over METHOD&enc(home URL + path)&enc(sorted params), timestamp within 15 minutes, nonce unused.
 */

export interface SimKey {
  consumerKey: string;
  consumerSecret: string;
  permissions: 'read' | 'write' | 'read_write';
}

export interface WooError {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
}

export type AuthResult = { user: SimKey } | { user: null; error: WooError | null };

export interface AuthSetup {
  key: SimKey;
  /** The store's home URL as WordPress reports it: its scheme decides is_ssl(), its host and path the signed URL. */
  homeUrl: string;
  /** Some servers drop the Authorization header before PHP sees it. */
  stripsAuthorization: boolean;
  nowSec: number;
  /** nonce → timestamp, remembered for the 15-minute window (the real store keeps them in the key's row). */
  nonces: Map<string, number>;
}

const WINDOW_SEC = 15 * 60;
const authError = (message: string, code = 'woocommerce_rest_authentication_error'): WooError => ({ status: 401, code, message });

export function authenticate(req: SimRequest, s: AuthSetup): AuthResult {
  const https = new URL(s.homeUrl).protocol === 'https:';
  if (https) {
    const basic = basicCredentials(req, s.stripsAuthorization);
    if (basic) {
      if (basic.key !== s.key.consumerKey) {
        // Unknown key: no error is set; OAuth is tried next and the request ends up anonymous.
      } else if (basic.secret !== s.key.consumerSecret) {
        return { user: null, error: { ...authError('Consumer secret is invalid.'), headers: { 'WWW-Authenticate': 'Basic realm="WooCommerce API. Use a consumer key in the username field and a consumer secret in the password field."' } } };
      } else {
        return { user: s.key };
      }
    }
  }
  return oauth(req, s);
}

function basicCredentials(req: SimRequest, stripped: boolean): { key: string; secret: string } | null {
  const q = req.url.searchParams;
  if (q.get('consumer_key') && q.get('consumer_secret')) return { key: q.get('consumer_key')!, secret: q.get('consumer_secret')! };
  const h = stripped ? undefined : req.headers.authorization;
  if (!h?.startsWith('Basic ')) return null;
  const decoded = Buffer.from(h.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1) return null;
  return { key: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

const OAUTH_REQUIRED = ['oauth_consumer_key', 'oauth_timestamp', 'oauth_nonce', 'oauth_signature', 'oauth_signature_method'];

function oauth(req: SimRequest, s: AuthSetup): AuthResult {
  const params = new Map<string, string>(req.url.searchParams); // PHP's $_GET: decoded, '+' read as space
  const header = req.headers.authorization;
  if (header?.trim().startsWith('OAuth ')) {
    for (const m of header.matchAll(/(oauth_[a-z_-]*)=(?:"([^"]*)"|([^,]*))/g)) params.set(m[1]!, decodeURIComponent(m[2] ?? m[3] ?? ''));
  }
  const missing = OAUTH_REQUIRED.filter((k) => !params.get(k));
  if (missing.length === OAUTH_REQUIRED.length) return { user: null, error: null };
  if (missing.length > 0) {
    return { user: null, error: authError(`Missing OAuth parameter${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`, 'woocommerce_rest_authentication_missing_parameter') };
  }
  if (params.get('oauth_consumer_key') !== s.key.consumerKey) return { user: null, error: authError('Consumer key is invalid.') };

  const method = params.get('oauth_signature_method')!;
  const given = rawurldecode(params.get('oauth_signature')!.replace(/ /g, '+'));
  params.delete('oauth_signature');
  const home = new URL(s.homeUrl);
  const homePath = home.pathname.replace(/\/?$/, '/');
  const path = req.url.pathname.startsWith(homePath) ? req.url.pathname.slice(homePath.length) : req.url.pathname;
  const baseUri = rawurlencode(`${home.protocol}//${home.host}${homePath}${path}`);
  const keys = [...params.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))); // strcmp
  const queryString = keys.map((k) => rawurlencode(`${rawurlencode(k)}=${rawurlencode(params.get(k)!)}`)).join('%26');
  const toSign = `${req.method.toUpperCase()}&${baseUri}&${queryString}`;
  if (method !== 'HMAC-SHA1' && method !== 'HMAC-SHA256') return { user: null, error: authError('Invalid signature - signature method is invalid.') };
  const expected = createHmac(method === 'HMAC-SHA1' ? 'sha1' : 'sha256', `${s.key.consumerSecret}&`).update(toSign).digest('base64');
  if (expected.length !== given.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(given))) {
    return { user: null, error: authError('Invalid signature - provided signature does not match.') };
  }

  const ts = Number(params.get('oauth_timestamp'));
  if (!(ts >= s.nowSec - WINDOW_SEC && ts <= s.nowSec + WINDOW_SEC)) return { user: null, error: authError('Invalid timestamp.') };
  const nonce = params.get('oauth_nonce')!;
  for (const [n, at] of s.nonces) if (at < s.nowSec - WINDOW_SEC) s.nonces.delete(n);
  if (s.nonces.has(nonce)) return { user: null, error: authError('Invalid nonce - nonce has already been used.') };
  s.nonces.set(nonce, ts);
  return { user: s.key };
}

/** PHP rawurlencode: every byte outside A-Z a-z 0-9 - _ . ~ becomes %XX (upper-case hex). */
export function rawurlencode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function rawurldecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // PHP leaves malformed escapes alone
  }
}

/** The key's read/write permission (checked on rest_pre_dispatch, before the route runs). */
export function permissionError(user: SimKey, method: string): WooError | null {
  const reads = method === 'GET' || method === 'HEAD';
  if (reads && user.permissions === 'write') return authError('The API key provided does not have read permissions.');
  if (!reads && user.permissions === 'read') return authError('The API key provided does not have write permissions.');
  return null;
}
