import type { SimResponse } from '../base.js';
import { ok, paramError } from './envelope.js';
import { fullAddress } from './fixtures.js';
import { Refusal } from './increment.js';
import type { PddSimState } from './state.js';

/** data_type of each field (§6.2): 5 name, 6 phone, 7 full address. */
const DATA_TYPE = { name: 5, phone: 6, address: 7 } as const;
/** Per-item refusal code [U]. */
export const DECRYPT_REFUSED = 50001;

/**
 * pdd.open.decrypt.batch (§6.2): data_list is a JSON list of {data_tag: order_sn, encrypted_data}, at most 100.
 * Every call is counted: plaintext leaves the platform only here. A ciphertext that is unknown, belongs to another
 * order, or whose order is closed gets a per-item error_code, the rest of the batch is answered.
 */
export function decryptBatch(state: PddSimState, f: Readonly<Record<string, string>>): SimResponse {
  const now = state.clock.now();
  let list: unknown;
  try {
    list = JSON.parse(f.data_list ?? '');
  } catch {
    throw new Refusal(paramError(now, 'data_list', '不是合法的JSON'));
  }
  if (!Array.isArray(list) || list.length === 0) throw new Refusal(paramError(now, 'data_list', '不能为空'));
  if (list.length > 100) throw new Refusal(paramError(now, 'data_list', '数量不能超过100'));
  state.decrypt.calls++;
  state.decrypt.items += list.length;
  const out = list.map((item: unknown) => {
    const it = (item ?? {}) as { data_tag?: unknown; encrypted_data?: unknown };
    const tag = String(it.data_tag ?? '');
    const ct = String(it.encrypted_data ?? '');
    const c = state.ciphers.get(ct);
    const o = c ? state.orders.get(c.sn) : undefined;
    const refuse = (msg: string) => ({ data_tag: tag, encrypted_data: ct, decrypted_data: null, data_type: null, error_code: DECRYPT_REFUSED, error_msg: msg });
    if (!c || !o || c.sn !== tag) return refuse('密文不存在或与data_tag不匹配');
    if (o.confirmStatus === 2) return refuse('订单已关闭，不允许解密');
    const r = o.receiver;
    const plain = c.field === 'name' ? r.name : c.field === 'phone' ? r.phone : fullAddress(r);
    return { data_tag: tag, encrypted_data: ct, decrypted_data: plain, data_type: DATA_TYPE[c.field], error_code: 0, error_msg: '' };
  });
  return ok('open_decrypt_batch_response', { data_decrypt_list: out });
}
