import type { AdapterContext } from '../../adapter.js';
import { withBaseUrl, parseRetryAfter, type HttpResponse } from '../../http.js';
import { PlatformError } from '../../platform-error.js';
import { withRetry, type RetryPolicy, type sleep as realSleep } from '../../retry.js';
import type { WooCredentials } from './credentials.js';
import { makeNonce, oauth1Params, percentEncode } from './oauth1.js';

export interface WooClientOptions {
  retry?: RetryPolicy;
  /** Tests pass a recording sleep; production waits for real. */
  sleep?: typeof realSleep;
}

export type Query = readonly (readonly [string, string])[];
type Method = 'GET' | 'POST' | 'PUT';

/**
 * Talks to one store's REST API: builds production URLs from the site address (then swaps scheme+host through
 * withBaseUrl, so a simulator sees production paths), authenticates each attempt afresh (an OAuth nonce may not be
 * reused, so a retry must sign again), retries transient failures and turns WooCommerce's
 * {code, message, data:{status}} envelope into a PlatformError of the right kind.
 */
export class WooClient {
  constructor(
    private readonly creds: WooCredentials,
    private readonly ctx: AdapterContext,
    private readonly opts: WooClientOptions = {},
  ) {}

  get siteUrl(): string {
    return this.creds.siteUrl;
  }

  /** One request with retries; route is relative to the site root, e.g. "wp-json/wc/v3/orders/12". */
  request(method: Method, route: string, query: Query = [], body?: Record<string, unknown>): Promise<HttpResponse> {
    return this.retrying(() => this.once(method, route, query, body));
  }

  /**
   * The retry loop on its own, for steps that must look before they repeat a write (a note POST whose answer was
   * lost may have landed: re-check, then post again only if it is not there).
   */
  retrying<T>(fn: (attempt: number) => Promise<T>): Promise<T> {
    return withRetry(fn, {
      policy: this.opts.retry,
      signal: this.ctx.signal,
      sleep: this.opts.sleep,
      onRetry: (e, waitMs) =>
        this.ctx.note(`WooCommerce ${e.kind === 'throttled' ? 'asked us to slow down' : 'did not answer properly'} (${e.message}); waiting ${Math.ceil(waitMs / 1000)} s`),
    });
  }

  /** A single attempt, no retry. */
  async once(method: Method, route: string, query: Query = [], body?: Record<string, unknown>): Promise<HttpResponse> {
    const { consumerKey, consumerSecret, authMode } = this.creds;
    const productionBase = `${this.creds.siteUrl}/${route}`;
    const params: (readonly [string, string])[] = [...query];
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (authMode === 'basic') {
      headers.Authorization = 'Basic ' + Buffer.from(`${consumerKey}:${consumerSecret}`).toString('base64');
    } else if (authMode === 'query') {
      params.push(['consumer_key', consumerKey], ['consumer_secret', consumerSecret]);
    } else {
      // The store checks the signature against its own address, so sign the production URL, never the override.
      const timestampSec = Math.floor(this.ctx.now() / 1000);
      params.push(...oauth1Params({ method, baseUrl: productionBase, params: query, consumerKey, consumerSecret, timestampSec, nonce: makeNonce() }));
    }
    const qs = params.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&');
    const url = withBaseUrl(qs ? `${productionBase}?${qs}` : productionBase, this.ctx.shop.baseUrl);
    const res = await this.ctx.http({ method, url, headers, body, signal: this.ctx.signal });
    if (res.status >= 200 && res.status < 300) {
      if (res.json === undefined || res.json === null) {
        // An HTML page with 200: a firewall challenge, a maintenance page, or permalinks set to "Plain" (the
        // /wp-json/ path then falls through to the home page). Retrying will not help.
        throw new PlatformError('bad_request', `${this.creds.siteUrl} answered ${route} with a web page instead of WooCommerce data; check the site address, that permalinks are not "Plain", and any security plugin or firewall`, { httpStatus: res.status });
      }
      return res;
    }
    throw toPlatformError(res, this.creds);
  }
}

interface Envelope {
  code?: string;
  message?: string;
  params?: Record<string, string>;
}

function readEnvelope(json: unknown): Envelope {
  if (!json || typeof json !== 'object') return {};
  const o = json as Record<string, unknown>;
  const data = o.data && typeof o.data === 'object' ? (o.data as Record<string, unknown>) : {};
  const params = data.params && typeof data.params === 'object' ? (data.params as Record<string, string>) : undefined;
  return {
    code: typeof o.code === 'string' ? o.code : undefined,
    // WordPress messages may carry HTML (links, <strong>); the sync panel shows plain text.
    message: typeof o.message === 'string' ? o.message.replace(/<[^>]*>/g, '').trim() : undefined,
    params,
  };
}

const KEYS_PAGE = 'WooCommerce → Settings → Advanced → REST API';

/** The envelope (or a host's bare error page) as a PlatformError the engine can act on, in words a seller follows. */
export function toPlatformError(res: HttpResponse, creds: Pick<WooCredentials, 'siteUrl' | 'authMode'>): PlatformError {
  const env = readEnvelope(res.json);
  const details = { platformCode: env.code, httpStatus: res.status };
  const said = env.message ?? `HTTP ${res.status}`;
  if (res.status === 429) {
    // WooCommerce core has no rate limit; the host or a firewall plugin does, and may say when to come back.
    return new PlatformError('throttled', `the store's host is rate limiting requests (HTTP 429)`, { ...details, retryAfterMs: parseRetryAfter(res.headers.get('retry-after')) });
  }
  if (res.status >= 500) {
    return new PlatformError('server', `the store answered HTTP ${res.status}${env.message ? `: ${env.message}` : ''}`, { ...details, retryAfterMs: parseRetryAfter(res.headers.get('retry-after')) });
  }
  if (res.status === 401 || res.status === 403) return new PlatformError('auth', authMessage(env, res.status, creds), details);
  if (res.status === 404) {
    if (env.code === 'rest_no_route') {
      return new PlatformError('not_found', `no WooCommerce REST API at ${creds.siteUrl}: check the site address, that WooCommerce is active and that permalinks are not "Plain"`, details);
    }
    return new PlatformError('not_found', `WooCommerce: ${said}`, details);
  }
  const params = env.params ? ` (${Object.entries(env.params).map(([k, v]) => `${k}: ${v}`).join('; ')})` : '';
  return new PlatformError('bad_request', `WooCommerce rejected the request: ${said}${params}`, details);
}

function authMessage(env: Envelope, status: number, creds: Pick<WooCredentials, 'siteUrl' | 'authMode'>): string {
  const m = env.message ?? '';
  if (/invalid timestamp/i.test(m)) {
    return `WooCommerce refused the request because this computer's clock differs from the store's by more than 15 minutes; correct the system clock`;
  }
  if (/nonce/i.test(m)) return `WooCommerce refused a repeated request signature (${m}); it will be signed afresh on the next try`;
  if (/secret is invalid|signature/i.test(m)) return `WooCommerce refused the consumer secret; copy the key pair again from ${KEYS_PAGE}`;
  if (/key is invalid/i.test(m)) return `WooCommerce does not know this consumer key; copy the key pair again from ${KEYS_PAGE}`;
  if (/write permission/i.test(m)) return `the WooCommerce API key is read-only; give it Read/Write permission in ${KEYS_PAGE}`;
  if (/read permission/i.test(m)) return `the WooCommerce API key cannot read; give it Read/Write permission in ${KEYS_PAGE}`;
  if (!env.code) return `the store refused access (HTTP ${status}); a firewall or security plugin may be blocking ShopDesk`;
  // woocommerce_rest_cannot_view / _edit / _create: the request reached WordPress without a recognised key.
  const hint =
    creds.authMode === 'basic'
      ? `; if they are right, the web server may be dropping the Authorization header: set the shop's auth mode to "query"`
      : '';
  return `WooCommerce did not accept the API keys ("${m}"); check the consumer key and secret in ${KEYS_PAGE}${hint}`;
}
