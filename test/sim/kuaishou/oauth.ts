import { randomBytes } from 'node:crypto';
import type { SimRequest, SimResponse } from '../base.js';
import { readParams } from './gateway.js';

export interface TokenBook {
  appKey: string;
  appSecret: string;
  /** access token → expiry (sim-clock ms) */
  access: Map<string, number>;
  refresh: Set<string>;
  refreshes: number;
}

const ACCESS_TTL_MS = 48 * 3600_000; // §7.2 [S]

export const newToken = (prefix: string) => `${prefix}${randomBytes(18).toString('base64url')}`;

/**
 * POST /oauth2/refresh_token (grant_type=refresh_token, app_id, app_secret, refresh_token) [S]: a new access token
 * (48 h) and a new refresh token; the old refresh token is spent [U]. Refusals carry result ≠ 1 with error and
 * error_msg (100200100/100200101 as Kuaishou's OAuth documents them for parameters and app credentials [S];
 * the refresh-token code is [U]).
 */
export function refreshToken(book: TokenBook, req: SimRequest, now: number): SimResponse {
  if (req.method !== 'POST') return { status: 405, body: { result: 100200100, error: 'invalid_request', error_msg: '请使用POST' } };
  const p = readParams(req);
  if (p.grant_type !== 'refresh_token' || !p.app_id || !p.app_secret || !p.refresh_token) return { status: 200, body: { result: 100200100, error: 'invalid_request', error_msg: '参数有误' } };
  if (p.app_id !== book.appKey || p.app_secret !== book.appSecret) return { status: 200, body: { result: 100200101, error: 'invalid_client', error_msg: '验证出错，请检查app_id和app_secret' } };
  if (!book.refresh.has(p.refresh_token)) return { status: 200, body: { result: 100200104, error: 'invalid_grant', error_msg: 'refresh_token无效或已过期' } };
  book.refresh.delete(p.refresh_token);
  const access = newToken('ChFvYXV0aC5hY2Nlc3NUb2tlbh');
  const refresh = newToken('ChJvYXV0aC5yZWZyZXNoVG9rZW4S');
  book.access.set(access, now + ACCESS_TTL_MS);
  book.refresh.add(refresh);
  book.refreshes++;
  return { status: 200, body: { result: 1, access_token: access, refresh_token: refresh, expires_in: ACCESS_TTL_MS / 1000, refresh_token_expires_in: 15_552_000, scopes: ['merchant_order', 'merchant_refund', 'merchant_logistics'] } };
}
