import { randomBytes } from 'node:crypto';
import { E } from './envelope.js';
import type { Answer } from './orders.js';
import type { DouyinSimState } from './state.js';

const HOUR = 3600_000;
/** Refresh tokens live 14 days (§5.3). */
export const REFRESH_TTL_MS = 14 * 24 * HOUR;

const newToken = () => randomBytes(18).toString('hex');

/** Registers an access/refresh pair valid from now on the sim clock. */
export function issuePair(state: DouyinSimState, access = newToken(), refresh = newToken()): { access: string; refresh: string } {
  const now = state.clock.now();
  state.tokens.access.set(access, { expiresAt: now + state.tokens.accessTtlMs, refresh });
  state.tokens.refresh.set(refresh, { expiresAt: now + REFRESH_TTL_MS, access });
  return { access, refresh };
}

/**
 * token.refresh {grant_type: refresh_token, refresh_token} (§5.3): a refresh token is good for 14 days; renewing
 * more than an hour before the access token expires returns the same pair; otherwise a new pair is issued and the
 * old refresh token stops working. Failures are 50001 dop.token-generate-failed:* [S].
 */
export function tokenRefresh(state: DouyinSimState, p: Record<string, unknown>): Answer {
  if (p.grant_type !== 'refresh_token') return { ok: false, error: E.tokenGenerate('grant-type-invalid', '生成token失败，grant_type参数取值不正确，请参照文档根据应用类型填写不同的值') };
  if (typeof p.refresh_token !== 'string' || !p.refresh_token) return { ok: false, error: E.missing('refresh_token') };
  const r = state.tokens.refresh.get(p.refresh_token);
  if (!r) return { ok: false, error: E.tokenGenerate('token-invalid', '生成token失败，token不存在') };
  const now = state.clock.now();
  if (now >= r.expiresAt) return { ok: false, error: E.tokenGenerate('token-expired', '生成token失败，token已过期') };
  let pair = { access: r.access, refresh: p.refresh_token };
  const current = state.tokens.access.get(r.access);
  if (!current || current.expiresAt - now <= HOUR) {
    state.tokens.access.delete(r.access);
    state.tokens.refresh.delete(p.refresh_token);
    pair = issuePair(state);
    state.tokens.issued++;
  }
  const live = state.tokens.access.get(pair.access)!;
  return {
    ok: true,
    data: {
      access_token: pair.access,
      // [U] documented as "秒级时间戳"; answered as seconds to live, like every SDK reads it.
      expires_in: Math.round((live.expiresAt - now) / 1000),
      refresh_token: pair.refresh,
      scope: 'SCOPE',
      shop_id: state.shopId,
      shop_name: '模拟抖店',
      authority_id: '',
      auth_subject_type: '',
    },
  };
}
