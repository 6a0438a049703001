import { randomBytes } from 'node:crypto';
import type { SimResponse } from '../base.js';

/** TOP answers errors with HTTP 200 and this envelope (§4.9). */
export interface TopSimError {
  code: number;
  msg: string;
  sub_code?: string;
  sub_msg?: string;
}

export const requestId = () => randomBytes(6).toString('hex');

/** Keys TOP sends as JSON numbers; the sim keeps them as decimal strings and writes them bare (19 digits and all). */
const NUMERIC_IDS = /"(tid|oid|num_iid)":"(\d+)"/g;

/** JSON text as TOP writes it: ids as numbers, even past 2^53 (which is what breaks a naive JSON.parse). */
export function topJson(body: unknown): string {
  return JSON.stringify(body).replace(NUMERIC_IDS, '"$1":$2');
}

const json = (body: unknown): SimResponse => ({ status: 200, headers: { 'Content-Type': 'application/json;charset=UTF-8' }, body: topJson(body) });

export function topErr(e: TopSimError): SimResponse {
  return json({ error_response: { code: e.code, msg: e.msg, ...(e.sub_code ? { sub_code: e.sub_code } : {}), ...(e.sub_msg ? { sub_msg: e.sub_msg } : {}), request_id: requestId() } });
}

/** `taobao.trade.fullinfo.get` → `{"trade_fullinfo_get_response":{…,"request_id":…}}`. */
export function topOk(api: string, inner: Record<string, unknown>): SimResponse {
  return json({ [`${api.replace(/^taobao\./, '').replace(/\./g, '_')}_response`]: { ...inner, request_id: requestId() } });
}

/** A business error (code 15 "Remote service error" with an isv.* / isp.* sub_code). */
export const remote = (sub_code: string, sub_msg: string): SimResponse => topErr({ code: 15, msg: 'Remote service error', sub_code, sub_msg });
export const missing = (name: string): SimResponse => topErr({ code: 40, msg: `Missing required arguments:${name}` });
export const invalid = (name: string, why: string): SimResponse => topErr({ code: 41, msg: `Invalid arguments:${name}`, sub_code: 'isv.invalid-parameter', sub_msg: why });
