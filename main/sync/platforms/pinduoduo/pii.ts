import type { PiiRequest, PiiResult, RevealedAddress } from '../../adapter.js';
import { PlatformError } from '../../platform-error.js';
import type { PddClient } from './client.js';
import { PII_CIPHER_KEYS } from './mapping.js';
import { DecryptResponse, describeIssue } from './payload.js';

/** pdd.open.decrypt.batch takes at most 100 ciphertexts per call (§6.2). */
export const DECRYPT_BATCH = 100;
type CipherKey = (typeof PII_CIPHER_KEYS)[number];

interface Wanted {
  sn: string;
  ref: Record<string, string>;
}

/** Orders whose three ciphertexts fit in one call, an order never split across two. */
function batches(list: readonly Wanted[]): Wanted[][] {
  const per = Math.floor(DECRYPT_BATCH / PII_CIPHER_KEYS.length);
  const out: Wanted[][] = [];
  for (let i = 0; i < list.length; i += per) out.push(list.slice(i, i + per));
  return out;
}

/**
 * The detail part of an address. PDD's full-address plaintext (data_type 7) repeats province, city and district in
 * front; the label prints those from their own fields, so they are cut from the start when they are there.
 */
export function detailOf(address: string, ref: Record<string, string>): string {
  let rest = address.trim();
  for (const part of [ref.province, ref.city, ref.district]) {
    const p = part?.trim();
    if (p && rest.startsWith(p)) rest = rest.slice(p.length).trimStart();
  }
  return rest || address.trim();
}

/**
 * Decrypts the receivers of the given orders through pdd.open.decrypt.batch, the only way PDD hands out plaintext.
 * The plaintext lives in the returned map only. PDD takes no purpose; ShopDesk records it with each decryption.
 * An item PDD refuses (its error_code) fails that order alone, with PDD's words and code.
 */
export async function decryptPddAddresses(client: PddClient, reqs: readonly PiiRequest[]): Promise<Map<string, PiiResult>> {
  const out = new Map<string, PiiResult>();
  const wanted: Wanted[] = [];
  for (const r of reqs) {
    const missing = PII_CIPHER_KEYS.filter((k) => !r.ref[k]);
    if (missing.length) {
      out.set(r.platformOrderId, {
        ok: false,
        message: `order ${r.platformOrderId}: Pinduoduo gave no ciphertext for ${missing.join(', ')} (it only does while the order waits to ship and is not under review); sync the order again`,
      });
    } else wanted.push({ sn: r.platformOrderId, ref: r.ref });
  }
  for (const batch of batches(wanted)) {
    const dataList = batch.flatMap((w) => PII_CIPHER_KEYS.map((k) => ({ data_tag: w.sn, encrypted_data: w.ref[k]! })));
    const body = await client.call('pdd.open.decrypt.batch', { data_list: dataList }, 'open_decrypt_batch_response');
    const parsed = DecryptResponse.safeParse(body);
    if (!parsed.success) {
      const { field, problem } = describeIssue(parsed.error);
      throw new PlatformError('server', `Pinduoduo answered pdd.open.decrypt.batch with an unreadable ${field}: ${problem}`);
    }
    // Matched by (order, ciphertext): the answer's order is not promised, and data_type labels vary by field era.
    const byKey = new Map(parsed.data.data_decrypt_list.map((d) => [`${d.data_tag}\u0000${d.encrypted_data}`, d]));
    for (const w of batch) {
      const plain: Partial<Record<CipherKey, string>> = {};
      let failure: PiiResult | null = null;
      for (const k of PII_CIPHER_KEYS) {
        const d = byKey.get(`${w.sn}\u0000${w.ref[k]}`);
        if (!d || (d.error_code ?? 0) !== 0 || !d.decrypted_data) {
          const why = d ? (d.error_msg?.trim() || `error ${d.error_code}`) : 'no answer for it';
          failure = { ok: false, message: `order ${w.sn}: Pinduoduo would not decrypt ${k}: ${why}`, ...(d?.error_code ? { platformCode: String(d.error_code) } : {}) };
          break;
        }
        plain[k] = d.decrypted_data;
      }
      out.set(w.sn, failure ?? { ok: true, address: revealed(plain as Record<CipherKey, string>, w.ref) });
    }
  }
  return out;
}

function revealed(plain: Record<CipherKey, string>, ref: Record<string, string>): RevealedAddress {
  const phone = plain.receiver_phone.trim();
  return {
    name: plain.receiver_name.trim(),
    phone,
    country: 'CN',
    province: ref.province ?? null,
    city: ref.city ?? null,
    district: ref.district ?? null,
    address1: detailOf(plain.receiver_address, ref),
    // PDD privacy numbers come as a number plus an extension (138xxxx0000-1234): print them as given.
    virtualPhone: /^\d{11}-\d{1,6}$/.test(phone),
  };
}
