import { PlatformError } from '../../platform-error.js';

/**
 * Kuaishou's gateway answers HTTP 200 with {result, error_msg} (result 1 = success) and, on the newer gateway,
 * {code, msg, subCode, subMsg}. Only result 24 (AUTHORIZATION_REVOKED) and the business failure 2001 / code 807000 are
 * in the reference [S]; the other result codes here are ShopDesk's assumptions [U], kept in one table that the
 * simulator mirrors and a sandbox answer would correct.
 */
export const KS_RESULT = {
  ok: 1,
  callLimited: 15, // [U]
  invalidAppKey: 16, // [U]
  invalidSign: 17, // [U]
  invalidTimestamp: 18, // [U]
  authorizationRevoked: 24, // [S] FAQ K0006
  tokenExpired: 28, // [U] the one code that triggers a refresh
  tokenInvalid: 29, // [U]
  business: 2001, // [S] with code 807000 业务处理失败 and the reason in subMsg
} as const;

export interface KsEnvelope {
  result?: number;
  error_msg?: string;
  code?: string | number;
  msg?: string;
  subCode?: string;
  subMsg?: string;
  sub_code?: string;
  sub_msg?: string;
  data?: unknown;
}

const REAUTHORIZE = 'authorize ShopDesk again in the Kuaishou merchant back office and paste the new accessToken and refreshToken';

/** A failed envelope as a PlatformError in words a seller can act on; never carries request parameters. */
export function ksError(method: string, env: KsEnvelope): PlatformError {
  const subCode = env.subCode ?? env.sub_code;
  const said = env.subMsg ?? env.sub_msg ?? env.error_msg ?? env.msg ?? 'no reason given';
  const platformCode = subCode ?? (env.code !== undefined ? String(env.code) : env.result !== undefined ? String(env.result) : undefined);
  const details = { platformCode };
  switch (env.result) {
    case KS_RESULT.tokenExpired:
      return new PlatformError('auth', `Kuaishou says the access token has expired (${said}) and refreshing it did not help; ${REAUTHORIZE}`, { platformCode: String(env.result) });
    case KS_RESULT.tokenInvalid:
    case KS_RESULT.authorizationRevoked:
      return new PlatformError('auth', `Kuaishou refused the access token (${said}): the seller withdrew the authorization or it was replaced; ${REAUTHORIZE}`, { platformCode: String(env.result) });
    case KS_RESULT.invalidSign:
      return new PlatformError('auth', `Kuaishou says the request signature is wrong (${said}): check the shop's signSecret (not the appSecret) and signMethod`, { platformCode: String(env.result) });
    case KS_RESULT.invalidAppKey:
      return new PlatformError('auth', `Kuaishou does not know this appKey (${said}): check the shop's appKey`, { platformCode: String(env.result) });
    case KS_RESULT.invalidTimestamp:
      return new PlatformError('bad_request', `Kuaishou refused the request time (${said}): this computer's clock is off`, { platformCode: String(env.result) });
    case KS_RESULT.callLimited:
      return new PlatformError('throttled', `Kuaishou is limiting calls to ${method} (${said})`, { platformCode: String(env.result) });
    default:
      return new PlatformError('bad_request', `Kuaishou rejected ${method}: ${said}`, details);
  }
}

export function isTokenExpired(e: unknown): boolean {
  return e instanceof PlatformError && e.kind === 'auth' && e.details.platformCode === String(KS_RESULT.tokenExpired);
}
