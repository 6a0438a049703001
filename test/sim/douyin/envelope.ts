import type { SimResponse } from '../base.js';

/**
 * 抖店's envelopes (platform-apis.md §5.4). With the header x-open-no-old-err-code: 1 the gateway answers
 * {code, msg, sub_code, sub_msg, log_id, data}; without it, the legacy {err_no, message, data} that the new clients
 * cannot read. Codes and sub_codes are the platform's basic error table and the per-API codes on the API pages as
 * quoted by independent clients [S]; wording marked [U] is ours.
 */
export interface DyError {
  code: number;
  msg: string;
  sub_code: string;
  sub_msg: string;
  data?: unknown;
}

export const E = {
  // gateway (40001 missing / 40003 illegal, platform-checked)
  signatureMissing: (): DyError => ({ code: 40001, msg: '缺少必选参数', sub_code: 'isv.signature-missing', sub_msg: '获取签名失败，请根据文档确保参数拼装正确' }),
  appIdMissing: (): DyError => ({ code: 40001, msg: '缺少必选参数', sub_code: 'isv.app-id-missing', sub_msg: '认证失败，app_key不存在' }),
  accessTokenMissing: (): DyError => ({ code: 40001, msg: '缺少必选参数', sub_code: 'isv.access-token-missing', sub_msg: '认证失败，access_token不能为空' }),
  signatureInvalid: (): DyError => ({ code: 40003, msg: '非法的参数', sub_code: 'isv.signature-invalid', sub_msg: '签名校验失败' }),
  appIdInvalid: (): DyError => ({ code: 40003, msg: '非法的参数', sub_code: 'isv.app-id-invalid', sub_msg: '认证失败，app_key格式不正确，应为19位纯数字' }),
  formatInvalid: (why: string): DyError => ({ code: 40003, msg: '非法的参数', sub_code: 'isv.parameter-format-invalid', sub_msg: `业务参数json解析失败: ${why}` }),
  timestampInvalid: (): DyError => ({ code: 40003, msg: '非法的参数', sub_code: 'isv.timestamp-invalid', sub_msg: '时间戳不合法' }),
  timestampFormat: (): DyError => ({ code: 40003, msg: '非法的参数', sub_code: 'isv.timestamp-format-error', sub_msg: '时间戳格式错误' }),
  tokenExpired: (): DyError => ({ code: 40003, msg: '非法的参数', sub_code: 'isv.access-token-expired', sub_msg: 'access_token已过期' }),
  tokenNoExisted: (): DyError => ({ code: 40003, msg: '非法的参数', sub_code: 'isv.access-token-no-existed', sub_msg: 'access_token不存在，请使用最新的access_token访问' }),
  tokenInvalid: (): DyError => ({ code: 40003, msg: '非法的参数', sub_code: 'isv.access-token-invalid', sub_msg: 'app_key和access_token不匹配，请仔细检查' }),
  apiOff: (): DyError => ({ code: 70000, msg: '接口服务已下线', sub_code: 'isp.api-service-off', sub_msg: 'API不存在或API已下线' }),
  // infrastructure
  serviceError: (): DyError => ({ code: 20000, msg: '服务不可用', sub_code: 'isp.service-error:20005', sub_msg: '系统繁忙，请稍后重试' }),
  rateLimited: (): DyError => ({ code: 60000, msg: '触发限流，请稍后重试', sub_code: 'isp.traffic-limited:10001', sub_msg: '请求过于频繁，请稍后重试' }), // [U] number
  // business
  missing: (what: string): DyError => ({ code: 40002, msg: '缺少必选参数', sub_code: 'isv.missing-parameter', sub_msg: `${what}不能为空` }), // [U] suffix
  invalid: (n: number | string, why: string): DyError => ({ code: 40004, msg: '非法的参数', sub_code: `isv.parameter-invalid:${n}`, sub_msg: why }),
  failed: (n: number | string, why: string): DyError => ({ code: 50002, msg: '业务处理失败', sub_code: `isv.business-failed:${n}`, sub_msg: why }),
  tokenGenerate: (what: string, why: string): DyError => ({ code: 50001, msg: '平台处理失败', sub_code: `dop.token-generate-failed:${what}`, sub_msg: why }),
} as const;

let logSeq = 0;
/** log_id like 抖店's: a time stamp and a counter (support asks for it). */
export function nextLogId(nowMs: number): string {
  logSeq++;
  return `${new Date(nowMs).toISOString().replace(/\D/g, '').slice(0, 14)}${String(logSeq).padStart(6, '0')}`;
}

export function okEnvelope(data: unknown, logId: string): Record<string, unknown> {
  return { code: 10000, msg: 'success', sub_code: '', sub_msg: '', log_id: logId, data };
}

export function errEnvelope(e: DyError, logId: string): Record<string, unknown> {
  return { code: e.code, msg: e.msg, sub_code: e.sub_code, sub_msg: e.sub_msg, log_id: logId, data: e.data ?? {} };
}

/** The legacy envelope, for clients that do not send x-open-no-old-err-code: 1. */
export function legacyEnvelope(body: Record<string, unknown>): SimResponse {
  const ok = body.code === 10000;
  return { status: 200, body: { err_no: ok ? 0 : Number(body.code), message: ok ? 'success' : String(body.sub_msg || body.msg), data: body.data } };
}
