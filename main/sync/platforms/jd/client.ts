import type { AdapterContext } from '../../adapter.js';
import { formatCnTime } from '../../edge.js';
import { parseRetryAfter, withBaseUrl } from '../../http.js';
import { PlatformError } from '../../platform-error.js';
import { withRetry, type RetryPolicy, type sleep as realSleep } from '../../retry.js';
import type { JdCredentials } from './credentials.js';
import { jdGatewayError, type JdGatewayError } from './errors.js';
import { jdSign } from './sign.js';

/** The JOS router; every merchant API (jingdong.*) is a POST to it with `method` naming the API [S §7.1]. */
export const JD_ROUTER = 'https://api.jd.com/routerjson';

export interface JdClientOptions {
  retry?: RetryPolicy;
  /** Tests pass a recording sleep; production waits for real. */
  sleep?: typeof realSleep;
}

type Json = Record<string, unknown>;

/**
 * Calls one JOS API for one shop: builds the system parameters, serializes the business parameters once into
 * 360buy_param_json (the string that is signed is the string that is sent), signs, POSTs the form, and unwraps
 * `<method with _>_responce` (JD's own spelling). Each attempt is signed afresh with the current time, since a retry
 * after a long throttle wait would otherwise carry a stale timestamp. Transient failures are retried.
 */
export class JdClient {
  constructor(
    private readonly creds: JdCredentials,
    private readonly ctx: AdapterContext,
    private readonly opts: JdClientOptions = {},
  ) {}

  call(method: string, business: Json): Promise<Json> {
    return withRetry(() => this.once(method, business), {
      policy: this.opts.retry,
      signal: this.ctx.signal,
      sleep: this.opts.sleep,
      onRetry: (e, waitMs) => this.ctx.note(`JD ${method}: ${e.kind === 'throttled' ? 'asked us to slow down' : e.message}; waiting ${Math.ceil(waitMs / 1000)} s`),
    });
  }

  async once(method: string, business: Json): Promise<Json> {
    const params: Record<string, string> = {
      method,
      app_key: this.creds.appKey,
      access_token: this.creds.accessToken,
      // JD checks this against its own clock in China time; formatting the engine's clock in GMT+8 keeps a
      // computer set to UTC from being 8 hours off (a known JOS integration pitfall, §7.1).
      timestamp: formatCnTime(this.ctx.now()),
      v: '2.0',
      format: 'json',
      '360buy_param_json': JSON.stringify(business),
    };
    params.sign = jdSign(params, this.creds.appSecret);
    const res = await this.ctx.http({
      method: 'POST',
      url: withBaseUrl(JD_ROUTER, this.ctx.shop.baseUrl),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8', Accept: 'application/json' },
      body: new URLSearchParams(params).toString(),
      signal: this.ctx.signal,
    });
    if (res.status === 429) throw new PlatformError('throttled', `JD is limiting calls to ${method} (HTTP 429)`, { httpStatus: 429, retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), this.ctx.now()) });
    if (res.status >= 500) throw new PlatformError('server', `JD answered ${method} with HTTP ${res.status}`, { httpStatus: res.status });
    const json = res.json;
    if (!json || typeof json !== 'object' || Array.isArray(json)) {
      throw new PlatformError(res.status === 200 ? 'server' : 'bad_request', `JD answered ${method} with HTTP ${res.status} and no JSON`, { httpStatus: res.status });
    }
    const body = json as Json;
    const gateway = body.error_response;
    if (gateway && typeof gateway === 'object') {
      const e = gateway as Partial<JdGatewayError>;
      throw jdGatewayError(method, { code: String(e.code ?? ''), zh_desc: e.zh_desc, en_desc: e.en_desc });
    }
    const inner = body[`${method.replace(/\./g, '_')}_responce`];
    if (!inner || typeof inner !== 'object') {
      throw new PlatformError('server', `JD answered ${method} without ${method.replace(/\./g, '_')}_responce`, { httpStatus: res.status });
    }
    return inner as Json;
  }
}

/**
 * JOS business results carry {success, chineseErrCode, englishErrCode, numberCode} (apiResult of the order search,
 * sopjosshipment_result of the shipment); this reads one, or null when the object is not there.
 */
export interface JdApiResult {
  success: boolean;
  chineseErrCode: string;
  englishErrCode: string;
  numberCode: string;
}

export function readApiResult(v: unknown): JdApiResult | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Json;
  const str = (x: unknown) => (typeof x === 'string' ? x : x == null ? '' : String(x));
  // JD has sent the flag both as a boolean and as the string "true".
  return { success: o.success === true || o.success === 'true', chineseErrCode: str(o.chineseErrCode), englishErrCode: str(o.englishErrCode), numberCode: str(o.numberCode ?? o.errorCode) };
}
