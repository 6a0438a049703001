import { randomBytes } from 'node:crypto';
import type { SimClock, SimRequest, SimResponse } from '../base.js';

export interface LwaApp {
  clientId: string;
  clientSecret: string;
  /** Refresh tokens the seller granted; removing one is the seller revoking ShopDesk. */
  refreshTokens: Set<string>;
}

export interface AccessTokens {
  /** access token → expiry (sim clock ms) */
  live: Map<string, number>;
  issued: number;
}

const oauthError = (status: number, error: string, description: string): SimResponse => ({ status, body: { error_description: description, error } });

/** POST /auth/o2/token — Login with Amazon's refresh_token grant (§2.1), tokens valid 3600 s on the sim clock. */
export function lwaToken(app: LwaApp, tokens: AccessTokens, clock: SimClock, req: SimRequest): SimResponse {
  if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    return oauthError(400, 'invalid_request', 'The request has an invalid parameter : Content-Type'); // [U] wording
  }
  const form = new URLSearchParams(req.body);
  const grant = form.get('grant_type');
  if (!grant) return oauthError(400, 'invalid_request', 'The request is missing a required parameter : grant_type');
  if (grant !== 'refresh_token') return oauthError(400, 'unsupported_grant_type', `The authorization grant type is not supported : ${grant}`); // [U]
  if (form.get('client_id') !== app.clientId || form.get('client_secret') !== app.clientSecret) {
    return oauthError(401, 'invalid_client', 'Client authentication failed');
  }
  const refresh = form.get('refresh_token');
  if (!refresh) return oauthError(400, 'invalid_request', 'The request is missing a required parameter : refresh_token');
  if (!app.refreshTokens.has(refresh)) return oauthError(400, 'invalid_grant', 'The request has an invalid grant parameter : refresh_token');
  const access = `Atza|${randomBytes(24).toString('base64url')}`;
  tokens.live.set(access, clock.now() + 3600_000);
  tokens.issued++;
  return { status: 200, body: { access_token: access, refresh_token: refresh, token_type: 'bearer', expires_in: 3600 } };
}
