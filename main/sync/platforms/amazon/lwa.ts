import { z } from 'zod';
import type { AdapterContext } from '../../adapter.js';
import { parseRetryAfter, withBaseUrl } from '../../http.js';
import { PlatformError } from '../../platform-error.js';
import type { AmazonCredentials } from './credentials.js';
import { LWA_TOKEN_URL } from './marketplaces.js';

const TokenAnswer = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  token_type: z.string().optional(),
  refresh_token: z.string().optional(),
});

const OAuthError = z.object({ error: z.string(), error_description: z.string().optional() });

interface CachedToken {
  token: string;
  /** Engine-clock ms after which we stop using it (Amazon's expiry less the margin). */
  useUntil: number;
}

/**
 * Login with Amazon: trades the seller's long-lived refresh token for a one-hour access token and keeps it in memory
 * per shop (never on disk: it is a bearer credential and cheap to get again). Concurrent callers share one exchange.
 */
export class LwaTokens {
  private readonly cache = new Map<string, CachedToken>();
  private readonly inFlight = new Map<string, Promise<string>>();

  /** marginMs: stop using a token this long before Amazon says it expires (clock skew, slow requests). */
  constructor(private readonly marginMs = 60_000) {}

  private key(creds: AmazonCredentials, ctx: AdapterContext): string {
    // Keyed by the credentials too: a seller who re-authorizes gets a fresh token at once, not after an hour.
    return `${ctx.shop.shopId}\u0000${creds.clientId}\u0000${creds.refreshToken}`;
  }

  async accessToken(creds: AmazonCredentials, ctx: AdapterContext): Promise<string> {
    const key = this.key(creds, ctx);
    const hit = this.cache.get(key);
    if (hit && ctx.now() < hit.useUntil) return hit.token;
    let p = this.inFlight.get(key);
    if (!p) {
      p = this.exchange(creds, ctx, key).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, p);
    }
    return p;
  }

  /** Forgets `token` (Amazon called it expired or invalid) unless a newer one already replaced it. */
  invalidate(creds: AmazonCredentials, ctx: AdapterContext, token: string): void {
    const key = this.key(creds, ctx);
    if (this.cache.get(key)?.token === token) this.cache.delete(key);
  }

  private async exchange(creds: AmazonCredentials, ctx: AdapterContext, key: string): Promise<string> {
    const body = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: creds.refreshToken,
      client_id: creds.clientId,
      client_secret: creds.clientSecret,
    }).toString();
    const res = await ctx.http({
      method: 'POST',
      url: withBaseUrl(LWA_TOKEN_URL, ctx.shop.baseUrl),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8', Accept: 'application/json' },
      body,
      signal: ctx.signal,
    });
    if (res.status === 200) {
      const ok = TokenAnswer.safeParse(res.json);
      if (!ok.success) throw new PlatformError('server', 'Login with Amazon answered without a usable access token', { httpStatus: 200 });
      const { access_token, expires_in, refresh_token } = ok.data;
      this.cache.set(key, { token: access_token, useUntil: ctx.now() + Math.max(0, expires_in * 1000 - this.marginMs) });
      // LWA normally echoes the same refresh token; if it ever rotates one, the engine must keep the new one.
      if (refresh_token && refresh_token !== creds.refreshToken) ctx.saveCredentials({ ...creds, refreshToken: refresh_token });
      return access_token;
    }
    throw lwaError(res.status, res.json, res.headers.get('retry-after'), ctx.now());
  }
}

function lwaError(status: number, json: unknown, retryAfter: string | null, now: number): PlatformError {
  const parsed = OAuthError.safeParse(json);
  const code = parsed.success ? parsed.data.error : undefined;
  const why = parsed.success ? (parsed.data.error_description ?? parsed.data.error) : `HTTP ${status}`;
  const details = { platformCode: code, httpStatus: status };
  if (status === 429) return new PlatformError('throttled', `Login with Amazon is throttling token requests: ${why}`, { ...details, retryAfterMs: parseRetryAfter(retryAfter, now) });
  if (status >= 500) return new PlatformError('server', `Login with Amazon failed: ${why}`, details);
  if (code === 'invalid_grant') {
    return new PlatformError('auth', `Amazon refused the refresh token: ${why}. Authorize ShopDesk again in Seller Central and paste the new refresh token.`, details);
  }
  if (code === 'invalid_client' || status === 401) {
    return new PlatformError('auth', `Amazon refused the app's client id or secret: ${why}. Check the LWA credentials of the ShopDesk app.`, details);
  }
  // invalid_request, unsupported_grant_type…: our request is wrong, but the seller can only fix it by re-entering keys.
  return new PlatformError('auth', `Login with Amazon refused the token request: ${why}`, details);
}
