import { createHmac, randomBytes } from 'node:crypto';

/**
 * OAuth 1.0a "one-legged" signing, the way WooCommerce checks it on stores served over plain HTTP
 * (WC_REST_Authentication::check_oauth_signature): no token, signing key = consumer secret + "&", the OAuth
 * parameters travel in the query string, oauth_version is left out, and only the URL query is signed (a JSON body
 * is not form data, so the server never sees it as parameters).
 */

export type OAuthSignatureMethod = 'HMAC-SHA1' | 'HMAC-SHA256';

/** RFC 3986 percent-encoding (PHP rawurlencode): everything but A-Z a-z 0-9 - . _ ~ is escaped. */
export function percentEncode(value: string): string {
  // encodeURIComponent leaves ! ' ( ) * alone; RFC 3986 (and the server's rawurlencode) does not.
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/**
 * METHOD & enc(base URL) & enc(k1=v1&k2=v2…), pairs encoded then sorted by key (then value), as RFC 5849 §3.4.1.
 * baseUrl is scheme://host[:non-default port]/path, without query: the store's own address, not a test override.
 */
export function signatureBaseString(method: string, baseUrl: string, params: readonly (readonly [string, string])[]): string {
  const pairs = params.map(([k, v]) => [percentEncode(k), percentEncode(v)] as const);
  pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const normalized = pairs.map(([k, v]) => `${k}=${v}`).join('&');
  return `${method.toUpperCase()}&${percentEncode(baseUrl)}&${percentEncode(normalized)}`;
}

export interface OAuthSignInput {
  method: string;
  /** Production URL without query. */
  baseUrl: string;
  /** The request's own query parameters (they are signed too). */
  params: readonly (readonly [string, string])[];
  consumerKey: string;
  consumerSecret: string;
  timestampSec: number;
  nonce: string;
  signatureMethod?: OAuthSignatureMethod;
}

/** Returns the oauth_* parameters to append to the query, oauth_signature included. */
export function oauth1Params(input: OAuthSignInput): [string, string][] {
  const signatureMethod = input.signatureMethod ?? 'HMAC-SHA256';
  const oauth: [string, string][] = [
    ['oauth_consumer_key', input.consumerKey],
    ['oauth_nonce', input.nonce],
    ['oauth_signature_method', signatureMethod],
    ['oauth_timestamp', String(input.timestampSec)],
  ];
  const base = signatureBaseString(input.method, input.baseUrl, [...input.params, ...oauth]);
  const algo = signatureMethod === 'HMAC-SHA1' ? 'sha1' : 'sha256';
  // No token secret in one-legged OAuth, so the key is the secret and a bare "&". WooCommerce does not encode the
  // secret first (RFC 5849 would); cs_… secrets are [a-z0-9_] so both agree, and the server is the one to match.
  const signature = createHmac(algo, `${input.consumerSecret}&`).update(base).digest('base64');
  return [...oauth, ['oauth_signature', signature]];
}

/** 32 alphanumeric characters, as WooCommerce recommends; a nonce may be used once per 15 minutes. */
export function makeNonce(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(32)].map((b) => alphabet[b % alphabet.length]).join('');
}
