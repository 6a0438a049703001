import type { PiiPurpose, PiiRequest, PiiResult } from '../../adapter.js';
import { parseCnTimeOrNull } from '../../edge.js';
import { PlatformError } from '../../platform-error.js';
import type { TopClient } from './client.js';
import { TopReceiver, topList } from './payload.js';

export const DECRYPT_API = 'taobao.top.oaid.decrypt';
/** TOP decrypts at most 20 receivers per call (§4.8). */
export const DECRYPT_BATCH = 20;

/**
 * Why ShopDesk decrypts → TOP's scene code (§4.8). A label is printed before ShopDesk knows which e-waybill service
 * will carry it, so printing uses 1004 ("other e-waybill"), the scene that fits every carrier; the carrier-specific
 * 1001–1003 would be wrong whenever the packer changes carrier at the bench.
 */
export const SCENE: Readonly<Record<PiiPurpose, string>> = {
  print_waybill: '1004',
  after_sales: '2001',
  customer_care: '2002',
};

/**
 * Receivers' plaintext through taobao.top.oaid.decrypt, ≤ 20 per call, keyed by tid. The result is handed back to
 * the caller only (PiiService records that it happened, never what it said). A stale OAID (matched=false) is
 * refused per order with what to do: TOP issues a new OAID when the buyer changes the address, and only a fresh
 * fullinfo (a re-sync) carries it.
 */
export async function decryptReceivers(reqs: readonly PiiRequest[], purpose: PiiPurpose, client: TopClient): Promise<Map<string, PiiResult>> {
  const out = new Map<string, PiiResult>();
  const ready: { tid: string; oaid: string; orderId: string }[] = [];
  for (const r of reqs) {
    const tid = r.ref.tid || r.platformOrderId;
    if (!r.ref.oaid) out.set(r.platformOrderId, { ok: false, message: `Taobao trade ${r.platformOrderId}: no OAID was stored for its address; sync the order again` });
    else ready.push({ tid, oaid: r.ref.oaid, orderId: r.platformOrderId });
  }
  for (let i = 0; i < ready.length; i += DECRYPT_BATCH) {
    const batch = ready.slice(i, i + DECRYPT_BATCH);
    // Serialized once: the exact string sent is the one signed (§4.2).
    const queryList = JSON.stringify(batch.map((b) => ({ tid: b.tid, oaid: b.oaid, scene: SCENE[purpose] })));
    const body = await client.call(DECRYPT_API, { query_list: queryList });
    const list = topList('receiver', TopReceiver).safeParse(body.receiver_list);
    if (!list.success) throw new PlatformError('server', `Taobao ${DECRYPT_API}: receiver_list is not in the documented shape`);
    const byTid = new Map(list.data.map((r) => [r.tid ?? r.order_id ?? '', r]));
    for (const b of batch) {
      const r = byTid.get(b.tid);
      if (!r) {
        out.set(b.orderId, { ok: false, message: `Taobao returned no address for trade ${b.tid}` });
      } else if (r.matched === false) {
        // Only an explicit false counts: the field is documented as always present [U].
        out.set(b.orderId, { ok: false, message: `Taobao trade ${b.tid}: the stored OAID is out of date (the buyer changed the address?); sync the order again, then print`, platformCode: 'matched=false' });
      } else {
        out.set(b.orderId, {
          ok: true,
          address: {
            name: r.name ?? '',
            phone: r.mobile || r.phone || '',
            country: r.country || 'CN',
            province: r.state ?? null,
            city: r.city ?? null,
            district: r.district ?? null,
            town: r.town ?? null,
            address1: r.address_detail ?? '',
            // With privacy protection the mobile is a relay number with an extension ("188xxxx1111-123"): print it as is.
            virtualPhone: r.privacy_protection === true,
            expiresAt: parseCnTimeOrNull(r.secret_no_expire_time),
          },
        });
      }
    }
  }
  return out;
}
