import { AppError } from '../../shared/errors.js';
import type { EventLog } from '../history/events.js';
import type { ShopStore } from '../shops/shop-store.js';
import type { DB } from '../store/db.js';
import type { AdapterContext, PiiPurpose, PiiResult, RevealedAddress } from './adapter.js';
import type { HttpClient } from './http.js';
import type { AdapterRegistry } from './registry.js';

interface OrderPiiRow {
  id: number;
  shop_id: number;
  platform_order_id: string;
  pii_masked: number;
  buyer_name: string | null;
  buyer_phone: string | null;
  country: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  address1: string | null;
  postcode: string | null;
  ref: string | null;
}

export interface RevealActor {
  actor: string;
  operatorId?: number | null;
  stationId?: number | null;
}

/**
 * Buyers' addresses for the label, and nothing else. Platforms that hand out masked data (Taobao OAID, Douyin, PDD,
 * JD, Kuaishou) are asked through their own decrypt call, per shop in the batches the adapter allows; every
 * decryption is recorded as an event on the order (who, which station, why — never the plaintext), and the result
 * lives only in the caller's memory. Orders stored in the clear (Shopify, WooCommerce, manual) come back as stored.
 */
export class PiiService {
  constructor(
    private readonly db: DB,
    private readonly shops: ShopStore,
    private readonly adapters: AdapterRegistry,
    private readonly log: EventLog,
    private readonly http: HttpClient,
    private readonly now: () => number,
  ) {}

  async reveal(orderIds: readonly number[], purpose: PiiPurpose, who: RevealActor, signal: AbortSignal = new AbortController().signal): Promise<Map<number, PiiResult>> {
    const out = new Map<number, PiiResult>();
    const rows: OrderPiiRow[] = [];
    const get = this.db.prepare(`SELECT o.id, o.shop_id, o.platform_order_id, o.pii_masked, o.buyer_name, o.buyer_phone, o.country,
        o.province, o.city, o.district, o.address1, o.postcode, p.ref
      FROM orders o LEFT JOIN order_pii p ON p.order_id = o.id WHERE o.id = ?`);
    for (const id of orderIds) {
      const r = get.get(id) as OrderPiiRow | undefined;
      if (!r) throw new AppError('not_found', `order ${id} does not exist`, { id });
      rows.push(r);
    }
    const byShop = new Map<number, OrderPiiRow[]>();
    for (const r of rows) {
      if (!r.pii_masked) out.set(r.id, { ok: true, address: stored(r) });
      else byShop.set(r.shop_id, [...(byShop.get(r.shop_id) ?? []), r]);
    }
    for (const [shopId, masked] of byShop) {
      const shop = this.shops.info(shopId);
      const adapter = this.adapters.require(shop.platform);
      if (!adapter.decryptAddresses) {
        for (const r of masked) out.set(r.id, { ok: false, message: `${shop.platform} addresses cannot be decrypted by ShopDesk: print this order's label with the platform's own waybill tool` });
        continue;
      }
      const list = masked.filter((r) => r.ref);
      for (const r of masked) {
        if (!r.ref) out.set(r.id, { ok: false, message: `order ${r.platform_order_id}: the platform gave no reference to decrypt its address; sync the order again` });
      }
      if (!list.length) continue;
      const ctx: AdapterContext = {
        shop: this.shops.context(shopId),
        http: this.http,
        now: this.now,
        signal,
        saveCredentials: (next) => this.shops.saveCredentials(shopId, next),
        note: () => {},
      };
      const results = await adapter.decryptAddresses(
        list.map((r) => ({ platformOrderId: r.platform_order_id, ref: JSON.parse(r.ref ?? '{}') as Record<string, string> })),
        purpose,
        ctx,
      );
      const at = this.now();
      this.db.transaction(() => {
        for (const r of list) {
          const res = results.get(r.platform_order_id) ?? { ok: false as const, message: `the platform returned nothing for order ${r.platform_order_id}` };
          out.set(r.id, res);
          this.log.record({
            at,
            actor: who.actor,
            entity: 'order',
            entityId: r.id,
            action: 'pii_decrypted',
            reason: purpose,
            data: res.ok ? { platform: shop.platform, ok: true } : { platform: shop.platform, ok: false, error: res.message },
            operatorId: who.operatorId ?? null,
            stationId: who.stationId ?? null,
          });
        }
      })();
    }
    return out;
  }
}

function stored(r: OrderPiiRow): RevealedAddress {
  return { name: r.buyer_name ?? '', phone: r.buyer_phone ?? '', country: r.country, province: r.province, city: r.city, district: r.district, address1: r.address1 ?? '', postcode: r.postcode };
}
