import type { AdapterContext } from '../../adapter.js';
import { type HttpResponse, parseRetryAfter, withBaseUrl } from '../../http.js';
import { PlatformError } from '../../platform-error.js';
import { DEFAULT_RETRY, type RetryPolicy, type sleep as realSleep, withRetry } from '../../retry.js';
import type { AmazonCredentials } from './credentials.js';
import type { LwaTokens } from './lwa.js';
import { SP_API_HOSTS } from './marketplaces.js';

/** The SP-API operations we call; each has its own usage plan (token bucket) on Amazon's side. */
export type AmazonOperation = 'getOrders' | 'getOrderItems' | 'confirmShipment';

export interface AmazonCall {
  operation: AmazonOperation;
  method: 'GET' | 'POST';
  /** Production path with its query, e.g. /orders/v0/orders?MarketplaceIds=… (already encoded). */
  pathAndQuery: string;
  body?: Record<string, unknown>;
}

export interface ClientOptions {
  retry?: RetryPolicy;
  /** Tests swap the wait for one that advances a simulated clock. */
  sleep?: typeof realSleep;
}

interface AmazonErrorEntry {
  code: string;
  message: string;
  details: string;
}

/** The first entry of Amazon's {"errors":[{code,message,details}]} envelope, if the body is one. */
export function firstAmazonError(json: unknown): AmazonErrorEntry | null {
  const errors = (json as { errors?: unknown } | null | undefined)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return null;
  const e = errors[0] as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : v == null ? '' : String(v));
  return { code: str(e.code), message: str(e.message), details: str(e.details) };
}

/** ms until one token is back in a bucket refilling at x-amzn-RateLimit-Limit requests per second. */
export function refillMs(rateHeader: string | null): number | undefined {
  const rate = Number(rateHeader);
  if (!rateHeader || !Number.isFinite(rate) || rate <= 0) return undefined;
  return Math.ceil(1000 / rate);
}

function isUnauthorized(res: HttpResponse): boolean {
  // Amazon answers an expired or unknown access token with 403 + code Unauthorized (not 401).
  return (res.status === 403 || res.status === 401) && (firstAmazonError(res.json)?.code ?? 'Unauthorized') === 'Unauthorized';
}

/** Classifies a non-2xx SP-API answer. Amazon's own message is kept as the error message: it is what support asks for. */
export function toPlatformError(op: AmazonOperation, res: HttpResponse, now: number): PlatformError {
  const e = firstAmazonError(res.json);
  const text = e ? `${e.message || e.code}${e.details ? ` (${e.details})` : ''}` : `HTTP ${res.status}${res.text ? `: ${res.text.slice(0, 200)}` : ''}`;
  const details = { platformCode: e?.code || undefined, httpStatus: res.status };
  if (res.status === 429) {
    // Amazon sends no Retry-After; its rate header says how fast the bucket refills, which is how long one token takes.
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), now) ?? refillMs(res.headers.get('x-amzn-ratelimit-limit'));
    return new PlatformError('throttled', `Amazon ${op} throttled: ${text}`, { ...details, retryAfterMs });
  }
  if (res.status >= 500) return new PlatformError('server', `Amazon ${op} failed: ${text}`, details);
  if (res.status === 401 || res.status === 403) {
    return new PlatformError('auth', `Amazon denied ${op}: ${text}. Check that the seller still authorizes ShopDesk and that the app has the Orders roles.`, details);
  }
  if (res.status === 404) return new PlatformError('not_found', text, details);
  return new PlatformError('bad_request', text, details);
}

/**
 * One SP-API request: adds the LWA access token, refreshes it once when Amazon calls it expired or invalid, turns
 * error envelopes into PlatformError and retries throttling / 5xx / network failures with backoff (one budget for
 * the whole call, the token exchange included, so failures do not multiply).
 */
export class AmazonClient {
  constructor(
    private readonly tokens: LwaTokens,
    private readonly opts: ClientOptions = {},
  ) {}

  async call(call: AmazonCall, creds: AmazonCredentials, ctx: AdapterContext): Promise<HttpResponse> {
    const url = withBaseUrl(SP_API_HOSTS[creds.region] + call.pathAndQuery, ctx.shop.baseUrl);
    const send = (token: string) =>
      ctx.http({
        method: call.method,
        url,
        headers: { 'x-amz-access-token': token, Accept: 'application/json' },
        ...(call.body ? { body: call.body } : {}),
        signal: ctx.signal,
      });
    let refreshed = false;
    return withRetry(
      async () => {
        const token = await this.tokens.accessToken(creds, ctx);
        let res = await send(token);
        if (isUnauthorized(res) && !refreshed) {
          // Once per call: a token Amazon revoked early, or our clock ran behind. A second refusal is a real auth error.
          refreshed = true;
          this.tokens.invalidate(creds, ctx, token);
          res = await send(await this.tokens.accessToken(creds, ctx));
        }
        if (res.status >= 200 && res.status < 300) return res;
        throw toPlatformError(call.operation, res, ctx.now());
      },
      {
        policy: this.opts.retry ?? DEFAULT_RETRY,
        signal: ctx.signal,
        ...(this.opts.sleep ? { sleep: this.opts.sleep } : {}),
        onRetry: (e, waitMs) => ctx.note(`Amazon ${call.operation}: ${e.kind === 'throttled' ? 'throttled' : e.message}; waiting ${Math.ceil(waitMs / 1000)} s`),
      },
    );
  }
}
