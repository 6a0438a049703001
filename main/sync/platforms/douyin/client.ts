import type { AdapterContext } from '../../adapter.js';
import { toUnixSeconds } from '../../edge.js';
import { parseRetryAfter, withBaseUrl } from '../../http.js';
import { PlatformError } from '../../platform-error.js';
import { DEFAULT_RETRY, type RetryPolicy, type sleep as realSleep, withRetry } from '../../retry.js';
import { parseDouyinCredentials, type DouyinCredentials } from './credentials.js';
import { Envelope, envelopeError, isTokenExpired, SUCCESS } from './errors.js';
import { canonicalJson, DOUYIN_HOST, douyinSign, methodPath } from './sign.js';
import type { DouyinTokens } from './tokens.js';

export interface DouyinClientOptions {
  retry?: RetryPolicy;
  /** Tests swap the wait for one that advances the simulator's clock. */
  sleep?: typeof realSleep;
}

export interface CallOptions {
  /** Envelopes the caller reads itself although code ≠ 10000 (batchDecrypt's "partly failed"). */
  accept?: (env: Envelope) => boolean;
}

/** The shop's stored credentials; ones that no longer parse can only be fixed by the seller, like a refused token. */
export function credentialsOf(ctx: AdapterContext): DouyinCredentials {
  try {
    return parseDouyinCredentials(ctx.shop.credentials);
  } catch (e) {
    throw new PlatformError('auth', `抖店 credentials: ${(e as Error).message}`);
  }
}

/**
 * One 抖店 open-platform call (§5.1–5.4): POST /{method as a path}, the system parameters in the query, the business
 * parameters as canonical JSON in the body — serialized once, so the signed param_json and the bytes sent are the
 * same. Asks for the new error envelope, renews an expired access token once per call, and retries throttling,
 * 5xx and network failures with backoff (one budget for the whole call, renewal included). Each attempt is signed
 * afresh: the gateway judges the timestamp, and a retry after a long wait would otherwise be refused.
 */
export class DouyinClient {
  constructor(
    private readonly tokens: DouyinTokens,
    private readonly opts: DouyinClientOptions = {},
  ) {}

  async call(ctx: AdapterContext, method: string, params: Record<string, unknown>, options: CallOptions = {}): Promise<Envelope> {
    const creds = credentialsOf(ctx);
    const body = canonicalJson(params);
    let renewed = false;
    return withRetry(
      async () => {
        let pair = this.tokens.current(ctx, creds);
        let env = await this.send(ctx, creds, method, body, pair.accessToken);
        if (isTokenExpired(env) && !renewed) {
          pair = await this.tokens.refresh(ctx, creds, pair, (m, p) => this.send(ctx, creds, m, canonicalJson(p), null));
          renewed = true; // only once renewed: a renewal that was throttled is tried again on the next attempt
          env = await this.send(ctx, creds, method, body, pair.accessToken);
        }
        if (env.code === SUCCESS || options.accept?.(env)) return env;
        throw envelopeError(method, env);
      },
      {
        policy: this.opts.retry ?? DEFAULT_RETRY,
        signal: ctx.signal,
        ...(this.opts.sleep ? { sleep: this.opts.sleep } : {}),
        onRetry: (e, waitMs) => ctx.note(`抖店 ${method}: ${e.kind === 'throttled' ? 'rate limited' : e.message}; waiting ${Math.ceil(waitMs / 1000)} s`),
      },
    );
  }

  /** One signed POST; returns the envelope, throwing only for transport-level failures (HTTP 429/5xx, not JSON). */
  private async send(ctx: AdapterContext, creds: DouyinCredentials, method: string, body: string, accessToken: string | null): Promise<Envelope> {
    const timestamp = String(toUnixSeconds(ctx.now()));
    const sign = douyinSign({ appKey: creds.appKey, method, paramJson: body, timestamp }, creds.appSecret, creds.signMethod);
    const query = new URLSearchParams({ app_key: creds.appKey, method });
    if (accessToken !== null) query.set('access_token', accessToken);
    query.set('timestamp', timestamp);
    query.set('v', '2');
    query.set('sign', sign);
    query.set('sign_method', creds.signMethod);
    const res = await ctx.http({
      method: 'POST',
      url: withBaseUrl(`${DOUYIN_HOST}${methodPath(method)}?${query}`, ctx.shop.baseUrl),
      // The new code/sub_code envelope instead of the legacy err_no/message one (§5.1).
      headers: { 'Content-Type': 'application/json;charset=UTF-8', Accept: 'application/json', 'x-open-no-old-err-code': '1' },
      body,
      signal: ctx.signal,
    });
    if (res.status === 429) {
      throw new PlatformError('throttled', `抖店 ${method}: HTTP 429`, { httpStatus: 429, retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), ctx.now()) });
    }
    if (res.status >= 500) throw new PlatformError('server', `抖店 ${method}: HTTP ${res.status}`, { httpStatus: res.status });
    const env = Envelope.safeParse(res.json);
    if (!env.success) {
      // A 4xx page is a wrong address (a bad base URL); a 200 without the envelope is a broken gateway or a truncated
      // body, which waiting and trying again may cure.
      const what = `抖店 ${method}: HTTP ${res.status} without the open-platform envelope${res.text ? `: ${res.text.slice(0, 120)}` : ''}`;
      throw new PlatformError(res.status >= 400 ? 'bad_request' : 'server', what, { httpStatus: res.status });
    }
    return env.data;
  }
}
