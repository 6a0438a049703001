import { z } from 'zod';
import type { AdapterContext } from '../../adapter.js';
import { withBaseUrl } from '../../http.js';
import { PlatformError } from '../../platform-error.js';
import type { KsCredentials } from './credentials.js';

export const KS_HOST = 'https://openapi.kwaixiaodian.com';

export interface KsTokenPair {
  accessToken: string;
  refreshToken: string;
}

const Refreshed = z.object({ result: z.literal(1), access_token: z.string().min(1), refresh_token: z.string().min(1), expires_in: z.number().optional() });
const Refused = z.object({ result: z.number().optional(), error: z.string().optional(), error_msg: z.string().optional() });

interface Entry {
  pair: KsTokenPair;
  /** Refresh tokens this pair replaced: credentials still carrying one of them are older copies of the same shop. */
  replaced: Set<string>;
}

/**
 * The shop's live token pair, and refreshing it (POST /oauth2/refresh_token, §7.2 [S]). Kuaishou hands out a new
 * refresh token with each refresh and the old one should be taken as spent [U], so a refreshed pair is saved at once
 * (ctx.saveCredentials) and also kept here: the engine built this run's context before the refresh, and a later call
 * in the same run (the after-sales listing, a write-back) must use the new pair, not refresh again with the old one.
 * Concurrent callers share one refresh.
 */
export class KsTokens {
  private readonly live = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<KsTokenPair>>();

  private key(creds: KsCredentials, ctx: AdapterContext): string {
    return `${ctx.shop.shopId}\u0000${creds.appKey}`;
  }

  current(creds: KsCredentials, ctx: AdapterContext): KsTokenPair {
    const hit = this.live.get(this.key(creds, ctx));
    if (hit && (hit.pair.refreshToken === creds.refreshToken || hit.replaced.has(creds.refreshToken))) return hit.pair;
    // New credentials typed in by the seller win over anything remembered.
    return { accessToken: creds.accessToken, refreshToken: creds.refreshToken };
  }

  /** A fresh pair, unless `expiredAccess` was already replaced by another caller's refresh. */
  refresh(creds: KsCredentials, ctx: AdapterContext, expiredAccess: string): Promise<KsTokenPair> {
    const key = this.key(creds, ctx);
    const now = this.current(creds, ctx);
    if (now.accessToken !== expiredAccess) return Promise.resolve(now);
    let p = this.inFlight.get(key);
    if (!p) {
      p = this.exchange(creds, ctx, now).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, p);
    }
    return p;
  }

  private async exchange(creds: KsCredentials, ctx: AdapterContext, old: KsTokenPair): Promise<KsTokenPair> {
    ctx.note('Kuaishou access token expired; refreshing it');
    const res = await ctx.http({
      method: 'POST',
      url: withBaseUrl(`${KS_HOST}/oauth2/refresh_token`, ctx.shop.baseUrl),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8', Accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'refresh_token', app_id: creds.appKey, app_secret: creds.appSecret, refresh_token: old.refreshToken }).toString(),
      signal: ctx.signal,
    });
    if (res.status >= 500) throw new PlatformError('server', `Kuaishou's token service answered HTTP ${res.status}`, { httpStatus: res.status });
    const ok = Refreshed.safeParse(res.json);
    if (ok.success) {
      const pair = { accessToken: ok.data.access_token, refreshToken: ok.data.refresh_token };
      const key = this.key(creds, ctx);
      const replaced = new Set(this.live.get(key)?.replaced ?? []);
      replaced.add(old.refreshToken);
      replaced.add(creds.refreshToken);
      this.live.set(key, { pair, replaced });
      ctx.saveCredentials({ ...creds, ...pair });
      return pair;
    }
    const no = Refused.safeParse(res.json);
    const said = no.success ? (no.data.error_msg ?? no.data.error ?? `result ${no.data.result}`) : `HTTP ${res.status}`;
    const code = no.success && no.data.result !== undefined ? String(no.data.result) : undefined;
    throw new PlatformError('auth', `Kuaishou refused to refresh the access token (${said}): the refresh token has expired (180 days) or was withdrawn; authorize ShopDesk again in the Kuaishou merchant back office and paste the new accessToken and refreshToken`, { platformCode: code, httpStatus: res.status });
  }
}
