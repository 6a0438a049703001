import { z } from 'zod';
import type { AdapterContext, PiiRequest, PiiResult, RevealedAddress } from '../../adapter.js';
import { fromUnixSecondsOrNull } from '../../edge.js';
import { PlatformError } from '../../platform-error.js';
import type { DouyinClient } from './client.js';
import { DecryptInfo } from './payload.js';

/** order.batchDecrypt takes at most 50 ciphertexts a call (§5.9). */
export const DECRYPT_BATCH = 50;

/** batchDecrypt's "partly failed" (code 50002): data.decrypt_infos still holds every item, each with its own err_no [S]. */
export const PARTLY_FAILED = 'isv.business-failed:300008';

type Slot = 'name' | 'phone' | 'address';

/** piiRef keys (mapping.ts) → what they decrypt to. */
const REF_SLOTS: readonly (readonly [string, Slot])[] = [
  ['receiver', 'name'],
  ['tel', 'phone'],
  ['detail', 'address'],
];

/** data_type: 1 address, 2 name, 3 phone, 5 phone that is never a privacy number (4 is an ID card: not ours). */
const SLOT_BY_TYPE: Readonly<Record<number, Slot>> = { 1: 'address', 2: 'name', 3: 'phone', 5: 'phone' };

const SLOT_WORD: Record<Slot, string> = { name: 'name', phone: 'phone', address: 'street address' };

interface Job {
  orderId: string;
  ref: Record<string, string>;
  ciphers: { slot: Slot; text: string }[];
}

const DecryptData = z.looseObject({ decrypt_infos: z.array(z.unknown()).nullish() });

/** Packs whole orders into calls of at most DECRYPT_BATCH ciphertexts (an order's three stay together). */
function batches(jobs: Job[]): Job[][] {
  const out: Job[][] = [];
  let cur: Job[] = [];
  let n = 0;
  for (const j of jobs) {
    if (n + j.ciphers.length > DECRYPT_BATCH && cur.length) {
      out.push(cur);
      cur = [];
      n = 0;
    }
    cur.push(j);
    n += j.ciphers.length;
  }
  if (cur.length) out.push(cur);
  return out;
}

function assemble(job: Job, infos: DecryptInfo[]): PiiResult {
  const got = new Map<Slot, DecryptInfo>();
  for (const info of infos) {
    const bySend = job.ciphers.find((c) => c.text === info.cipher_text)?.slot;
    const slot = SLOT_BY_TYPE[Number(info.data_type)] ?? bySend;
    if (slot) got.set(slot, info);
  }
  for (const { slot } of job.ciphers) {
    const info = got.get(slot);
    if (!info) return { ok: false, message: `order ${job.orderId}: 抖店 returned nothing for the ${SLOT_WORD[slot]}` };
    const errNo = Number(info.err_no ?? 0);
    if (errNo !== 0 || typeof info.decrypt_text !== 'string') {
      return { ok: false, message: `order ${job.orderId}: 抖店 would not decrypt the ${SLOT_WORD[slot]}: ${info.err_msg || 'no reason given'}`, platformCode: String(info.err_no ?? '') };
    }
  }
  const text = (slot: Slot) => got.get(slot)!.decrypt_text!;
  const phone = got.get('phone')!;
  const virtual = phone.is_virtual_tel === true;
  const address: RevealedAddress = {
    name: text('name'),
    // A privacy number comes as main-extension ("18400913965-7576"): printed as given, the courier dials both.
    phone: virtual && !text('phone').includes('-') && phone.phone_no_a ? `${phone.phone_no_a}-${phone.phone_no_b ?? ''}` : text('phone'),
    country: 'CN',
    province: job.ref.province ?? null,
    city: job.ref.city ?? null,
    district: job.ref.town ?? null,
    town: job.ref.street ?? null,
    address1: text('address'),
    postcode: null,
    virtualPhone: virtual,
    expiresAt: virtual ? fromUnixSecondsOrNull(phone.expire_time ?? null) : null,
  };
  return { ok: true, address };
}

/**
 * Decrypts receivers through order.batchDecrypt {cipher_infos: [{auth_id: order id, cipher_text}]}, 50 ciphertexts
 * a call. The plaintext goes back to the caller only (the label), never into the store or a log. An order 抖店 will
 * not decrypt (closed long ago, not this shop's) gets {ok:false} with 抖店's reason; the others still print.
 */
export async function decryptDouyinAddresses(client: DouyinClient, reqs: readonly PiiRequest[], ctx: AdapterContext): Promise<Map<string, PiiResult>> {
  const out = new Map<string, PiiResult>();
  const jobs: Job[] = [];
  for (const r of reqs) {
    const missing = REF_SLOTS.filter(([key]) => !r.ref[key]).map(([key]) => key);
    if (missing.length) {
      out.set(r.platformOrderId, { ok: false, message: `order ${r.platformOrderId}: no 抖店 ciphertext for ${missing.join(', ')}; sync the order again` });
      continue;
    }
    jobs.push({ orderId: r.platformOrderId, ref: r.ref, ciphers: REF_SLOTS.map(([key, slot]) => ({ slot, text: r.ref[key]! })) });
  }
  for (const batch of batches(jobs)) {
    const cipher_infos = batch.flatMap((j) => j.ciphers.map((c) => ({ auth_id: j.orderId, cipher_text: c.text })));
    const env = await client.call(ctx, 'order.batchDecrypt', { cipher_infos }, { accept: (e) => e.sub_code === PARTLY_FAILED });
    const data = DecryptData.safeParse(env.data);
    if (!data.success) throw new PlatformError('server', `抖店 order.batchDecrypt answered without data.decrypt_infos (log_id ${env.log_id ?? 'none'})`);
    const infos = (data.data.decrypt_infos ?? []).flatMap((i) => {
      const p = DecryptInfo.safeParse(i);
      return p.success ? [p.data] : [];
    });
    for (const job of batch) out.set(job.orderId, assemble(job, infos.filter((i) => i.auth_id === job.orderId)));
  }
  return out;
}
