import type { SimResponse } from '../base.js';

/**
 * PDD's error envelope: HTTP 200 with {"error_response":{error_code, error_msg, sub_code, sub_msg, request_id}}
 * (§6.1). Codes seen in SDK users' logs are [S]; the rest are our choice [U] (no public catalogue was found).
 */
export const SIM_CODE = {
  param: 10000, // 参数错误:<name> [S]
  unknownClient: 10016, // [U]
  token: 10019, // access_token已过期 [S]
  sign: 20004, // 签名验证失败 [S]
  timestamp: 20005, // [U]
  busy: 50000, // 系统繁忙 [U]
  business: 50001, // 业务服务错误 + sub_msg [S]
  throttled: 52101, // 限流 [U]
} as const;

let seq = 0;
/** Numeric request ids like PDD's ("15749321782103707"). */
export function requestId(now: number): string {
  seq = (seq + 1) % 10_000;
  return `${now}${String(seq).padStart(4, '0')}`;
}

export function pddError(now: number, code: number, msg: string, subMsg = msg, subCode: string | null = String(code)): SimResponse {
  return { status: 200, body: { error_response: { error_code: code, error_msg: msg, sub_code: subCode, sub_msg: subMsg, request_id: requestId(now) } } };
}

export const paramError = (now: number, name: string, why?: string) => pddError(now, SIM_CODE.param, `参数错误:${name}`, why ? `参数错误:${name}, ${why}` : `参数错误:${name}`);
export const businessError = (now: number, subMsg: string) => pddError(now, SIM_CODE.business, '业务服务错误', subMsg, String(SIM_CODE.business));

export function ok(key: string, body: Record<string, unknown>): SimResponse {
  return { status: 200, body: { [key]: body } };
}
