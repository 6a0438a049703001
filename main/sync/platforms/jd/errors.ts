import { PlatformError } from '../../platform-error.js';

/**
 * JOS gateway error codes ({"error_response":{code, zh_desc, en_desc}}). 12 (无效签名), 15 (不存在的方法名) and 19
 * (无效access_token) are seen in several JOS clients [S]; the reference lists no others, so the rest of this table is
 * ShopDesk's assumption [U], kept in one place so a sandbox answer corrects it here and in the simulator's copy.
 */
export const JD_GATEWAY = {
  serviceUnavailable: '1', // [U]
  badParameter: '3', // [U] missing or invalid parameter
  invalidAppKey: '11', // [U]
  invalidSign: '12', // [S]
  invalidTimestamp: '13', // [U] timestamp malformed or too far from JD's clock
  invalidMethod: '15', // [S]
  invalidToken: '19', // [S] expired, revoked or unknown access_token
  callLimited: '21', // [U] call frequency over the app's limit
} as const;

/** Codes for a JD back end that failed behind the gateway [U]: transient, worth a retry. */
const SERVER_CODES = new Set<string>([JD_GATEWAY.serviceUnavailable, '65', '66', '67']);

export interface JdGatewayError {
  code: string;
  zh_desc?: string;
  en_desc?: string;
}

/** A gateway error as a PlatformError, in words a seller can act on. Never includes request parameters (secrets). */
export function jdGatewayError(method: string, e: JdGatewayError): PlatformError {
  const said = [e.zh_desc, e.en_desc].filter(Boolean).join(' / ') || 'no description';
  const details = { platformCode: e.code };
  switch (e.code) {
    case JD_GATEWAY.invalidToken:
      return new PlatformError('auth', `JD refused the access token (${said}): it has expired or the seller withdrew the authorization; authorize ShopDesk again on the JD open platform and paste the new access token`, details);
    case JD_GATEWAY.invalidSign:
      return new PlatformError('auth', `JD says the request signature is wrong (${said}): check the shop's appSecret`, details);
    case JD_GATEWAY.invalidAppKey:
      return new PlatformError('auth', `JD does not know this appKey (${said}): check the shop's appKey`, details);
    case JD_GATEWAY.invalidTimestamp:
      return new PlatformError('bad_request', `JD refused the request time (${said}): this computer's clock or time zone is off; JD expects China time (GMT+8)`, details);
    case JD_GATEWAY.callLimited:
      return new PlatformError('throttled', `JD is limiting calls to ${method} (${said})`, details);
    default:
      if (SERVER_CODES.has(e.code)) return new PlatformError('server', `JD could not serve ${method} (${said})`, details);
      return new PlatformError('bad_request', `JD rejected ${method} (${said})`, details);
  }
}
