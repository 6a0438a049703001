import type { AdapterContext } from '../../adapter.js';
import { parseRetryAfter, withBaseUrl } from '../../http.js';
import { PlatformError } from '../../platform-error.js';
import { withRetry, type RetryPolicy, type sleep as realSleep } from '../../retry.js';
import type { KsCredentials } from './credentials.js';
import { isTokenExpired, ksError, KS_RESULT, type KsEnvelope } from './errors.js';
import { ksSign, paramJson } from './sign.js';
import { KS_HOST, type KsTokens } from './tokens.js';

export interface KsClientOptions {
  retry?: RetryPolicy;
  /** Tests pass a recording sleep; production waits for real. */
  sleep?: typeof realSleep;
}

export type KsHttpMethod = 'GET' | 'POST';

/**
 * Calls one Kuaishou open API for one shop: path = method with dots as slashes, system parameters plus `param` (the
 * business JSON, serialized once: the string signed is the string sent), signed with the sign secret, in the query
 * for GET and as a form for POST. An expired access token is refreshed once per call and the call repeated; throttling,
 * 5xx and network failures are retried with backoff, each attempt signed afresh (timestamps are milliseconds).
 */
export class KsClient {
  constructor(
    private readonly creds: KsCredentials,
    private readonly ctx: AdapterContext,
    private readonly tokens: KsTokens,
    private readonly opts: KsClientOptions = {},
  ) {}

  call(method: string, business: Record<string, unknown>, httpMethod: KsHttpMethod): Promise<unknown> {
    let refreshed = false;
    return withRetry(
      async () => {
        const pair = this.tokens.current(this.creds, this.ctx);
        try {
          return await this.once(method, business, httpMethod, pair.accessToken);
        } catch (e) {
          // Once per call: a token refused again right after a refresh is a real authorization problem.
          if (!isTokenExpired(e) || refreshed) throw e;
          const next = await this.tokens.refresh(this.creds, this.ctx, pair.accessToken);
          refreshed = true;
          return await this.once(method, business, httpMethod, next.accessToken);
        }
      },
      {
        policy: this.opts.retry,
        signal: this.ctx.signal,
        sleep: this.opts.sleep,
        onRetry: (e, waitMs) => this.ctx.note(`Kuaishou ${method}: ${e.kind === 'throttled' ? 'asked us to slow down' : e.message}; waiting ${Math.ceil(waitMs / 1000)} s`),
      },
    );
  }

  private async once(method: string, business: Record<string, unknown>, httpMethod: KsHttpMethod, accessToken: string): Promise<unknown> {
    const params: Record<string, string> = {
      appkey: this.creds.appKey,
      method,
      version: '1',
      param: paramJson(business),
      access_token: accessToken,
      timestamp: String(this.ctx.now()),
      signMethod: this.creds.signMethod,
    };
    params.sign = ksSign(params, this.creds.signSecret, this.creds.signMethod);
    const encoded = new URLSearchParams(params).toString();
    const path = `/${method.replace(/\./g, '/')}`;
    const res = await this.ctx.http({
      method: httpMethod,
      url: withBaseUrl(`${KS_HOST}${path}${httpMethod === 'GET' ? `?${encoded}` : ''}`, this.ctx.shop.baseUrl),
      headers: { Accept: 'application/json', ...(httpMethod === 'POST' ? { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8' } : {}) },
      ...(httpMethod === 'POST' ? { body: encoded } : {}),
      signal: this.ctx.signal,
    });
    if (res.status === 429) throw new PlatformError('throttled', `Kuaishou is limiting calls to ${method} (HTTP 429)`, { httpStatus: 429, retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), this.ctx.now()) });
    if (res.status >= 500) throw new PlatformError('server', `Kuaishou answered ${method} with HTTP ${res.status}`, { httpStatus: res.status });
    const env = res.json;
    if (!env || typeof env !== 'object' || Array.isArray(env)) {
      throw new PlatformError(res.status === 200 ? 'server' : 'bad_request', `Kuaishou answered ${method} with HTTP ${res.status} and no JSON`, { httpStatus: res.status });
    }
    const e = env as KsEnvelope;
    if (e.result === KS_RESULT.ok) return e.data;
    throw ksError(method, e);
  }
}
