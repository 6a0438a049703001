import type { AdapterContext } from '../../adapter.js';
import { toUnixSeconds } from '../../edge.js';
import { withBaseUrl, type HttpResponse } from '../../http.js';
import { PlatformError } from '../../platform-error.js';
import { withRetry, type RetryPolicy, type sleep as realSleep } from '../../retry.js';
import type { PddCredentials } from './credentials.js';
import { readErrorBody, toPddError } from './errors.js';
import { signedForm, type PddParam } from './sign.js';

/** Production router: every API is a POST here, `type` names it (platform-apis.md §6.1). */
export const PDD_ROUTER = 'https://gw-api.pinduoduo.com/api/router';

export interface PddClientOptions {
  retry?: RetryPolicy;
  /** Tests pass a sleep that advances the simulator's clock; production waits for real. */
  sleep?: typeof realSleep;
}

/**
 * One shop's calls to the PDD router: adds the common parameters (type, client_id, access_token, timestamp in unix
 * seconds, data_type=JSON), signs each attempt afresh (a retry carries a new timestamp), form-encodes the body,
 * retries throttling / 5xx / network failures, and unwraps `<api>_response` or turns `error_response` into a
 * PlatformError. The base-URL override swaps scheme and host only, so a simulator sees the production path.
 */
export class PddClient {
  constructor(
    private readonly creds: PddCredentials,
    private readonly ctx: AdapterContext,
    private readonly opts: PddClientOptions = {},
  ) {}

  /** One API call with retries; returns the object under responseKey. */
  call(type: string, params: Readonly<Record<string, PddParam>>, responseKey: string): Promise<Record<string, unknown>> {
    return withRetry(() => this.once(type, params, responseKey), {
      policy: this.opts.retry,
      signal: this.ctx.signal,
      sleep: this.opts.sleep,
      onRetry: (e, waitMs) =>
        this.ctx.note(`Pinduoduo ${type}: ${e.kind === 'throttled' ? 'rate limited' : e.message}; waiting ${Math.ceil(waitMs / 1000)} s`),
    });
  }

  /** A single attempt, no retry. */
  async once(type: string, params: Readonly<Record<string, PddParam>>, responseKey: string): Promise<Record<string, unknown>> {
    const all: Record<string, PddParam> = {
      ...params,
      type,
      client_id: this.creds.clientId,
      access_token: this.creds.accessToken,
      timestamp: toUnixSeconds(this.ctx.now()),
      data_type: 'JSON',
    };
    const res = await this.ctx.http({
      method: 'POST',
      url: withBaseUrl(PDD_ROUTER, this.ctx.shop.baseUrl),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8', Accept: 'application/json' },
      body: signedForm(this.creds.clientSecret, all),
      signal: this.ctx.signal,
    });
    return unwrap(type, res, responseKey);
  }
}

/** The `<api>_response` object, or the PlatformError the answer stands for. */
export function unwrap(type: string, res: HttpResponse, responseKey: string): Record<string, unknown> {
  if (res.status === 429) return fail(new PlatformError('throttled', `Pinduoduo's gateway is rate limiting ${type} (HTTP 429)`, { httpStatus: 429 }));
  if (res.status >= 500) return fail(new PlatformError('server', `Pinduoduo answered ${type} with HTTP ${res.status}`, { httpStatus: res.status }));
  const err = readErrorBody(res.json);
  if (err) throw toPddError(type, err);
  if (res.status < 200 || res.status >= 300) {
    // The router answers everything with 200; anything else came from a proxy or firewall on the way.
    return fail(new PlatformError('bad_request', `Pinduoduo's router answered ${type} with HTTP ${res.status}; a proxy or firewall may be in the way`, { httpStatus: res.status }));
  }
  const body = (res.json as Record<string, unknown> | undefined)?.[responseKey];
  if (!body || typeof body !== 'object') {
    // A page instead of JSON (a captive portal, a CDN hiccup): transient more often than not.
    return fail(new PlatformError('server', `Pinduoduo answered ${type} without ${responseKey}${res.json === undefined ? ' (not JSON)' : ''}`, { httpStatus: res.status }));
  }
  return body as Record<string, unknown>;
}

function fail(e: PlatformError): never {
  throw e;
}
