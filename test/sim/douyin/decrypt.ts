import { E } from './envelope.js';
import type { Answer } from './orders.js';
import type { DouyinSimState } from './state.js';

/** Orders whose ciphertexts the platform refuses to decrypt (closed long ago, risk control…): order id → reason. */
export type Refusals = Map<string, string>;

/**
 * order.batchDecrypt (§5.9): at most 50 cipher_infos; each item answers on its own with err_no/err_msg; when any
 * failed the envelope is code 50002 isv.business-failed:300008 "解密接口存在部分失败" with the items still in data
 * [S]. A privacy number comes back as "main-extension" with is_virtual_tel and its expiry. Every call is counted:
 * decrypting is what the platform audits, and printing a label is the only reason to do it.
 */
export function batchDecrypt(state: DouyinSimState, p: Record<string, unknown>, refusals: Refusals): Answer {
  const infos = p.cipher_infos;
  if (!Array.isArray(infos) || infos.length === 0) return { ok: false, error: E.missing('cipher_infos') };
  if (infos.length > 50) return { ok: false, error: E.invalid(300001, '最大支持一次解密50条数据') }; // [U] number
  state.decrypt.calls++;
  const out = infos.map((raw: unknown) => {
    const i = (raw ?? {}) as { auth_id?: unknown; cipher_text?: unknown };
    const authId = String(i.auth_id ?? '');
    const cipher = String(i.cipher_text ?? '');
    const plain = state.ciphers.get(cipher);
    const base = { auth_id: authId, cipher_text: cipher, decrypt_text: '', data_type: plain?.dataType ?? 0, is_virtual_tel: false, phone_no_a: '', phone_no_b: '', expire_time: 0 };
    if (!plain || plain.orderId !== authId) return { ...base, err_no: 300002, err_msg: '密文不合法或与auth_id不匹配' }; // [U]
    const refused = refusals.get(authId);
    if (refused) return { ...base, err_no: 300005, err_msg: refused }; // [U]
    state.decrypt.ciphertexts++;
    state.decrypt.authIds.push(authId);
    if (plain.virtual) {
      const v = plain.virtual;
      return { ...base, decrypt_text: `${v.a}-${v.b}`, is_virtual_tel: true, phone_no_a: v.a, phone_no_b: v.b, expire_time: v.expire, err_no: 0, err_msg: '' };
    }
    return { ...base, decrypt_text: plain.text, err_no: 0, err_msg: '' };
  });
  const failed = out.filter((o) => o.err_no !== 0).length;
  const data = { decrypt_infos: out, custom_err: { err_code: failed ? 300008 : 0, err_msg: failed ? '解密接口存在部分失败' : '' } };
  if (failed) return { ok: false, error: { ...E.failed(300008, '300008:解密接口存在部分失败'), data } };
  return { ok: true, data };
}
