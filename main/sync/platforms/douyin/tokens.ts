import { z } from 'zod';
import type { AdapterContext } from '../../adapter.js';
import { PlatformError } from '../../platform-error.js';
import { credentialsRecord, type DouyinCredentials } from './credentials.js';
import type { Envelope } from './errors.js';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

/** token.refresh's data (§5.3); shop_id comes as a number or a string depending on the SDK generation. */
const RefreshData = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().optional(),
  shop_id: z.union([z.number(), z.string()]).optional(),
});

/** Sends one signed call without an access token (token.* methods), answering the envelope. */
export type TokenCall = (method: string, params: Record<string, unknown>) => Promise<Envelope>;

/**
 * 抖店 access tokens expire (days) and are renewed with the refresh token (valid 14 days, rotated at every renewal):
 * token.refresh {grant_type: refresh_token}. A renewed pair is saved through ctx.saveCredentials at once — the old
 * refresh token may stop working — and remembered here per shop, because the context of a sync that is still
 * running keeps the credentials it started with. One renewal per shop at a time; concurrent callers share it.
 */
export class DouyinTokens {
  /** Per shop: the pair that replaced `from` (the access token the shop's stored credentials had). */
  private readonly rotated = new Map<string, TokenPair & { from: string }>();
  private readonly inFlight = new Map<string, Promise<TokenPair>>();

  /** A shop of one database at one endpoint (two cores in one process — a test, the CLI — may number shops alike). */
  private key(ctx: AdapterContext, creds: DouyinCredentials): string {
    return `${ctx.shop.shopId}\u0000${ctx.shop.baseUrl ?? ''}\u0000${creds.appKey}`;
  }

  current(ctx: AdapterContext, creds: DouyinCredentials): TokenPair {
    const r = this.rotated.get(this.key(ctx, creds));
    if (r && r.from === creds.accessToken) return { accessToken: r.accessToken, refreshToken: r.refreshToken };
    return { accessToken: creds.accessToken, refreshToken: creds.refreshToken };
  }

  refresh(ctx: AdapterContext, creds: DouyinCredentials, stale: TokenPair, call: TokenCall): Promise<TokenPair> {
    const key = `${this.key(ctx, creds)}\u0000${stale.refreshToken}`;
    let p = this.inFlight.get(key);
    if (!p) {
      p = this.exchange(ctx, creds, stale, call).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, p);
    }
    return p;
  }

  private async exchange(ctx: AdapterContext, creds: DouyinCredentials, stale: TokenPair, call: TokenCall): Promise<TokenPair> {
    ctx.note('抖店 access token expired; renewing it');
    const env = await call('token.refresh', { grant_type: 'refresh_token', refresh_token: stale.refreshToken });
    if (env.code !== 10000) {
      // Throttling and 5xx stay retryable (the caller's retry repeats the renewal); anything else means the seller
      // has to authorize again: the refresh token is expired (14 days without a sync), revoked or from another app.
      if (env.code === 60000 || env.code === 20000 || env.code === 20001) {
        throw new PlatformError(env.code === 60000 ? 'throttled' : 'server', `抖店 token.refresh: ${env.sub_msg || env.msg || 'failed'}`, { platformCode: env.sub_code || String(env.code) });
      }
      throw new PlatformError(
        'auth',
        `抖店 would not renew the access token (${env.sub_msg || env.msg || 'refused'}): the refresh token is expired or revoked; re-authorize ShopDesk in the 抖店 service market and enter the new tokens`,
        { platformCode: env.sub_code || String(env.code) },
      );
    }
    const data = RefreshData.safeParse(env.data);
    if (!data.success) throw new PlatformError('server', '抖店 token.refresh answered without access_token/refresh_token');
    const next: TokenPair = { accessToken: data.data.access_token, refreshToken: data.data.refresh_token };
    const shopId = creds.shopId ?? (data.data.shop_id !== undefined ? String(data.data.shop_id) : undefined);
    ctx.saveCredentials(credentialsRecord({ ...creds, ...next, ...(shopId ? { shopId } : {}) }));
    this.rotated.set(this.key(ctx, creds), { ...next, from: creds.accessToken });
    return next;
  }
}
