import type { AdapterContext } from '../../adapter.js';
import { formatCnTime } from '../../edge.js';
import { parseRetryAfter, withBaseUrl } from '../../http.js';
import { PlatformError } from '../../platform-error.js';
import { DEFAULT_RETRY, withRetry, type RetryPolicy, type sleep as realSleep } from '../../retry.js';
import type { TaobaoCredentials } from './credentials.js';
import { readTopError, toTopError } from './errors.js';
import { parseTopJson } from './json.js';
import { topSign } from './sign.js';

/** The production router (§4.1); the method parameter, not the path, selects the API. */
export const TOP_ROUTER = 'https://eco.taobao.com/router/rest';

export interface TopClientOptions {
  retry?: RetryPolicy;
  /** Tests pass a sleep that advances the simulator's clock. */
  sleep?: typeof realSleep;
}

/** "taobao.trades.sold.increment.get" → "trades_sold_increment_get_response", the key TOP wraps the answer in. */
export function responseKey(api: string): string {
  return `${api.replace(/^taobao\./, '').replace(/\./g, '_')}_response`;
}

/**
 * One seller's TOP session: signs each request (system parameters of §4.1, signature of §4.2), posts it form-encoded
 * to the router, turns error_response into a classified PlatformError and retries throttling / server failures with
 * backoff. Every attempt gets a fresh timestamp and signature: a retry after a long App Call Limited ban would
 * otherwise arrive with a timestamp outside TOP's ten minutes.
 */
export class TopClient {
  constructor(
    private readonly creds: TaobaoCredentials,
    private readonly ctx: AdapterContext,
    private readonly opts: TopClientOptions = {},
  ) {}

  /** Calls `api` with business parameters; returns the object inside `<api>_response`. */
  call(api: string, params: Readonly<Record<string, string>>): Promise<Record<string, unknown>> {
    return withRetry(() => this.once(api, params), {
      policy: this.opts.retry ?? DEFAULT_RETRY,
      signal: this.ctx.signal,
      ...(this.opts.sleep ? { sleep: this.opts.sleep } : {}),
      onRetry: (e, waitMs) => this.ctx.note(`Taobao ${api}: ${e.kind === 'throttled' ? 'call limit reached' : 'service failed'}; waiting ${Math.ceil(waitMs / 1000)} s`),
    });
  }

  /** A single attempt, no retry. */
  async once(api: string, params: Readonly<Record<string, string>>): Promise<Record<string, unknown>> {
    const all: Record<string, string> = {
      ...params,
      method: api,
      app_key: this.creds.appKey,
      session: this.creds.sessionKey,
      timestamp: formatCnTime(this.ctx.now()),
      format: 'json',
      v: '2.0',
      sign_method: this.creds.signMethod,
    };
    all.sign = topSign(all, this.creds.appSecret, this.creds.signMethod);
    const res = await this.ctx.http({
      method: 'POST',
      url: withBaseUrl(TOP_ROUTER, this.ctx.shop.baseUrl),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=utf-8', Accept: 'application/json' },
      body: new URLSearchParams(all).toString(),
      signal: this.ctx.signal,
    });
    if (res.status >= 500) throw new PlatformError('server', `Taobao ${api}: the router answered HTTP ${res.status}`, { httpStatus: res.status });
    // TOP itself answers 200 even for errors; a 429 comes from a proxy in between and means the same as code 7.
    if (res.status === 429) throw new PlatformError('throttled', `Taobao ${api}: HTTP 429 from the network in between`, { httpStatus: 429, retryAfterMs: parseRetryAfter(res.headers.get('retry-after')) });
    if (res.status !== 200) throw new PlatformError('bad_request', `Taobao ${api}: the router answered HTTP ${res.status}`, { httpStatus: res.status });
    let json: unknown;
    try {
      json = parseTopJson(res.text);
    } catch {
      // A gateway or proxy page instead of TOP's JSON: transient more often than not.
      throw new PlatformError('server', `Taobao ${api}: the answer is not JSON (${res.text.slice(0, 80)})`, { httpStatus: res.status });
    }
    const err = readTopError(json);
    if (err) throw toTopError(api, err);
    const inner = (json as Record<string, unknown> | null)?.[responseKey(api)];
    if (!inner || typeof inner !== 'object') throw new PlatformError('server', `Taobao ${api}: the answer has no ${responseKey(api)}`);
    return inner as Record<string, unknown>;
  }
}
